"""English catalogue of the orders app: confirmation page and e-mail, staff pages, GraphQL errors."""

from __future__ import annotations

import pytest
from django.core import mail
from graphql_relay import to_global_id

from orders.models import Order
from orders.services import order_create_from_checkout
from tests.checkout.po_check import catalogue_problems, entry_count
from tests.factories.checkout import make_ready_checkout, make_stocked_variant

pytestmark = pytest.mark.django_db


def test_order_placed_in_english_gets_english_page_and_email(client, channel, depot,
                                                             django_capture_on_commit_callbacks):
    client.cookies["django_language"] = "en"
    v = make_stocked_variant(channel, depot, quantity=5, price=125_000)
    client.post("/gio-hang/them/", {"variant_id": v.pk, "quantity": 1})
    form = {"checkout_token": client.session["checkout_token"], "email": "khach@example.vn",
            "full_name": "Lê Thị Hoa", "phone": "0912 345 678", "delivery": "shipping", "province_code": "38",
            "ward_code": "14797", "street_address": "12 Lê Lợi", "payment_method": "vietqr", "note": ""}
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post("/thanh-toan/", form)
    order = Order.objects.get()
    html = client.get(resp["Location"]).content.decode()
    assert f"Order #{order.number}" in html and "Thank you for ordering OCOP products" in html
    assert "Bank transfer with VietQR" in html and "Account holder" in html and "Unconfirmed" in html
    assert "Cảm ơn bạn" not in html and "Chờ xác nhận" not in html
    sent = mail.outbox[-1]
    assert sent.subject == f"Order #{order.number} confirmed – OCOP Thanh Hóa"
    assert "Thank you for placing order" in sent.body and "transfer note" in sent.body


def test_staff_pages_and_actions_in_english(client, channel, depot, staff):
    v = make_stocked_variant(channel, depot, quantity=5)
    order = order_create_from_checkout(checkout_token=make_ready_checkout(channel, [(v, 1)]).token)
    client.force_login(staff)
    client.cookies["django_language"] = "en"
    html = client.get("/quan-ly/don-hang/").content.decode()
    assert "<h1>Orders</h1>" in html and "Order no." in html and "Filter" in html
    assert "Lọc" not in html
    html = client.get(f"/quan-ly/don-hang/{order.number}/").content.decode()
    assert "Ship from warehouse" in html and "Cancellation reason" in html and "History" in html
    assert "Unfulfilled" in html and "Xuất từ kho" not in html
    resp = client.post(f"/quan-ly/don-hang/{order.number}/giao-hang/", {"warehouse": ""}, follow=True)
    assert "Please choose the warehouse to ship from." in resp.content.decode()
    resp = client.post(f"/quan-ly/don-hang/{order.number}/xac-nhan/", follow=True)
    assert "Cannot confirm an order with status «Unfulfilled»." in resp.content.decode()
    resp = client.post(f"/quan-ly/don-hang/{order.number}/huy/", {"reason": "test"}, follow=True)
    assert f"Order #{order.number} updated." in resp.content.decode() and "Cancelled" in resp.content.decode()


def test_graphql_error_in_english(client, gql, channel, depot, staff, token_for):
    client.cookies["django_language"] = "en"
    v = make_stocked_variant(channel, depot, quantity=5)
    order = order_create_from_checkout(checkout_token=make_ready_checkout(channel, [(v, 1)]).token)
    confirm = """mutation($id: ID!) { orderConfirm(id: $id) { order { status } errors { field code message } } }"""
    gid = to_global_id("Order", order.pk)
    errors = gql(confirm, {"id": gid}, token=token_for(staff))["data"]["orderConfirm"]["errors"]
    assert errors[0]["message"] == "Cannot confirm an order with status «Unfulfilled»."


def test_catalogue_complete():
    assert catalogue_problems("orders") == []
    assert entry_count("orders") >= 150
