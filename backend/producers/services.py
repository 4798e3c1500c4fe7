"""Producer rules: tax code (10 or 13 digits, unique), address in one of Thanh Hóa's 166 communes/wards
after the 2025 reform (from the `vietnam-provinces` package), contact details checked."""

from __future__ import annotations

import re
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from core.errors import DomainError, FieldError, ValidationFailed
from core.text import vn_slugify
from core.validators import normalise_phone, normalise_tax_code, validate_tax_code

from .models import LegalForm, Producer, ProducerStatus

THANH_HOA_PROVINCE_CODE = 38
THANH_HOA_NAME = "Thanh Hóa"
PHONE_RE = re.compile(r"^0\d{9,10}$")  # mobile (10 digits) or landline (11 digits incl. area code)

_FIELDS = ("name", "slug", "legal_form", "tax_code", "street_address", "ward_code", "former_district",
           "representative", "phone", "email", "website", "story", "is_active", "status", "status_reason",
           "metadata")


@lru_cache(maxsize=1)
def thanh_hoa_wards() -> dict[str, str]:
    """Ward/commune code → name for Thanh Hóa's 166 units (19 phường, 147 xã) after 1 July 2025."""
    from vietnam_provinces import Ward

    return {str(int(w.code)): w.name for w in Ward.iter_all() if int(w.province_code) == THANH_HOA_PROVINCE_CODE}


def normalised_tax_code(value: str) -> str:
    """'2801234567' stays; a branch code '2801234567001' is written '2801234567-001'."""
    value = normalise_tax_code(value)
    if len(value) == 13 and value.isdigit():
        value = f"{value[:10]}-{value[10:]}"
    return value


def _clean(data: dict, *, instance: Producer | None) -> dict:
    errors: list[FieldError] = []
    out = dict(data)
    if "name" in out:
        out["name"] = (out["name"] or "").strip()
        if not out["name"]:
            errors.append(FieldError("name", "REQUIRED", _("Thiếu tên chủ thể.")))
    if "legal_form" in out and out["legal_form"] not in LegalForm.values:
        errors.append(FieldError("legal_form", "INVALID", _("Loại hình chủ thể không hợp lệ.")))
    if "status" in out and out["status"] not in ProducerStatus.values:
        errors.append(FieldError("status", "INVALID", _("Trạng thái chủ thể không hợp lệ.")))
    if "tax_code" in out:
        out["tax_code"] = normalised_tax_code(out["tax_code"] or "")
        try:
            validate_tax_code(out["tax_code"])
        except ValidationError:
            errors.append(FieldError("tax_code", "INVALID_TAX_CODE", _("Mã số thuế phải gồm 10 hoặc 13 chữ số.")))
        else:
            clash = Producer.objects.filter(tax_code=out["tax_code"])
            if instance is not None:
                clash = clash.exclude(pk=instance.pk)
            if clash.exists():
                errors.append(FieldError("tax_code", "UNIQUE", _("Mã số thuế %(t)s đã được đăng ký.")
                                         % {"t": out["tax_code"]}))
    if "ward_code" in out:
        code = str(out["ward_code"] or "").strip().lstrip("0")
        wards = thanh_hoa_wards()
        if code not in wards:
            errors.append(FieldError("ward_code", "INVALID",
                                     _("Mã xã/phường %(c)s không thuộc tỉnh Thanh Hóa (166 đơn vị sau sắp xếp 2025).")
                                     % {"c": out["ward_code"]}))
        else:
            out["ward_code"] = code
            out["ward_name"] = wards[code]
            out["province_code"] = str(THANH_HOA_PROVINCE_CODE)
            out["province_name"] = THANH_HOA_NAME
    if out.get("phone"):
        out["phone"] = normalise_phone(out["phone"])
        if not PHONE_RE.match(out["phone"]):
            errors.append(FieldError("phone", "INVALID_PHONE", _("Số điện thoại không hợp lệ.")))
    if out.get("email"):
        out["email"] = out["email"].strip().lower()
        try:
            EmailValidator()(out["email"])
        except ValidationError:
            errors.append(FieldError("email", "INVALID", _("Địa chỉ email không hợp lệ.")))
    if out.get("website"):
        try:
            URLValidator(schemes=["http", "https"])(out["website"])
        except ValidationError:
            errors.append(FieldError("website", "INVALID", _("Địa chỉ website không hợp lệ.")))
    if "slug" in out:
        out["slug"] = vn_slugify(out["slug"] or out.get("name") or (instance.name if instance else ""))
        if not out["slug"]:
            errors.append(FieldError("slug", "REQUIRED", _("Thiếu đường dẫn (slug).")))
        else:
            clash = Producer.objects.filter(slug=out["slug"])
            if instance is not None:
                clash = clash.exclude(pk=instance.pk)
            if clash.exists():
                errors.append(FieldError("slug", "UNIQUE", _("Đường dẫn %(s)s đã được dùng.") % {"s": out["slug"]}))
    if errors:
        raise ValidationFailed(errors)
    return out


def producer_create(*, name: str, legal_form: str, tax_code: str, ward_code: str, slug: str | None = None,
                    **extra) -> Producer:
    unknown = set(extra) - set(_FIELDS)
    if unknown:
        raise DomainError(_("Trường không hợp lệ: %(f)s") % {"f": ", ".join(sorted(unknown))}, code="INVALID")
    data = _clean({"name": name, "legal_form": legal_form, "tax_code": tax_code, "ward_code": ward_code,
                   "slug": slug or "", **extra}, instance=None)
    return Producer.objects.create(**data)


def producer_update(*, producer: Producer, **changes) -> Producer:
    unknown = set(changes) - set(_FIELDS)
    if unknown:
        raise DomainError(_("Trường không hợp lệ: %(f)s") % {"f": ", ".join(sorted(unknown))}, code="INVALID")
    data = _clean(changes, instance=producer)
    for field, value in data.items():
        setattr(producer, field, value)
    producer.save()
    return producer
