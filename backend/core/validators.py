"""Field validators shared by forms, services and the API. Messages in Vietnamese (English via i18n)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .gtin import is_valid_gtin

TAX_CODE_RE = re.compile(r"^\d{10}(-?\d{3})?$")
VN_MOBILE_RE = re.compile(r"^(?:\+?84|0)(3[2-9]|5[25689]|7[06-9]|8[1-689]|9[0-46-9])\d{7}$")


def validate_gtin13(value: str) -> None:
    if not value:
        return
    if not (value.isdigit() and len(value) == 13):
        raise ValidationError(_("Mã GTIN phải gồm đúng 13 chữ số."), code="invalid_gtin")
    if not is_valid_gtin(value, (13,)):
        raise ValidationError(_("Mã GTIN %(value)s sai số kiểm tra."), code="invalid_gtin", params={"value": value})


def normalise_tax_code(value: str) -> str:
    return (value or "").strip().replace(" ", "")


def validate_tax_code(value: str) -> None:
    """Vietnamese tax code (mã số thuế): 10 digits, or 13 for a branch (10 + '-' + 3)."""
    if not TAX_CODE_RE.match(normalise_tax_code(value)):
        raise ValidationError(_("Mã số thuế phải gồm 10 hoặc 13 chữ số."), code="invalid_tax_code")


def normalise_phone(value: str) -> str:
    digits = re.sub(r"[\s.\-()]", "", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def validate_vn_phone(value: str) -> None:
    if not VN_MOBILE_RE.match(normalise_phone(value)):
        raise ValidationError(_("Số điện thoại di động Việt Nam không hợp lệ."), code="invalid_phone")
