"""VietQR transfer details for an order (payload + SVG QR + the plain details to type by hand)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from integrations.vietqr.payload import TransferRequest, build_payload
from integrations.vietqr.render import qr_svg
from orders.models import Order
from orders.selectors import order_reference


@dataclass(frozen=True)
class TransferDetails:
    payload: str
    svg: str
    bank_name: str
    bank_bin: str
    account_number: str
    account_name: str
    amount: int
    reference: str


def transfer_details(order: Order) -> TransferDetails:
    ref = order_reference(order)
    amount = order.total_amount - order.total_charged_amount
    payload = build_payload(TransferRequest(bank_bin=settings.VIETQR_BANK_BIN,
                                            account_number=settings.VIETQR_ACCOUNT_NUMBER,
                                            amount=amount if amount > 0 else None, reference=ref))
    return TransferDetails(payload=payload, svg=qr_svg(payload, title=f"VietQR {ref}"),
                           bank_name=settings.VIETQR_BANK_NAME, bank_bin=settings.VIETQR_BANK_BIN,
                           account_number=settings.VIETQR_ACCOUNT_NUMBER, account_name=settings.VIETQR_ACCOUNT_NAME,
                           amount=amount, reference=ref)
