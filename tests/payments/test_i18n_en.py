"""English catalogue of the payments app: method names on the pages, card-payment errors in English."""

from __future__ import annotations

import socket

import pytest
import stripe
from django.utils import translation

from core.errors import DomainError
from orders.services import order_create_from_checkout
from payments.stripe_flow import stripe_payment_start
from tests.checkout.po_check import catalogue_problems, entry_count
from tests.factories.checkout import make_ready_checkout, make_stocked_variant

pytestmark = pytest.mark.django_db


@pytest.fixture
def unreachable_stripe(settings, monkeypatch):
    """Stripe keys set, but api.stripe.com stands in as a local port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.STRIPE_SECRET_KEY = "sk_test_ocop"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_ocop"
    monkeypatch.setattr(stripe, "api_base", f"http://127.0.0.1:{port}")
    monkeypatch.setattr(stripe, "max_network_retries", 0)


def test_payment_method_names_in_english(client, channel, depot, unreachable_stripe):
    client.cookies["django_language"] = "en"
    v = make_stocked_variant(channel, depot, quantity=5)
    client.post("/gio-hang/them/", {"variant_id": v.pk, "quantity": 1})
    html = client.get("/thanh-toan/").content.decode()
    assert "Cash on delivery" in html and "VietQR bank transfer" in html and "Card (Stripe)" in html
    assert "Thanh toán khi nhận hàng" not in html


def test_unreachable_card_gateway_message_in_english(client, channel, depot, unreachable_stripe):
    v = make_stocked_variant(channel, depot, quantity=5)
    order = order_create_from_checkout(checkout_token=make_ready_checkout(channel, [(v, 1)], payment="stripe").token)
    client.cookies["django_language"] = "en"
    html = client.get(f"/don-hang/{order.token}/").content.decode()
    assert "Could not reach the card payment gateway. Please try again later." in html
    assert "Card (Stripe)" in html and "Không kết nối được" not in html


def test_service_error_in_english(channel, depot):
    v = make_stocked_variant(channel, depot, quantity=5)
    order = order_create_from_checkout(checkout_token=make_ready_checkout(channel, [(v, 1)]).token)
    with translation.override("en"), pytest.raises(DomainError) as exc:
        stripe_payment_start(order=order)
    assert exc.value.message == "This order is not awaiting a card payment."


def test_catalogue_complete():
    assert catalogue_problems("payments") == []
    assert entry_count("payments") >= 25
