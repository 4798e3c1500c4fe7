"""Vietnamese addresses after the 2025 reform: province → commune/ward (no district), from the
`vietnam_provinces` package (34 provinces). Validation used by forms, services and GraphQL."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from vietnam_provinces import Province, Ward

from core.errors import FieldError, ValidationFailed
from core.text_input import check_text
from core.validators import normalise_phone, validate_vn_phone

THANH_HOA_CODE = "38"


def _pcode(code) -> str:
    return f"{int(code):02d}"


def _wcode(code) -> str:
    return f"{int(code):05d}"


@lru_cache(maxsize=1)
def provinces() -> list[tuple[str, str]]:
    """(code, name) of every province/city, Thanh Hóa first, then alphabetical."""
    rows = [(_pcode(p.code.value), p.name) for p in Province.iter_all()]
    rows.sort(key=lambda r: (r[0] != THANH_HOA_CODE, r[1]))
    return rows


@lru_cache(maxsize=1)
def _wards_index() -> tuple[dict[str, list[tuple[str, str]]], dict[str, tuple[str, str]]]:
    by_province: dict[str, list[tuple[str, str]]] = {}
    by_code: dict[str, tuple[str, str]] = {}
    for w in Ward.iter_all():
        p, c = _pcode(w.province_code.value), _wcode(w.code.value)
        by_province.setdefault(p, []).append((c, w.name))
        by_code[c] = (w.name, p)
    for rows in by_province.values():
        rows.sort(key=lambda r: r[1])
    return by_province, by_code


def province_name(code: str) -> str | None:
    return dict(provinces()).get(code)


def wards_of(province_code: str) -> list[tuple[str, str]]:
    return list(_wards_index()[0].get(province_code or "", []))


def ward_lookup(ward_code: str) -> tuple[str, str] | None:
    """(ward name, province code) of a ward code, or None."""
    return _wards_index()[1].get(ward_code or "")


@dataclass(frozen=True)
class AddressInput:
    full_name: str
    phone: str
    street_address: str
    province_code: str
    ward_code: str


def clean_address(data: AddressInput, *, prefix: str = "") -> dict:
    """Validate and normalise; returns the stored address dict or raises ValidationFailed (all fields)."""
    errors: list[FieldError] = []
    full_name = (data.full_name or "").strip()
    street = (data.street_address or "").strip()
    if not full_name:
        errors.append(FieldError(f"{prefix}fullName", "REQUIRED", _("Vui lòng nhập họ và tên người nhận.")))
    if not street:
        errors.append(FieldError(f"{prefix}streetAddress", "REQUIRED", _("Vui lòng nhập số nhà, tên đường/thôn.")))
    phone = normalise_phone(data.phone)
    try:
        validate_vn_phone(phone)
    except ValidationError:
        errors.append(FieldError(f"{prefix}phone", "INVALID_PHONE",
                                 _("Số điện thoại di động Việt Nam không hợp lệ (ví dụ 0912 345 678).")))
    check_text(errors, f"{prefix}fullName", full_name, max_length=100)
    check_text(errors, f"{prefix}streetAddress", street, max_length=255)
    pcode = (data.province_code or "").strip()
    wcode = (data.ward_code or "").strip()
    pname = province_name(pcode)
    ward = ward_lookup(wcode)
    if pname is None:
        errors.append(FieldError(f"{prefix}provinceCode", "INVALID", _("Vui lòng chọn tỉnh/thành phố.")))
    elif ward is None:
        errors.append(FieldError(f"{prefix}wardCode", "INVALID", _("Vui lòng chọn xã/phường.")))
    elif ward[1] != pcode:
        errors.append(FieldError(f"{prefix}wardCode", "INVALID",
                                 _("Xã/phường đã chọn không thuộc %(province)s.") % {"province": pname}))
    if errors:
        raise ValidationFailed(errors)
    return {"full_name": full_name[:200], "phone": phone, "street_address": street[:255], "ward_code": wcode,
            "ward_name": ward[0], "province_code": pcode, "province_name": pname, "country": "VN"}


def format_address(addr: dict | None) -> str:
    if not addr:
        return ""
    return ", ".join(x for x in (addr.get("street_address"), addr.get("ward_name"), addr.get("province_name")) if x)
