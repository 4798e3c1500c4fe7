"""Which payment methods the online shop offers (the enabled checkout providers, payments.providers).
Stripe appears only when its keys are configured, VietQR only with a bank account."""

from __future__ import annotations

from django.conf import settings

from .models import PaymentMethod
from .providers.base import CHECKOUT
from .providers.base import available_methods as registry_methods


def stripe_enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def vietqr_enabled() -> bool:
    return bool(settings.VIETQR_BANK_BIN and settings.VIETQR_ACCOUNT_NUMBER)


def available_methods() -> list[str]:
    return registry_methods(CHECKOUT)


def method_choices() -> list[tuple[str, str]]:
    labels = dict(PaymentMethod.choices)
    return [(m, labels[m]) for m in available_methods()]
