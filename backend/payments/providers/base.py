"""The payment provider interface and its registry.

A provider says which order origins it serves (online checkout, POS till), whether the customer pays
before the goods leave (`prepaid`), and does four things:
  - `initialize`: the transactions written WITH the order, inside its database transaction (no outside calls);
  - `process`: after the order transaction has committed, talk to the outside service (Stripe) and
    return what the client needs to confirm; a failure leaves the order unpaid and retryable;
  - `confirm` / `refund`: record money received / given back (through orders.services);
  - `page_context` / `receipt_label`: what the order page and the receipt show.
"""

from __future__ import annotations

from orders.drafts import DraftPayment
from orders.models import Order

from ..models import PaymentMethod

CHECKOUT, POS = "checkout", "pos"


class PaymentProvider:
    method: str = ""
    origins: frozenset[str] = frozenset({CHECKOUT})
    prepaid: bool = False
    gives_change: bool = False

    def label(self) -> str:
        return str(dict(PaymentMethod.choices).get(self.method, self.method))

    def is_enabled(self) -> bool:
        return True

    def initialize(self, *, reference: str, amount: int, checkout_token: str | None = None) -> list[DraftPayment]:
        return [DraftPayment(method=self.method, name=self.label(), event_amount=amount, psp_reference="",
                             checkout_token=checkout_token,
                             event_type="CHARGE_REQUEST" if self.prepaid else "AUTHORIZATION_REQUEST")]

    def process(self, order: Order) -> dict | None:
        return None

    def check_tender(self, *, amount: int, reference: str, confirmed: bool) -> None:
        """POS: refuse a tender this method cannot take (raise DomainError)."""

    def confirm(self, *, order_id: int, user=None, psp_reference: str = "", amount: int | None = None) -> Order:
        raise NotImplementedError

    def refund(self, *, order_id: int, user=None, note: str = "") -> Order:
        raise NotImplementedError

    def page_context(self, order: Order) -> dict:
        return {}

    def receipt_label(self) -> str:
        return self.label()


_PROVIDERS: dict[tuple[str, str], PaymentProvider] = {}  # (origin, method) -> provider, in registration order


def register_payment_provider(provider: PaymentProvider) -> None:
    """Offer a way of paying. A method may have one provider per origin (VietQR online and at the till)."""
    for origin in provider.origins:
        _PROVIDERS[(origin, provider.method)] = provider


def provider_for(method: str, origin: str = CHECKOUT) -> PaymentProvider | None:
    return _PROVIDERS.get((origin, method))


def providers(*, origin: str = CHECKOUT, enabled_only: bool = True) -> list[PaymentProvider]:
    return [p for (o, _m), p in _PROVIDERS.items() if o == origin and (not enabled_only or p.is_enabled())]


def available_methods(origin: str = CHECKOUT) -> list[str]:
    return [p.method for p in providers(origin=origin)]


def prepaid_methods() -> tuple[str, ...]:
    """Methods paid before the goods leave (the order waits, unconfirmed, for the money)."""
    return tuple(p.method for (o, _m), p in _PROVIDERS.items() if o == CHECKOUT and p.prepaid)
