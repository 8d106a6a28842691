"""Traffic-light rules (红黄绿灯) of the schedule check: how far behind 序时进度 is yellow or red.

The office's default rule is set once from its settings (`set_default_rule`); `light_of`
judges hundredths of a percent, the integers the SQL in `services.schedule.counts` mirrors.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from models.base import to_money

FLAGS = ("on_track", "behind", "overdue", "done", "no_report")
DEFAULT_TOLERANCE = Decimal(10)


@dataclass(frozen=True)
class LightRule:
    """Traffic-light thresholds. `mode` "points": percentage points behind expected;
    "relative": percent of the expected progress missing. Yellow when the shortfall is more
    than `yellow`, red when more than `red`. `not_started_months`: not started this many
    months after the planned start is red (银川)."""

    key: str
    mode: str = "points"
    yellow: Decimal = DEFAULT_TOLERANCE
    red: Decimal = Decimal(30)
    not_started_months: int | None = None

    def __post_init__(self) -> None:
        if self.mode not in ("points", "relative"):
            raise ValueError(f"unknown light mode {self.mode!r}")
        if self.yellow < 0 or self.red < self.yellow:
            raise ValueError("thresholds must satisfy 0 ≤ yellow ≤ red")


PRESETS: dict[str, LightRule] = {
    # The office's default: behind when more than 10 points below 序时进度.
    "default": LightRule("default", "points", Decimal(10), Decimal(30)),
    # 银川: green ≥ 序时 (within 10 points), yellow 10–30 points behind, red > 30, and red when
    # not started 3 months after the planned start.
    "yinchuan": LightRule("yinchuan", "points", Decimal(10), Decimal(30), not_started_months=3),
    # 三亚: yellow when up to 50 % below the expected pace, red beyond.
    "sanya": LightRule("sanya", "relative", Decimal(0), Decimal(50)),
    # 天津 (bond funds): yellow up to 30 % below the expected pace, red beyond.
    "tianjin": LightRule("tianjin", "relative", Decimal(0), Decimal(30)),
}

_default_rule = PRESETS["default"]


def default_rule() -> LightRule:
    return _default_rule


def set_default_rule(rule: LightRule) -> None:
    """The application sets the office's chosen rule once from its settings."""
    global _default_rule
    _default_rule = rule


def rule_for(tolerance: Decimal | float | int | None = None, rule: LightRule | None = None):
    if rule is not None:
        return rule
    if tolerance is None:
        return _default_rule
    tolerance = Decimal(str(tolerance))
    return replace(PRESETS["default"], yellow=tolerance, red=max(PRESETS["default"].red, tolerance))


def to_cents(value: Decimal) -> int:
    """Hundredths (of a percent or of 万元) as an integer."""
    return int(to_money(value) * 100)


def light_of(rule: LightRule, expected: int, actual: int) -> str:
    """Green, yellow or red from hundredths of a percent; the SQL mirrors these integers."""
    gap = expected - actual
    if rule.mode == "points":
        red, yellow = gap > to_cents(rule.red), gap > to_cents(rule.yellow)
    else:
        # gap / expected > T %  ⇔  gap · 10000 > T·100 · expected (all integers).
        red = gap > 0 and gap * 10000 > to_cents(rule.red) * expected
        yellow = gap > 0 and gap * 10000 > to_cents(rule.yellow) * expected
    return "red" if red else "yellow" if yellow else "green"
