"""Length caps and character checks for free text people type (names, addresses, notes), with clear messages.

Refused: invisible or direction-changing characters (bidi overrides/isolates, zero-width characters, BOM),
control characters (line breaks only where the field is multi-line), and text longer than the field's cap.
Vietnamese letters, digits, punctuation and emoji are all fine.
"""

from __future__ import annotations

import unicodedata

from django.utils.translation import gettext as _

from .errors import FieldError

INVISIBLE = {0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x061C,
             *range(0x202A, 0x202F), *range(0x2066, 0x206A)}


def text_problem(value: str, *, max_length: int, multiline: bool = False) -> str | None:
    """Why the text is refused (a Vietnamese/English message), or None."""
    if len(value) > max_length:
        return _("Quá dài: tối đa %(max)s ký tự (đang có %(n)s).") % {"max": max_length, "n": len(value)}
    for ch in value:
        code = ord(ch)
        if code in INVISIBLE:
            return _("Có ký tự ẩn hoặc ký tự đổi chiều chữ (U+%(code)04X); hãy gõ lại.") % {"code": code}
        if unicodedata.category(ch) == "Cc" and not (multiline and ch in "\n\r\t"):
            return _("Có ký tự điều khiển không hợp lệ; hãy gõ lại.")
    return None


def check_text(errors: list[FieldError], field: str, value: str | None, *, max_length: int,
               multiline: bool = False) -> None:
    """Append an INVALID error for `field` when its text is refused."""
    problem = text_problem(value or "", max_length=max_length, multiline=multiline)
    if problem:
        errors.append(FieldError(field, "INVALID", problem))
