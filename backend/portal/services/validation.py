"""Field rules for producer input. Each returns a FieldError list (Vietnamese messages naming the field)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from catalog.models import Category, ProductVariant
from catalog.services import MAX_PRICE, sanitize_description
from core.errors import FieldError, ValidationFailed
from core.money import parse_vnd
from core.validators import validate_gtin13, validate_tax_code, validate_vn_phone


def sanitise_description(html: str) -> tuple[str, str]:
    """(clean HTML, plain text) of a producer's description (the catalogue's nh3 rules)."""
    return sanitize_description(html)


def raise_if(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationFailed(errors)


def check_required(value, field: str, label: str) -> list[FieldError]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return [FieldError(field, "REQUIRED", _("%(label)s: không được để trống.") % {"label": label})]
    return []


def check_tax_code(value: str, field: str = "tax_code") -> list[FieldError]:
    try:
        validate_tax_code(value)
    except ValidationError as exc:
        return [FieldError(field, "INVALID_TAX_CODE", _("Mã số thuế: %(m)s") % {"m": " ".join(exc.messages)})]
    return []


def check_phone(value: str, field: str = "phone") -> list[FieldError]:
    try:
        validate_vn_phone(value)
    except ValidationError as exc:
        return [FieldError(field, "INVALID_PHONE", _("Số điện thoại: %(m)s") % {"m": " ".join(exc.messages)})]
    return []


def check_gtin(value: str | None, *, exclude_variant_id: int | None = None, field: str = "gtin") -> list[FieldError]:
    """GTIN-13 with a valid check digit, unused by any other product's variant."""
    if not value:
        return []
    try:
        validate_gtin13(value)
    except ValidationError as exc:
        return [FieldError(field, "INVALID_GTIN", _("Mã GTIN-13: %(m)s") % {"m": " ".join(exc.messages)})]
    clash = ProductVariant.objects.filter(gtin=value)
    if exclude_variant_id:
        clash = clash.exclude(pk=exclude_variant_id)
    if clash.exists():
        return [FieldError(field, "UNIQUE",
                           _("Mã GTIN-13 %(v)s đã được dùng cho một sản phẩm khác.") % {"v": value})]
    return []


def check_sku(value: str, *, exclude_variant_id: int | None = None, field: str = "sku") -> list[FieldError]:
    errors = check_required(value, field, _("Mã SKU"))
    if errors:
        return errors
    if len(value) > 64:
        return [FieldError(field, "INVALID", _("Mã SKU: tối đa 64 ký tự."))]
    clash = ProductVariant.objects.filter(sku__iexact=value)
    if exclude_variant_id:
        clash = clash.exclude(pk=exclude_variant_id)
    if clash.exists():
        return [FieldError(field, "UNIQUE", _("Mã SKU %(v)s đã tồn tại.") % {"v": value})]
    return []


def check_price(value, field: str = "price") -> list[FieldError]:
    """Any way a price is typed that `core.money.parse_vnd` reads (150000, 150.000, 150.000 ₫, 150k)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return [FieldError(field, "REQUIRED", _("Giá đề xuất: không được để trống."))]
    amount = parse_vnd(value)
    if amount is None:
        return [FieldError(field, "INVALID",
                           _("Giá đề xuất: hãy nhập số tiền bằng đồng, ví dụ 150000, 150.000 ₫ hoặc 150k."))]
    if amount <= 0 or amount > MAX_PRICE:
        return [FieldError(field, "INVALID", _("Giá đề xuất phải lớn hơn 0 và không quá 1 tỉ đồng."))]
    return []


def check_category(category_id, field: str = "category") -> tuple[Category | None, list[FieldError]]:
    if not category_id:
        return None, [FieldError(field, "REQUIRED", _("Danh mục (nhóm OCOP): hãy chọn một nhóm."))]
    try:
        return Category.objects.get(pk=int(category_id)), []
    except (Category.DoesNotExist, TypeError, ValueError):
        return None, [FieldError(field, "NOT_FOUND", _("Danh mục (nhóm OCOP) không tồn tại."))]

