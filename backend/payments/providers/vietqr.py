"""VietQR bank transfer: the customer pays before the goods leave, writing the order reference in the
transfer; the order page shows the QR and the details to type by hand."""

from __future__ import annotations

from orders.drafts import DraftPayment
from orders.models import Order
from orders.selectors import is_unpaid_prepaid

from ..methods import vietqr_enabled
from ..models import PaymentMethod
from ..vietqr import transfer_details
from .cod import CashOnDelivery


class VietQRTransfer(CashOnDelivery):
    method = PaymentMethod.VIETQR.value
    prepaid = True

    def is_enabled(self) -> bool:
        return vietqr_enabled()

    def initialize(self, *, reference: str, amount: int, checkout_token: str | None = None) -> list[DraftPayment]:
        return [DraftPayment(method=self.method, name=self.label(), event_type="CHARGE_REQUEST", event_amount=amount,
                             psp_reference=reference, checkout_token=checkout_token)]

    def page_context(self, order: Order) -> dict:
        return {"vietqr": transfer_details(order)} if is_unpaid_prepaid(order) else {}
