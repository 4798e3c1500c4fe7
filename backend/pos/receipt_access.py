"""Who may open a POS receipt: staff of the register that sold it, or the customer through the link printed
(QR) and e-mailed with the receipt, which carries a signature over the order token and expires after
POS_RECEIPT_LINK_DAYS. A bare receipt address is not enough."""

from __future__ import annotations

from django.conf import settings
from django.core import signing

from orders.models import Order

from .access import registers_for_user

SALT = "ocop.pos.receipt-link"


def receipt_key(order: Order) -> str:
    signed = signing.TimestampSigner(salt=SALT).sign(str(order.token))
    return signed.split(":", 1)[1]  # "<timestamp>:<signature>"; the token is in the path already


def receipt_link_valid(order: Order, key: str) -> bool:
    try:
        signing.TimestampSigner(salt=SALT).unsign(f"{order.token}:{key}",
                                                  max_age=settings.POS_RECEIPT_LINK_DAYS * 86400)
    except signing.BadSignature:  # includes SignatureExpired
        return False
    return True


def is_receipt_staff(user, order: Order) -> bool:
    sale = getattr(order, "pos_sale", None)
    return sale is not None and registers_for_user(user).filter(pk=sale.register_id).exists()


def may_view_receipt(request, order: Order) -> bool:
    return is_receipt_staff(request.user, order) or receipt_link_valid(order, request.GET.get("k", ""))
