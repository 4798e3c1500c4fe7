"""Which payment methods the online shop offers. Stripe appears only when its keys are configured."""

from __future__ import annotations

from django.conf import settings

from .models import PaymentMethod

ONLINE_METHODS = (PaymentMethod.COD, PaymentMethod.VIETQR, PaymentMethod.STRIPE)


def stripe_enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def vietqr_enabled() -> bool:
    return bool(settings.VIETQR_BANK_BIN and settings.VIETQR_ACCOUNT_NUMBER)


def available_methods() -> list[str]:
    out = [PaymentMethod.COD.value]
    if vietqr_enabled():
        out.append(PaymentMethod.VIETQR.value)
    if stripe_enabled():
        out.append(PaymentMethod.STRIPE.value)
    return out


def method_choices() -> list[tuple[str, str]]:
    labels = dict(PaymentMethod.choices)
    return [(m, labels[m]) for m in available_methods()]
