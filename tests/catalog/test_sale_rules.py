"""Rules that used to be written in several places and drifted, each now decided once in catalog.gate:
availability for purchase (page, cart, GraphQL checkout, POS, event import), published collections
(page and GraphQL) and the certificate shown for a product (page and GraphQL)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone
from graphql_relay import to_global_id

from catalog.gate import pick_current_certificate, sale_reasons, sellable_products, valid_certificates
from catalog.models import CollectionChannelListing, CollectionProduct, ProductChannelListing
from checkout.models import CheckoutLine
from checkout.services import LineInput, checkout_create, checkout_summary
from core.errors import DomainError
from events.errors import ImportRowError
from events.imports import event_sales_import
from inventory.models import WarehouseKind
from orders.models import Order
from pos import sales as sale_services
from pos.shifts import shift_open
from tests.events.conftest import fair  # noqa: F401  (the event fixture)
from tests.factories import make_certificate, make_listed_product, make_warehouse
from tests.factories.campaigns import make_collection
from tests.factories.checkout import make_stocked_variant
from tests.factories.pos import make_cashier, make_register, make_stocked_product

pytestmark = pytest.mark.django_db

NEXT_WEEK = dt.timedelta(days=7)


def _schedule(product, channel, when):
    ProductChannelListing.objects.filter(product=product, channel=channel).update(available_for_purchase_at=when)


@pytest.fixture
def scheduled(channel):
    """A stocked product that passes the listing gate but goes on sale next week."""
    depot = make_warehouse(channels=[channel], kind=WarehouseKind.DISPLAY_CENTRE, name="Kho Trung tâm XTTM")
    variant = make_stocked_variant(channel, depot, quantity=5, price=90_000, name="Bánh gai Tứ Trụ")
    _schedule(variant.product, channel, timezone.now() + NEXT_WEEK)
    return variant.product, variant


def test_gate_separates_shown_from_sellable(channel, scheduled):
    product, _variant = scheduled
    assert not sellable_products(channel).filter(pk=product.pk).exists()
    [reason] = sale_reasons(product, channel)
    assert reason.startswith("Sản phẩm chưa mở bán; mở bán từ ")
    _schedule(product, channel, timezone.now() - dt.timedelta(minutes=1))
    assert sellable_products(channel).filter(pk=product.pk).exists() and sale_reasons(product, channel) == []


def test_graphql_says_unavailable_and_checkout_refuses_the_line(gql, channel, scheduled):
    product, variant = scheduled
    q = """query($s: String!) { product(slug: $s, channel: "online") { isAvailableForPurchase isAvailable } }"""
    assert gql(q, {"s": product.slug})["data"]["product"] == {"isAvailableForPurchase": False, "isAvailable": False}
    res = gql("""mutation($l: [CheckoutLineInput!]!) { checkoutCreate(input: {channel: "online", lines: $l}) {
      checkout { id } errors { field code message } } }""",
              {"l": [{"variantId": to_global_id("ProductVariant", variant.pk), "quantity": 1}]})["data"]["checkoutCreate"]
    [err] = res["errors"]
    assert (err["field"], err["code"]) == ("variantId", "PRODUCT_NOT_PUBLISHED") and "chưa mở bán" in err["message"]
    assert res["checkout"] is None and not CheckoutLine.objects.exists()


def test_a_line_added_before_the_date_moved_is_refused_at_order_time(channel, scheduled):
    product, variant = scheduled
    _schedule(product, channel, None)
    checkout = checkout_create(channel=channel, lines=[LineInput(variant_id=variant.pk, quantity=1)])
    _schedule(product, channel, timezone.now() + NEXT_WEEK)  # stops being sellable between cart and payment
    with pytest.raises(DomainError) as exc:
        checkout_create(channel=channel, lines=[LineInput(variant_id=variant.pk, quantity=1)])
    assert (exc.value.field, exc.value.code) == ("variantId", "PRODUCT_NOT_PUBLISHED")
    assert checkout_summary(checkout).problems == ["«Bánh gai Tứ Trụ» hiện không còn được bán."]


def test_product_page_shows_the_reason_and_the_cart_refuses(client, channel, scheduled):
    product, variant = scheduled
    page = client.get(f"/san-pham/{product.slug}/").content.decode()
    assert 'data-testid="not-on-sale"' in page and "Sản phẩm chưa mở bán; mở bán từ" in page
    assert 'action="/gio-hang/them/"' not in page
    resp = client.post("/gio-hang/them/", {"variant_id": variant.pk, "quantity": 1, "next": "/gio-hang/"},
                       follow=True)
    assert "chưa mở bán" in resp.content.decode() and not CheckoutLine.objects.exists()


def test_pos_refuses_a_product_before_its_sale_date():
    register = make_register()
    cashier = make_cashier(register)
    product, variant = make_stocked_product(register, price=120_000, quantity=5)
    _schedule(product, register.channel, timezone.now() + NEXT_WEEK)
    shift = shift_open(user=cashier, register_id=register.pk, counts={500_000: 1})
    [res] = sale_services.sale_sync(user=cashier, sales=[sale_services.SaleInput(
        client_uuid=str(uuid.uuid4()), shift_id=shift.pk, lines=[sale_services.SaleLineInput(variant.pk, 1)],
        payments=[sale_services.PaymentInput(method="cash", amount=120_000)])])
    assert res.status == sale_services.ERROR
    [err] = res.errors
    assert (err.field, err.code) == ("lines", "PRODUCT_NOT_SELLABLE") and "chưa mở bán" in err.message
    assert not Order.objects.exists()


def test_event_import_refuses_a_product_before_its_sale_date(fair):  # noqa: F811
    event, v1 = fair["event"], fair["v1"]
    _schedule(fair["p1"], event.channel, timezone.now() + NEXT_WEEK)
    with pytest.raises(ImportRowError) as err:
        event_sales_import(event=event, data=f"sku,quantity,price,payment_method\n{v1.sku},1,150000,cash\n".encode())
    [(line, message)] = err.value.rows
    assert line == 2 and "không được phép bán" in message and "chưa mở bán" in message
    assert not Order.objects.filter(channel=event.channel).exists()


def test_scheduled_collection_hidden_on_page_and_graphql(client, gql, channel):
    soon = make_collection("tet-2027", name="Quà Tết 2027")
    now = make_collection("dac-san", name="Đặc sản xứ Thanh")
    product, _variant = make_listed_product(channel)
    for col, when in ((soon, timezone.now() + NEXT_WEEK), (now, timezone.now() - dt.timedelta(days=1))):
        CollectionChannelListing.objects.create(collection=col, channel=channel, is_published=True, published_at=when)
        CollectionProduct.objects.create(collection=col, product=product)
    assert client.get("/bo-suu-tap/tet-2027/").status_code == 404
    assert client.get("/bo-suu-tap/dac-san/").status_code == 200
    page = client.get(f"/san-pham/{product.slug}/").content.decode()
    assert "Đặc sản xứ Thanh" in page and "Quà Tết 2027" not in page
    data = gql("""{ collections(channel: "online", first: 10) { edges { node { slug } } }
      collection(slug: "tet-2027", channel: "online") { slug } }""")["data"]
    assert [e["node"]["slug"] for e in data["collections"]["edges"]] == ["dac-san"] and data["collection"] is None
    q = """query($s: String!) { product(slug: $s, channel: "online") { collections { slug } } }"""
    assert gql(q, {"s": product.slug})["data"]["product"]["collections"] == [{"slug": "dac-san"}]


def test_page_and_graphql_show_the_same_certificate(client, gql, channel):
    product, _variant = make_listed_product(channel, stars=4)
    issued = product.certificates.get().issued_on
    tie = make_certificate(product, stars=4, issued_on=issued, certificate_number="GCN-TIE")  # same stars, same day
    make_certificate(product, stars=5, status="suspended", certificate_number="GCN-SUSP")
    certs = list(product.certificates.all())
    chosen = pick_current_certificate(certs, set(valid_certificates().values_list("pk", flat=True)))
    assert chosen == tie  # ties go to the later record, whoever asks
    page = client.get(f"/san-pham/{product.slug}/").content.decode()
    assert "GCN-TIE" in page
    q = """query($s: String!) { product(slug: $s, channel: "online") { ocop { certificateNumber } } }"""
    cert = gql(q, {"s": product.slug})["data"]["product"]["ocop"]
    assert cert == {"certificateNumber": "GCN-TIE"}
