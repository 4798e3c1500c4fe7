"""GTIN (GS1) check digits: weights 3,1,3,1… from the right of the payload."""

from __future__ import annotations


def gtin_check_digit(payload: str) -> int:
    if not payload.isdigit():
        raise ValueError("GTIN payload must be digits")
    total = 0
    for i, ch in enumerate(reversed(payload)):
        total += int(ch) * (3 if i % 2 == 0 else 1)
    return (10 - total % 10) % 10


def is_valid_gtin(code: str, lengths: tuple[int, ...] = (8, 12, 13, 14)) -> bool:
    code = (code or "").strip()
    if not code.isdigit() or len(code) not in lengths:
        return False
    return gtin_check_digit(code[:-1]) == int(code[-1])


def gtin14(code: str) -> str:
    """Left-pad a GTIN-8/12/13 to GTIN-14 (as GS1 Digital Link requires)."""
    return code.strip().zfill(14)
