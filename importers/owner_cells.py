"""Owner cells as people fill them in: unit names, and the roles a cell may state.

"钟楼生态环境局、\n区工信局，北港街道" is a list of units (services.parsing splits it; spaces
separate units too, but "高新园 (邹区镇)" stays one). A cell may say who leads: "区住建局（牵头）",
"牵头：区发改局；配合：北港街道、新闸街道", "区发改局牵头，住建局配合". `lead_first(text)` gives
(unit, role) pairs: the roles the cell states, otherwise the office's rule — the first unit leads,
the rest cooperate. Cached: real tables repeat the same owner cells thousands of times.
"""

from __future__ import annotations

import functools
import re

from models import OwnerRole
from services.parsing import normalize_text, split_owner_names


@functools.lru_cache(maxsize=16384)
def owner_names(text: str) -> tuple[str, ...]:
    names = split_owner_names(text)
    if " " in text or "\u3000" in text:  # "区住建局 区发改局": spaces separate units too
        names = _split_spaced(names)
    return tuple(names)


_SPACE_IN_BRACKET = re.compile(r"\s*(\()\s*|\s*(\))")  # spaces before "(" and inside "( … )"


def _kept_bracket(match: re.Match) -> str:
    return match.group(1) or match.group(2)


def _split_spaced(names: list[str]) -> list[str]:
    """Split names at inner spaces, but keep "高新园 (邹区镇)" one unit (no space before "(")."""
    result: list[str] = []
    for name in names:
        for part in _SPACE_IN_BRACKET.sub(_kept_bracket, name).split():
            if part not in result:
                result.append(part)
    return result


_LEAD, _COOPERATING = OwnerRole.LEAD, OwnerRole.COOPERATING


@functools.lru_cache(maxsize=16384)
def lead_first(text: str) -> tuple[tuple[str, OwnerRole], ...]:
    """Roles the cell states ("区住建局（牵头）", "牵头：…；配合：…"); otherwise the office's
    rule: the first unit leads, the rest cooperate."""
    if not _ROLE_HINT.search(text):  # the common cell: no role written in it
        return tuple(
            (n, _LEAD if i == 0 else _COOPERATING) for i, n in enumerate(owner_names(text))
        )
    pairs = role_pairs(text)
    has_lead = any(role is _LEAD for _, role in pairs)
    return tuple(
        (name, role or (_LEAD if i == 0 and not has_lead else _COOPERATING))
        for i, (name, role) in enumerate(pairs)
    )


# Role words people write into an owner cell, and what they mean.
_ROLE_WORDS = {
    "牵头": _LEAD,
    "主办": _LEAD,
    "主责": _LEAD,
    "配合": _COOPERATING,
    "协办": _COOPERATING,
    "协助": _COOPERATING,
    "参与": _COOPERATING,
}
_ROLE = "|".join(_ROLE_WORDS)
_ROLE_HINT = re.compile(rf"{_ROLE}|[:：]")  # the rare cell that needs the slow reading below
_ROLE_LABEL = re.compile(rf"^(?:({_ROLE})|责任|实施|建设)?(?:单位|部门|主体)?:")  # "牵头：…"
_ROLE_BRACKET = re.compile(rf"\(({_ROLE})(?:单位|部门)?\)$")  # "区住建局(牵头)": this unit
_ROLE_SUFFIX = re.compile(rf"({_ROLE})(?:单位|部门)?$")  # "区发改局、住建局配合": the group
_ROLE_SEGMENTS = re.compile(r"[;,\n\r]+")
_ROLE_NAMES = re.compile(r"[、/\s]+")
_SPACE_AT_ROLE = re.compile(r"\s*([(:])\s*|\s*(\))")  # "区住建局 （牵头）", "牵头： 区发改局"


@functools.lru_cache(maxsize=16384)
def role_pairs(text: str) -> tuple[tuple[str, OwnerRole | None], ...]:
    """(unit, role the cell states or None) for each unit of an owner cell, annotations removed."""
    if not text or not _ROLE_HINT.search(text):
        return tuple((name, None) for name in owner_names(text))
    found: dict[str, OwnerRole | None] = {}
    labelled = None  # "牵头：" / "配合：" holds until the next label
    for segment in _ROLE_SEGMENTS.split(_SPACE_AT_ROLE.sub(_kept_bracket, normalize_text(text))):
        label = _ROLE_LABEL.match(segment)
        if label:
            labelled = _ROLE_WORDS.get(label.group(1) or "")
            segment = segment[label.end() :]
        bare: list[str] = []  # names without a role since the last annotated one
        for part in _ROLE_NAMES.split(segment):
            name, role, whole_group = _strip_role(part)
            if whole_group:
                for other in bare:
                    found[other] = role
            if name and name not in found:
                found[name] = role or labelled
                if found[name] is None:
                    bare.append(name)
            if role is not None:
                bare = []
    return tuple(found.items())


def _strip_role(part: str) -> tuple[str, OwnerRole | None, bool]:
    """ "区住建局(牵头)" → (区住建局, lead, False); "住建局配合" → (住建局, cooperating, True):
    a bare suffix also covers the names listed before it ("区发改局、住建局配合")."""
    bracket = _ROLE_BRACKET.search(part)
    if bracket:
        return part[: bracket.start()], _ROLE_WORDS[bracket.group(1)], False
    suffix = _ROLE_SUFFIX.search(part)
    if suffix:
        return part[: suffix.start()], _ROLE_WORDS[suffix.group(1)], True
    return part, None, False
