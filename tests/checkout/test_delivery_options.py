"""Delivery options are priced by the checkout summary only: the GraphQL list, the page and the total agree,
and a free-shipping promotion makes home delivery free everywhere it is shown."""

from __future__ import annotations

import pytest

from checkout import promo
from checkout.promo import PromoResult
from checkout.services import checkout_add_promo_code, checkout_delivery_options, checkout_summary
from tests.factories.checkout import make_ready_checkout, make_stocked_variant

pytestmark = pytest.mark.django_db

QUERY = """query($id: ID!) { checkout(id: $id) { shippingPrice { amount } totalPrice { amount }
  availableDeliveryMethods { id price { amount } isCollectionPoint } } }"""


@pytest.fixture
def free_shipping_code():
    """A promo code provider (checkout.promo's public extension point) whose code ships free."""
    def resolver(code, ctx):
        return PromoResult(code=code, discount_amount=0, name="Miễn phí giao hàng", free_shipping=True) \
            if code == "FREESHIP" else None

    promo.register_promo_resolver(resolver)
    yield "FREESHIP"
    promo.PROMO_RESOLVERS.remove(resolver)


def test_options_are_priced_like_the_summary(gql, channel, depot, showroom):
    v = make_stocked_variant(channel, depot, quantity=5, price=100_000)
    checkout = make_ready_checkout(channel, [(v, 1)])
    summary = checkout_summary(checkout)
    [home] = [o for o in checkout_delivery_options(summary) if o.id == "shipping"]
    assert home.price == summary.shipping == 20_000  # Thanh Hóa zone
    data = gql(QUERY, {"id": str(checkout.token)})["data"]["checkout"]
    assert data["availableDeliveryMethods"][0] == {"id": "shipping", "price": {"amount": 20_000},
                                                   "isCollectionPoint": False}
    assert data["shippingPrice"]["amount"] == 20_000 and data["totalPrice"]["amount"] == 120_000


def test_free_shipping_promotion_is_honoured_in_the_options(gql, channel, depot, free_shipping_code):
    v = make_stocked_variant(channel, depot, quantity=5, price=100_000)
    checkout = make_ready_checkout(channel, [(v, 1)])
    checkout_add_promo_code(checkout, code=free_shipping_code)
    data = gql(QUERY, {"id": str(checkout.token)})["data"]["checkout"]
    assert data["shippingPrice"]["amount"] == 0 and data["totalPrice"]["amount"] == 100_000
    assert data["availableDeliveryMethods"][0]["price"] == {"amount": 0}  # was 20.000 ₫: recomputed without the promo
