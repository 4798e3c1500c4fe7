"""Returns and refunds against an original POS receipt: chosen lines and quantities, a refund
method, goods restocked or written off — never more than was sold, across several returns."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from catalog.pricing import vat_included
from core.errors import DomainError, NotFound
from inventory.services import Ref, stock_return, stock_write_off
from orders.models import Order, OrderEvent, OrderLine, OrderLineRefund, OrderOrigin, OrderStatus
from payments.models import PaymentMethod, TransactionEvent, TransactionItem
from payments.providers import POS, available_methods
from traceability.services import stamps_release_for_order

from .access import registers_for_user, shift_for_user
from .models import PosReturn, PosReturnLine

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


@dataclass
class ReturnLineInput:
    order_line_id: int
    quantity: int
    restock: bool = True


def find_receipt(code: str, *, user) -> Order:
    """A POS order by receipt number, or by the receipt QR (a URL holding the order token), sold
    through a register the user may use (another location's receipts are not found)."""
    code = (code or "").strip()
    qs = Order.objects.filter(origin=OrderOrigin.POS, pos_sale__register__in=registers_for_user(user))
    order = None
    match = _UUID.search(code)
    if match:
        order = qs.filter(token=match.group(0).lower()).first()
    elif code.lstrip("#").isdigit():
        order = qs.filter(number=int(code.lstrip("#"))).first()
    if order is None:
        raise NotFound(_("Không tìm thấy hoá đơn “%(c)s”.") % {"c": code[:60]}, field="receipt")
    return order


@transaction.atomic
def return_create(*, user, shift_id: int, receipt: str, lines: list[ReturnLineInput], refund_method: str,
                  note: str = "") -> PosReturn:
    shift = shift_for_user(user, shift_id, lock=True)
    if not shift.is_open:
        raise DomainError(_("Ca bán hàng đã đóng; không thể ghi thêm."), field="shiftId", code="SHIFT_CLOSED")
    if refund_method not in available_methods(POS):
        raise DomainError(_("Phương thức hoàn tiền không hợp lệ."), field="refundMethod", code="INVALID_PAYMENT")
    found = find_receipt(receipt, user=user)
    order = Order.objects.select_for_update().get(pk=found.pk)  # serialises concurrent returns of one receipt
    if not lines:
        raise DomainError(_("Chọn ít nhất một dòng hàng để trả."), field="lines", code="REQUIRED")
    order_lines = {ln.pk: ln for ln in OrderLine.objects.filter(order=order)}
    wanted: dict[int, tuple[int, bool]] = {}
    for item in lines:
        if item.order_line_id not in order_lines:
            raise DomainError(_("Dòng hàng không thuộc hoá đơn này."), field="lines", code="INVALID")
        if not isinstance(item.quantity, int) or item.quantity <= 0:
            raise DomainError(_("Số lượng trả phải là số nguyên dương."), field="lines", code="INVALID_QUANTITY")
        prev = wanted.get(item.order_line_id, (0, item.restock))[0]
        wanted[item.order_line_id] = (prev + item.quantity, item.restock)
    for line_id, (qty, _restock) in wanted.items():
        line = order_lines[line_id]
        left = line.quantity - line.quantity_returned
        if qty > left:
            raise DomainError(_("“%(n)s”: chỉ còn có thể trả %(left)s (đã bán %(sold)s, đã trả %(ret)s).")
                              % {"n": line.product_name, "left": left, "sold": line.quantity,
                                 "ret": line.quantity_returned}, field="lines", code="RETURN_EXCEEDS_SOLD")
    total = sum(order_lines[lid].unit_price * qty for lid, (qty, _r) in wanted.items())
    ret = PosReturn.objects.create(order=order, shift=shift, refund_method=refund_method, amount=total,
                                   note=(note or "").strip(), user=user)
    warehouse_id = shift.register.warehouse_id
    ref = Ref("pos_return", ret.pk)
    for line_id, (qty, restock) in wanted.items():
        line = order_lines[line_id]
        amount = line.unit_price * qty
        PosReturnLine.objects.create(pos_return=ret, order_line=line, quantity=qty, restock=restock, amount=amount,
                                     vat_amount=vat_included(amount, line.vat_rate))
        OrderLineRefund.objects.create(order_line=line, quantity=qty, amount=amount, reason="pos_return",
                                       reference=str(ret.pk))  # deducted from the producer's statement this month
        OrderLine.objects.filter(pk=line.pk).update(quantity_returned=F("quantity_returned") + qty)
        line.quantity_returned += qty
        if line.variant_id and line.variant.track_inventory:
            stock_return(variant_id=line.variant_id, warehouse_id=warehouse_id, quantity=qty, user=user, ref=ref,
                         note=_("Khách trả hàng, hoá đơn #%(n)s") % {"n": order.number})
            if not restock:
                stock_write_off(variant_id=line.variant_id, warehouse_id=warehouse_id, quantity=qty, user=user,
                                ref=ref, note=_("Hàng trả không bán lại được, hoá đơn #%(n)s") % {"n": order.number})
    fully = all(ln.quantity_returned >= ln.quantity for ln in order_lines.values())
    Order.objects.filter(pk=order.pk).update(total_refunded_amount=F("total_refunded_amount") + total,
                                             status=OrderStatus.RETURNED if fully else order.status)
    if fully:
        stamps_release_for_order(order=order)  # the goods are back: their stamps are sellable again
    item = TransactionItem.objects.create(order=order, name=_("Hoàn tiền"), method=refund_method,
                                          amount_refunded=total, metadata={"pos_return": ret.pk})
    TransactionEvent.objects.create(transaction=item, type="REFUND_SUCCESS", amount=total, created_by=user,
                                    message=PaymentMethod(refund_method).label)
    OrderEvent.objects.create(order=order, type="pos_return", user=user,
                              parameters={"return_id": ret.pk, "amount": total, "method": refund_method})
    return ret
