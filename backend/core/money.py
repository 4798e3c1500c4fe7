"""Money is integer VND (ISO 4217, zero decimals)."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

CURRENCY = "VND"


def format_vnd(amount: int | None) -> str:
    """125000 -> '125.000 ₫' (Vietnamese grouping with dots, non-breaking space before ₫)."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(int(amount)):,}".replace(",", ".") + "\u00a0₫"


def format_vnd_input(amount: int | None) -> str:
    """125000 -> '125.000': what a price field shows back (no currency sign)."""
    return "" if amount is None else f"{int(amount):,}".replace(",", ".")


_SUFFIXES = {"k": 1_000, "nghìn": 1_000, "ngàn": 1_000, "tr": 1_000_000, "triệu": 1_000_000}
_CURRENCY_WORDS = ("₫", "vnđ", "vnd", "đồng", "đ")
_GROUPED = re.compile(r"\d{1,3}(?:[.,\s]\d{3})+|\d+")
_SHORT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(k|nghìn|ngàn|tr|triệu)")


def parse_vnd(value) -> int | None:
    """A price as people type it: 150000, "150.000", "150,000", "150 000", "150.000 ₫", "150.000đ",
    "150k", "1,5tr" → 150000 (1500000 for the last). None when it is not a whole number of đồng.
    The one parser behind every price field of the producer portal."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = unicodedata.normalize("NFC", str(value or "")).strip().lower().replace("\u00a0", " ")
    for word in _CURRENCY_WORDS:
        if text.endswith(word):
            text = text[: -len(word)].strip()
            break
    if not text:
        return None
    short = _SHORT.fullmatch(text)
    if short:
        amount = Decimal(short.group(1).replace(",", ".")) * _SUFFIXES[short.group(2)]
        return int(amount) if amount == amount.to_integral_value() else None
    if _GROUPED.fullmatch(text):
        return int(re.sub(r"\D", "", text))
    return None
