"""Payments taken at a POS till (and on event tally sheets): cash (change given back), card on the
terminal (its transaction reference required) and VietQR shown at the counter (staff confirm the
money arrived)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.errors import DomainError

from ..models import PaymentMethod
from .base import POS, PaymentProvider


class TillCash(PaymentProvider):
    method = PaymentMethod.CASH.value
    origins = frozenset({POS})
    gives_change = True


class TillCard(PaymentProvider):
    method = PaymentMethod.CARD.value
    origins = frozenset({POS})

    def check_tender(self, *, amount: int, reference: str, confirmed: bool) -> None:
        if not (reference or "").strip():
            raise DomainError(_("Thanh toán thẻ cần mã giao dịch (số tham chiếu)."), field="payments",
                              code="INVALID_PAYMENT")


class TillVietQR(PaymentProvider):
    """The same "vietqr" method as online, served at the till (registered for the POS origin only)."""

    method = PaymentMethod.VIETQR.value
    origins = frozenset({POS})

    def check_tender(self, *, amount: int, reference: str, confirmed: bool) -> None:
        if not confirmed:
            raise DomainError(_("Khoản chuyển khoản VietQR chưa được nhân viên xác nhận đã nhận tiền."),
                              field="payments", code="INVALID_PAYMENT")
