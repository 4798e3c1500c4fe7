"""Payment providers through their entry points: the registry offers them per origin, checkoutComplete
places the order and only after it has committed calls Stripe (no stock row locked), a failed call
leaves one unpaid order that the customer can retry, and the till refuses tenders its providers refuse."""

from __future__ import annotations

import json

import pytest
from django.db import OperationalError, connection, transaction

from inventory.models import Stock
from orders.models import Order, OrderStatus
from payments.providers import CHECKOUT, POS, available_methods, prepaid_methods, provider_for
from tests.checkout.test_stripe import fake_stripe  # noqa: F401  (the local stand-in for api.stripe.com)
from tests.factories import make_warehouse
from tests.factories.checkout import make_ready_checkout, make_stocked_variant

COMPLETE = """mutation($id: ID!) { checkoutComplete(id: $id, paymentMethod: "stripe") { order { number status }
  confirmationNeeded confirmationData errors { field code message } } }"""


def test_registry_offers_methods_per_origin(settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""
    assert available_methods(CHECKOUT) == ["cod", "vietqr"] and available_methods(POS) == ["cash", "card", "vietqr"]
    assert set(prepaid_methods()) == {"vietqr", "stripe"}
    assert provider_for("vietqr", CHECKOUT).prepaid and not provider_for("vietqr", POS).prepaid
    assert provider_for("cash", CHECKOUT) is None


@pytest.mark.django_db(transaction=True)
def test_stripe_is_called_after_the_order_commits_and_a_failure_can_be_retried(fake_stripe, channel, gql):  # noqa: F811
    depot = make_warehouse(channels=[channel], name="Kho Trung tâm XTTM")
    variant = make_stocked_variant(channel, depot, quantity=5, price=150_000)
    checkout = make_ready_checkout(channel, [(variant, 2)], payment="stripe")
    seen: list[tuple[int, bool]] = []

    def probe():  # runs in the fake Stripe's thread, on its own database connection
        committed = Order.objects.count()
        try:
            with transaction.atomic():
                list(Stock.objects.select_for_update(nowait=True).filter(product_variant=variant))
            locked = False
        except OperationalError:
            locked = True
        seen.append((committed, locked))
        connection.close()

    fake_stripe.on_request = probe
    fake_stripe.fail = True
    first = gql(COMPLETE, {"id": str(checkout.token)})["data"]["checkoutComplete"]
    assert first["errors"] == [] and first["order"]["status"] == "UNCONFIRMED"
    assert first["confirmationNeeded"] is False and "thử lại" in json.loads(first["confirmationData"])["error"]
    fake_stripe.fail = False
    again = gql(COMPLETE, {"id": str(checkout.token)})["data"]["checkoutComplete"]
    assert again["order"]["number"] == first["order"]["number"] and Order.objects.count() == 1
    assert again["confirmationNeeded"] is True and json.loads(again["confirmationData"])["clientSecret"].endswith("_secret_xyz")
    assert seen == [(1, False), (1, False)]  # every Stripe call saw the order committed and no stock row locked
    order = Order.objects.get()
    assert order.status == OrderStatus.UNCONFIRMED and order.transactions.filter(method="stripe").count() == 2
