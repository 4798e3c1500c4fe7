"""Money is integer VND (ISO 4217, zero decimals)."""

from __future__ import annotations

CURRENCY = "VND"


def format_vnd(amount: int | None) -> str:
    """125000 -> '125.000 ₫' (Vietnamese grouping with dots, non-breaking space before ₫)."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(int(amount)):,}".replace(",", ".") + "\u00a0₫"
