"""English catalogue of the checkout app: cart and checkout pages, form and GraphQL errors in English."""

from __future__ import annotations

import pytest
from graphql_relay import to_global_id

from tests.checkout.po_check import catalogue_problems, entry_count
from tests.factories.checkout import make_stocked_variant

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_cart_and_checkout_pages_in_english(english, channel, depot):
    v = make_stocked_variant(channel, depot, quantity=5, price=125_000)
    english.post("/gio-hang/them/", {"variant_id": v.pk, "quantity": 2})
    html = english.get("/gio-hang/").content.decode()
    assert "Added to cart." in html and "Continue shopping" in html and "Subtotal" in html
    assert "Tiếp tục mua sắm" not in html and "Đã thêm vào giỏ hàng" not in html
    html = english.get("/thanh-toan/").content.decode()
    assert "<h1>Checkout</h1>" in html and "Delivery method" in html and "Place order" in html
    assert "Your order" in html and "Cash on delivery" in html
    assert "Cách nhận hàng" not in html and "Đặt hàng" not in html


def test_checkout_form_errors_in_english(english, channel, depot):
    v = make_stocked_variant(channel, depot, quantity=5)
    english.post("/gio-hang/them/", {"variant_id": v.pk, "quantity": 1})
    resp = english.post("/thanh-toan/", {"checkout_token": english.session["checkout_token"], "email": "x",
                                         "full_name": "", "phone": "0123", "delivery": "shipping",
                                         "province_code": "38", "ward_code": "", "street_address": "",
                                         "payment_method": "cod"})
    html = resp.content.decode()
    assert "Please check the highlighted fields." in html and "Invalid email address." in html
    assert "Vui lòng kiểm tra lại" not in html


def test_cart_quantity_error_in_english(english, channel, depot):
    v = make_stocked_variant(channel, depot, quantity=5)
    english.post("/gio-hang/them/", {"variant_id": v.pk, "quantity": "9"})
    html = english.get("/gio-hang/").content.decode()
    assert "left; cannot order 9" in html and "Your cart is empty." in html


def test_graphql_error_in_english(english, gql, channel, depot):
    v = make_stocked_variant(channel, depot, quantity=3)
    created = gql("""mutation($v: ID!) { checkoutCreate(input: {channel: "online", lines: [{variantId: $v, quantity: 1}]})
      { checkout { id } errors { code } } }""", {"v": to_global_id("ProductVariant", v.pk)})
    cid = created["data"]["checkoutCreate"]["checkout"]["id"]
    res = gql("""mutation($id: ID!) { checkoutAddPromoCode(id: $id, promoCode: "GIAMGIA") {
      errors { field code message } } }""", {"id": cid})["data"]["checkoutAddPromoCode"]
    assert res["errors"] == [{"field": "promoCode", "code": "INVALID_PROMO_CODE", "message": "Invalid promo code."}]
    res = gql("""mutation($id: ID!) { checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: "nowhere") {
      errors { field message } } }""", {"id": cid})["data"]["checkoutDeliveryMethodUpdate"]
    assert res["errors"][0]["message"] == "Invalid delivery method."


def test_vietnamese_stays_the_default(client, channel, depot):
    make_stocked_variant(channel, depot, quantity=1)
    html = client.get("/gio-hang/").content.decode()
    assert "Giỏ hàng đang trống." in html and "Your cart is empty." not in html


def test_catalogue_complete():
    assert catalogue_problems("checkout") == []
    assert entry_count("checkout") >= 80
