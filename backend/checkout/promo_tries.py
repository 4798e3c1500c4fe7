"""Promo/voucher code tries, counted against guessing: after RATE_LIMITS["promo-code"] wrong codes from one
address (accounts.throttling) further tries are refused until the window ends, right code or not."""

from __future__ import annotations

from django.http import HttpRequest

from accounts.throttling import throttled
from core.errors import DomainError

from .models import Checkout
from .services import checkout_add_promo_code


class TooManyPromoTries(DomainError):
    code = "TOO_MANY_REQUESTS"

    def __init__(self, message: str, retry_after: int):
        super().__init__(message, field="promoCode", code=self.code)
        self.retry_after = retry_after


def try_promo_code(request: HttpRequest, checkout: Checkout, code: str) -> Checkout:
    if (throttle := throttled(request, "promo-code", increment=False)).limited:
        raise TooManyPromoTries(throttle.message, throttle.retry_after)
    try:
        return checkout_add_promo_code(checkout, code=code)
    except DomainError:
        throttled(request, "promo-code")  # count the wrong code
        raise
