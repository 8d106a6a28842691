"""The project fields' labels in the user's language, from the registry (services.fields).

The grid's headers, the details form and the filters all name a field or a choice through
here, so a field's label is written once (its English title in the registry, its Chinese in
resources/i18n/greenledger_zh_CN.ts).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from services.fields import FIELDS


def field_title(key: str) -> str:
    field = FIELDS.get(key)
    return QCoreApplication.translate("Fields", field.title) if field else key


def choice_titles(key: str) -> dict[str, str]:
    """Stored value → label, in menu order, of a choice field (status, construction kind)."""
    field = FIELDS[key]
    return {
        value: QCoreApplication.translate("Fields", title)
        for value, title in zip(field.choices, field.choice_titles, strict=True)
    }


def choice_title(key: str, value: object) -> str:
    stored = getattr(value, "value", value)
    return choice_titles(key).get(str(stored), str(stored))
