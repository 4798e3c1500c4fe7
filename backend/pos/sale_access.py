"""posSaleSync's entry checks, before anything about a sale is looked up or returned.

- A sale naming a shift the caller may not use (pos.access) is answered PERMISSION_DENIED without being
  looked at; a caller with no register at all gets nothing but the denial.
- A replayed client UUID reveals its order number and receipt token only when that order was sold through a
  register the caller may use; otherwise the answer is the same denial.
- A shift opened with a device token (pos.shifts.shift_open) takes sales only with that token.
- The buyer's invoice details are capped and checked for invisible characters (core.text_input).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.errors import FieldError
from core.text_input import check_text

from .access import registers_for_user
from .device import device_token_matches
from .models import PosSale, PosShift
from .sales import DUPLICATE, ERROR, SaleInput, SaleResult


def _denied(client_uuid: str) -> SaleResult:
    return SaleResult(client_uuid=str(client_uuid), status=ERROR, errors=[FieldError(
        field="shiftId", code="PERMISSION_DENIED",
        message=_("Không tìm thấy ca bán hàng hoặc bạn không được phân công ở quầy này."))])


def _wrong_device(client_uuid: str) -> SaleResult:
    return SaleResult(client_uuid=str(client_uuid), status=ERROR, errors=[FieldError(
        field="deviceToken", code="PERMISSION_DENIED",
        message=_("Máy này không phải máy đã mở ca; hãy mở ca trên máy này."))])


# Caps for the buyer's invoice details (names and addresses as on a VAT invoice).
BUYER_CAPS = {"name": 200, "address": 255, "tax_code": 20, "id_number": 20}


def buyer_problems(sale: SaleInput) -> list[FieldError]:
    errors: list[FieldError] = []
    for key, cap in BUYER_CAPS.items():
        check_text(errors, f"buyer.{key}", str((sale.buyer or {}).get(key) or ""), max_length=cap)
    check_text(errors, "customerEmail", sale.customer_email or "", max_length=254)
    return errors


def split_permitted(user, sales: list[SaleInput], device_tokens: list[str]) -> tuple[list[SaleInput], dict[int, SaleResult]]:
    """(the sales the caller may post, {position: denial} for the others)."""
    allowed_registers = set(registers_for_user(user).values_list("pk", flat=True))
    shifts = {s.pk: s for s in PosShift.objects.filter(pk__in={s.shift_id for s in sales},
                                                        register_id__in=allowed_registers)}
    permitted, denied = [], {}
    for i, (sale, token) in enumerate(zip(sales, device_tokens, strict=True)):
        shift = shifts.get(sale.shift_id)
        if shift is None:
            denied[i] = _denied(sale.client_uuid)
        elif not device_token_matches(shift, token):
            denied[i] = _wrong_device(sale.client_uuid)
        elif problems := buyer_problems(sale):
            denied[i] = SaleResult(client_uuid=str(sale.client_uuid), status=ERROR, errors=problems)
        else:
            permitted.append(sale)
    return permitted, denied


def redact_foreign_duplicates(user, results: list[SaleResult]) -> list[SaleResult]:
    """Duplicates of sales made through registers the caller may not use say nothing about them."""
    refs = [r.client_uuid for r in results if r.status == DUPLICATE]
    if not refs:
        return results
    allowed = set(registers_for_user(user).values_list("pk", flat=True))
    own = {str(u) for u in PosSale.objects.filter(client_uuid__in=refs, register_id__in=allowed)
           .values_list("client_uuid", flat=True)}
    return [_denied(r.client_uuid) if r.status == DUPLICATE and r.client_uuid not in own else r for r in results]


def merge(permitted_results: list[SaleResult], denied: dict[int, SaleResult], total: int) -> list[SaleResult]:
    """The answers in the order the sales were sent."""
    it = iter(permitted_results)
    return [denied[i] if i in denied else next(it) for i in range(total)]
