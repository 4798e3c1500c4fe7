"""Amounts in Vietnamese words, as printed on invoices ("Số tiền viết bằng chữ")."""

from __future__ import annotations

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_GROUPS = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ"]


def _three(n: int, full: bool) -> str:
    hundreds, tens, units = n // 100, (n // 10) % 10, n % 10
    words: list[str] = []
    if full or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and (full or hundreds):
            words.append("lẻ")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens > 1:
            words.append("mốt")
        elif units == 5 and tens > 0:
            words.append("lăm")
        elif units == 4 and tens > 1:
            words.append("tư")
        else:
            words.append(_DIGITS[units])
    return " ".join(words)


def number_to_words(amount: int) -> str:
    """125000 → 'Một trăm hai mươi lăm nghìn đồng'."""
    if amount == 0:
        return "Không đồng"
    sign = "âm " if amount < 0 else ""
    n = abs(int(amount))
    groups: list[int] = []
    while n:
        groups.append(n % 1000)
        n //= 1000
    parts: list[str] = []
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            continue
        full = i < len(groups) - 1
        parts.append((_three(g, full) + " " + _GROUPS[i]).strip())
    text = sign + " ".join(parts) + " đồng"
    return text[0].upper() + text[1:]
