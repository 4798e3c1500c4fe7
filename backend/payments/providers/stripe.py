"""Card payments through Stripe. Nothing is written with the order (one TransactionItem per attempt,
payments.stripe_flow); the PaymentIntent is created only after the order transaction has committed,
so Stripe is never called while stock rows are locked. A failed call leaves the order unpaid: the
order page (or checkoutComplete again) tries again with a new attempt."""

from __future__ import annotations

from django.conf import settings

from core.errors import DomainError
from orders.drafts import DraftPayment
from orders.models import Order
from orders.selectors import is_unpaid_prepaid

from ..methods import stripe_enabled
from ..models import PaymentMethod
from ..stripe_flow import stripe_payment_start
from .cod import CashOnDelivery


class StripeCard(CashOnDelivery):
    method = PaymentMethod.STRIPE.value
    prepaid = True

    def is_enabled(self) -> bool:
        return stripe_enabled()

    def initialize(self, *, reference: str, amount: int, checkout_token: str | None = None) -> list[DraftPayment]:
        return []

    def process(self, order: Order) -> dict | None:
        """Start (or reuse) the PaymentIntent; {"error": message} when Stripe cannot be reached."""
        if not is_unpaid_prepaid(order):
            return None
        try:
            item = stripe_payment_start(order=order)
        except DomainError as exc:
            return {"error": exc.message}
        return {"clientSecret": item.private_metadata.get("client_secret", ""),
                "publishableKey": settings.STRIPE_PUBLISHABLE_KEY}

    def page_context(self, order: Order) -> dict:
        if not (is_unpaid_prepaid(order) and self.is_enabled()):
            return {}
        data = self.process(order) or {}
        if "error" in data:
            return {"stripe_error": data["error"]}
        return {"stripe": {"publishable_key": data["publishableKey"], "client_secret": data["clientSecret"]}}
