"""What a cart's hold means to the other entry points: the product page's "available online" is what
the cart accepts (others' live holds taken, the visitor's own not), the API's quantityAvailable agrees,
and the POS keeps its rule — it respects allocations, not soft holds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from graphql_relay import to_global_id

from catalog.models import ProductChannelListing, ProductVariantChannelListing
from channels.models import ChannelKind
from checkout.services import LineInput, checkout_create
from core.errors import DomainError
from inventory.models import Reservation, Stock
from orders.services import order_create_from_checkout
from pos.sales import PaymentInput, SaleInput, SaleLineInput, sale_sync
from pos.shifts import shift_open
from tests.factories import make_channel, make_warehouse
from tests.factories.checkout import make_ready_checkout, make_stocked_variant
from tests.factories.pos import make_cashier, make_register

pytestmark = pytest.mark.django_db


def page(client, variant) -> str:
    return client.get(f"/san-pham/{variant.product.slug}/").content.decode()


def test_product_page_shows_what_the_cart_accepts(client, reserving):
    depot = make_warehouse(channels=[reserving])
    variant = make_stocked_variant(reserving, depot, quantity=2)
    holder = client.__class__()
    assert holder.post("/gio-hang/them/", {"variant_id": variant.pk, "quantity": 2}).status_code == 302
    assert Reservation.objects.get().quantity_reserved == 2
    # another visitor: everything is held, so the page says so and the cart refuses alike
    assert "Tạm hết hàng trực tuyến" in page(client, variant)
    refused = client.post("/gio-hang/them/", {"variant_id": variant.pk, "quantity": 1}, follow=True)
    assert "chỉ còn 0 sản phẩm" in refused.content.decode()
    q = """query($v: ID!) { productVariant(id: $v, channel: "online") { quantityAvailable } }"""
    res = client.post("/graphql/", {"query": q, "variables": {"v": to_global_id("ProductVariant", variant.pk)}},
                      content_type="application/json").json()
    assert res["data"]["productVariant"]["quantityAvailable"] == 0
    # the holder's own hold counts for them
    assert "Còn hàng trực tuyến" in page(holder, variant)
    # an expired hold is available to everyone at once (no sweeper has run)
    Reservation.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert "Còn hàng trực tuyến" in page(client, variant)
    assert client.post("/gio-hang/them/", {"variant_id": variant.pk, "quantity": 2}).status_code == 302
    assert Reservation.objects.filter(expires_at__gt=timezone.now()).get().quantity_reserved == 2


def test_pos_sells_held_units_and_the_online_holder_is_told_clearly(reserving):
    showroom_channel = make_channel("quay-tho-xuan", kind=ChannelKind.SHOWROOM)
    shelf = make_warehouse(channels=[reserving, showroom_channel])  # the showroom also serves the online shop
    variant = make_stocked_variant(reserving, shelf, quantity=2, price=120_000)
    ProductChannelListing.objects.create(product=variant.product, channel=showroom_channel, is_published=True,
                                         published_at=timezone.now() - dt.timedelta(days=1))
    ProductVariantChannelListing.objects.create(variant=variant, channel=showroom_channel, price_amount=120_000)
    online = make_ready_checkout(reserving, [(variant, 2)])
    with pytest.raises(DomainError) as refused:
        checkout_create(channel=reserving, lines=[LineInput(variant.pk, 1)])
    assert refused.value.code == "INSUFFICIENT_STOCK"
    register = make_register(channel=showroom_channel, warehouse=shelf)
    cashier = make_cashier(register)
    shift = shift_open(user=cashier, register_id=register.pk, counts={500_000: 1})
    [sold] = sale_sync(user=cashier, sales=[SaleInput(
        client_uuid="6f1c2b1e-1d7a-4c55-9a57-3b1c3d8f0a01", shift_id=shift.pk,
        lines=[SaleLineInput(variant_id=variant.pk, quantity=1)], payments=[PaymentInput("cash", 120_000)])])
    assert (sold.status, sold.shortfalls) == ("created", [])  # the hold does not stop the shelf selling
    assert Stock.objects.get(product_variant=variant).quantity == 1
    with pytest.raises(DomainError) as short:
        order_create_from_checkout(checkout_token=online.token)
    assert short.value.code == "INSUFFICIENT_STOCK" and "chỉ còn 1 sản phẩm" in short.value.message
