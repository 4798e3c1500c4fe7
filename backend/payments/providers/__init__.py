"""Payment providers: one module per way of paying, one registry (like catalog.pricing's discount
providers). `base` holds the interface and the registry; `payments.apps` registers the built-in ones.
See README, "Adding a payment method"."""

from .base import (
    CHECKOUT,
    POS,
    PaymentProvider,
    available_methods,
    prepaid_methods,
    provider_for,
    providers,
    register_payment_provider,
)

__all__ = ["CHECKOUT", "POS", "PaymentProvider", "available_methods", "prepaid_methods", "provider_for",
           "providers", "register_payment_provider"]
