"""Shift services: open with a counted float, cash in/out, close with a denomination count."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.money import format_vnd
from orders.models import Order, OrderStatus
from payments.models import PaymentMethod, TransactionItem

from .access import register_for_user, shift_for_user
from .models import DENOMINATIONS, CashMovementKind, PosCashMovement, PosReturn, PosShift, ShiftStatus
from .underpaid import underpaid_in_shift

POS_METHODS = (PaymentMethod.CASH, PaymentMethod.VIETQR, PaymentMethod.CARD)


def count_cash(counts: dict) -> int:
    """Sum a {denomination: count} mapping; only Vietnamese banknotes 500.000 … 1.000 ₫."""
    total = 0
    for raw_denom, raw_count in (counts or {}).items():
        try:
            denom, count = int(raw_denom), int(raw_count)
        except (TypeError, ValueError):
            raise DomainError(_("Số tờ tiền không hợp lệ."), field="counts", code="INVALID") from None
        if denom not in DENOMINATIONS:
            raise DomainError(_("Mệnh giá %(d)s không được chấp nhận.") % {"d": denom}, field="counts",
                              code="INVALID")
        if count < 0:
            raise DomainError(_("Số tờ tiền không được âm."), field="counts", code="INVALID")
        total += denom * count
    return total


def _ensure_open(shift: PosShift) -> None:
    if not shift.is_open:
        raise DomainError(_("Ca bán hàng đã đóng; không thể thay đổi."), field="shift", code="SHIFT_CLOSED")


@transaction.atomic
def shift_open(*, user, register_id: int, counts: dict | None = None, opening_float: int | None = None) -> PosShift:
    register = register_for_user(user, register_id)
    if not register.is_active:
        raise DomainError(_("Quầy đã ngừng hoạt động."), field="register", code="REGISTER_INACTIVE")
    amount = count_cash(counts) if counts else int(opening_float or 0)
    if amount < 0:
        raise DomainError(_("Tiền đầu ca không được âm."), field="openingFloat", code="INVALID")
    if PosShift.objects.filter(register=register, status=ShiftStatus.OPEN).exists():
        raise DomainError(_("Quầy này đang có ca mở."), field="register", code="SHIFT_ALREADY_OPEN")
    try:
        with transaction.atomic():
            return PosShift.objects.create(register=register, opened_by=user, opening_float=amount,
                                           opening_counts={str(k): int(v) for k, v in (counts or {}).items()})
    except IntegrityError:
        raise DomainError(_("Quầy này đang có ca mở."), field="register", code="SHIFT_ALREADY_OPEN") from None


@transaction.atomic
def cash_movement_create(*, user, shift_id: int, kind: str, amount: int, reason: str) -> PosCashMovement:
    shift = shift_for_user(user, shift_id, lock=True)
    _ensure_open(shift)
    if kind not in CashMovementKind.values:
        raise DomainError(_("Loại thu/chi không hợp lệ."), field="kind", code="INVALID")
    if not isinstance(amount, int) or amount <= 0:
        raise DomainError(_("Số tiền phải lớn hơn 0."), field="amount", code="INVALID")
    if not (reason or "").strip():
        raise DomainError(_("Vui lòng nhập lý do."), field="reason", code="REQUIRED")
    if kind == CashMovementKind.CASH_OUT and amount > expected_amounts(shift)[PaymentMethod.CASH]:
        raise DomainError(_("Số tiền rút vượt quá tiền mặt trong két."), field="amount", code="INVALID")
    return PosCashMovement.objects.create(shift=shift, kind=kind, amount=amount, reason=reason.strip(), user=user)


def expected_amounts(shift: PosShift) -> dict[str, int]:
    """What the drawer and the terminals should hold for the shift, per payment method."""
    charged = dict(
        TransactionItem.objects.filter(order__pos_sale__shift=shift).values("method")
        .annotate(s=Sum("amount_charged")).values_list("method", "s")
    )
    refunded = dict(
        PosReturn.objects.filter(shift=shift).values("refund_method").annotate(s=Sum("amount"))
        .values_list("refund_method", "s")
    )
    moves = dict(shift.cash_movements.values("kind").annotate(s=Sum("amount")).values_list("kind", "s"))
    out = {m: int(charged.get(m) or 0) - int(refunded.get(m) or 0) for m in POS_METHODS}
    out[PaymentMethod.CASH] += shift.opening_float + int(moves.get(CashMovementKind.CASH_IN) or 0) - int(
        moves.get(CashMovementKind.CASH_OUT) or 0)
    return out


@transaction.atomic
def shift_close(*, user, shift_id: int, counts: dict, counted_other: dict | None = None, note: str = "",
                confirm_difference: bool = False, pending_sales: int = 0) -> PosShift:
    shift = shift_for_user(user, shift_id, lock=True)
    if not shift.is_open:
        raise DomainError(_("Ca bán hàng này đã được đóng lúc %(t)s.")
                          % {"t": timezone.localtime(shift.closed_at).strftime("%H:%M %d/%m/%Y")},
                          field="shift", code="SHIFT_ALREADY_CLOSED")
    if pending_sales and pending_sales > 0:
        raise DomainError(_("Còn %(n)s đơn chưa đồng bộ; hãy đồng bộ trước khi đóng ca.") % {"n": pending_sales},
                          field="pendingSales", code="PENDING_SALES")
    if Order.objects.filter(pos_sale__shift=shift, status=OrderStatus.DRAFT).exists():
        raise DomainError(_("Ca còn đơn nháp chưa hoàn tất."), field="shift", code="PENDING_SALES")
    counted_cash = count_cash(counts)
    expected = expected_amounts(shift)
    summary: dict[str, dict[str, int]] = {}
    total_diff = 0
    for method in POS_METHODS:
        if method == PaymentMethod.CASH:
            counted = counted_cash
        else:
            raw = (counted_other or {}).get(method, expected[method])
            if not isinstance(raw, int) or raw < 0:
                raise DomainError(_("Số tiền đối chiếu không hợp lệ."), field="countedOther", code="INVALID")
            counted = raw
        diff = counted - expected[method]
        total_diff += abs(diff)
        summary[method] = {"expected": expected[method], "counted": counted, "difference": diff}
    net_diff = sum(v["difference"] for v in summary.values())
    underpaid_sales, underpaid_amount = underpaid_in_shift(shift)
    if underpaid_sales and not (confirm_difference and (note or "").strip()):
        raise DomainError(_("Ca có %(n)s đơn thu thiếu tổng %(d)s ₫: xác nhận và ghi chú lý do trước khi đóng ca.")
                          % {"n": underpaid_sales, "d": f"{underpaid_amount:,}".replace(",", ".")}, field="note",
                          code="UNDERPAID_SALES")
    if total_diff and not (confirm_difference and (note or "").strip()):
        raise DomainError(_("Số đếm lệch %(d)s so với dự kiến: xác nhận chênh lệch và ghi chú lý do.")
                          % {"d": format_vnd(net_diff)}, field="note",
                          code="DIFFERENCE_NOT_CONFIRMED")
    shift.status = ShiftStatus.CLOSED
    shift.closed_by = user
    shift.closed_at = timezone.now()
    shift.closing_counts = {str(k): int(v) for k, v in counts.items()}
    shift.closing_summary = summary
    shift.difference_amount = net_diff
    shift.closing_note = (note or "").strip()
    shift.save()
    return shift
