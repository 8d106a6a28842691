"""Typed user settings over QSettings: each option is declared once, with its key, type and default.

Modelled on Picard's option registry: a module that needs a setting declares it at import time,

    LAST_PLAN = Option("main/last_plan_id", int, 0)
    LAST_PLAN.value            # typed read (the default when unset or unreadable)
    LAST_PLAN.set(plan_id)     # typed write

and every reader and writer goes through the same declaration, so a key is never spelt twice and a
value of the wrong type never leaks out (QSettings' INI backend hands every value back as text).
Options live in the module that uses them; this module only holds the registry. It must never hold
project data (that lives in the database) nor import views or widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

ORGANIZATION = "GreenLedger"
APPLICATION = "GreenLedger"

_settings: QSettings | None = None
_registry: dict[str, Option] = {}


def use_settings_file(path: str | None) -> None:
    """Read and write settings in an INI file (tests, portable installs); None = the platform store."""
    global _settings
    if _settings is not None:
        _settings.sync()
    _settings = None if path is None else QSettings(str(path), QSettings.Format.IniFormat)


def settings() -> QSettings:
    """The shared QSettings object (created on first use, so QApplication names apply)."""
    global _settings
    if _settings is None:
        _settings = QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
        )
    return _settings


def _to_bool(raw: Any) -> bool:
    if isinstance(raw, str):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    return bool(raw)


def _to_bytes(raw: Any) -> QByteArray:
    if isinstance(raw, QByteArray):
        return raw
    if isinstance(raw, bytes | bytearray):
        return QByteArray(bytes(raw))
    raise TypeError(f"not bytes: {type(raw).__name__}")


def _to_str_list(raw: Any) -> list[str]:
    # A one-element list comes back from INI files as a plain string.
    if isinstance(raw, str):
        return [raw] if raw else []
    return [str(item) for item in raw]


_CONVERTERS: dict[type, Callable[[Any], Any]] = {
    bool: _to_bool,
    int: int,
    float: float,
    str: str,
    QByteArray: _to_bytes,
    list: _to_str_list,
}


class Option(Generic[T]):
    """One typed setting. Declaring the same key twice with another type is a programming error."""

    def __init__(self, key: str, kind: type[T], default: T, description: str = "") -> None:
        if kind not in _CONVERTERS:
            raise TypeError(f"unsupported option type for {key}: {kind!r}")
        existing = _registry.get(key)
        if existing is not None and (existing.kind is not kind or existing.default != default):
            raise ValueError(f"option {key!r} already declared differently")
        self.key, self.kind, self.default, self.description = key, kind, default, description
        _registry[key] = self

    @property
    def value(self) -> T:
        raw = settings().value(self.key)
        if raw is None:
            # A copy, so a caller appending to a list default cannot change the default.
            return list(self.default) if self.kind is list else self.default
        try:
            return _CONVERTERS[self.kind](raw)
        except (TypeError, ValueError):
            # A hand-edited or outdated settings file must not stop the app from starting.
            return self.default

    def set(self, value: T) -> None:
        if value is not None and self.kind is not QByteArray:
            value = _CONVERTERS[self.kind](value)
        settings().setValue(self.key, value)

    def reset(self) -> None:
        settings().remove(self.key)

    def __repr__(self) -> str:
        return f"Option({self.key!r}, {self.kind.__name__}, {self.default!r})"


def declared_options() -> dict[str, Option]:
    """Every option declared so far, by key (for a settings dialog or a support dump)."""
    return dict(_registry)


def sync() -> None:
    settings().sync()
