"""Thin adapter over the official `stripe` library: PaymentIntents and webhook verification.

VND is a zero-decimal currency for Stripe, so `amount` is the integer VND total. Each attempt has
its own idempotency key, so a retried request (network error, double submit) never charges twice.
"""

from __future__ import annotations

import stripe
from django.conf import settings

CURRENCY = "vnd"


def create_payment_intent(*, amount: int, idempotency_key: str, metadata: dict[str, str], description: str = ""
                          ) -> stripe.PaymentIntent:
    return stripe.PaymentIntent.create(
        api_key=settings.STRIPE_SECRET_KEY,
        amount=int(amount),
        currency=CURRENCY,
        automatic_payment_methods={"enabled": True},
        metadata=metadata,
        description=description,
        idempotency_key=idempotency_key,
    )


def construct_event(payload: bytes, sig_header: str) -> stripe.Event:
    """Verify `Stripe-Signature` (HMAC-SHA256 of "t.body", timestamp tolerance) and parse the event.
    Raises ValueError (bad JSON) or stripe.SignatureVerificationError."""
    return stripe.Webhook.construct_event(payload, sig_header, settings.STRIPE_WEBHOOK_SECRET,
                                          tolerance=int(getattr(settings, "STRIPE_WEBHOOK_TOLERANCE", 300)))
