"""Cash on delivery: nothing to pay up front; staff record the cash when the courier brings it back."""

from __future__ import annotations

from orders.models import Order
from orders.services import order_mark_paid, order_mark_refunded

from ..models import PaymentMethod
from .base import PaymentProvider


class CashOnDelivery(PaymentProvider):
    method = PaymentMethod.COD.value

    def confirm(self, *, order_id: int, user=None, psp_reference: str = "", amount: int | None = None) -> Order:
        return order_mark_paid(order_id=order_id, user=user, psp_reference=psp_reference, amount=amount)

    def refund(self, *, order_id: int, user=None, note: str = "") -> Order:
        return order_mark_refunded(order_id=order_id, user=user, note=note)
