"""Stripe card payments: PaymentIntent creation through the official client up to the network (a
local HTTP server stands in for api.stripe.com), and webhooks signed with Stripe's real scheme."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
import stripe

from orders.models import ChargeStatus, Order, OrderStatus
from orders.services import order_create_from_checkout
from payments.methods import available_methods
from payments.models import StripeEvent, TransactionEvent
from payments.stripe_flow import stripe_payment_start
from tests.factories.checkout import make_ready_checkout, make_stocked_variant

pytestmark = pytest.mark.django_db
SECRET = "whsec_test_ocop"


class FakeStripe:
    """Records requests; answers POST /v1/payment_intents like Stripe does."""

    def __init__(self):
        self.requests: list[dict] = []
        self.intent_id = "pi_3OcopTest0001"
        self.on_request = None  # called in the server thread before answering (to look at the database)
        self.fail = False  # answer 500, as an unreachable Stripe would
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server API)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                outer.requests.append({"path": self.path, "headers": dict(self.headers), "form": parse_qs(body)})
                if outer.on_request:
                    outer.on_request()
                if outer.fail:
                    self.send_response(500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                form = parse_qs(body)
                data = {"id": outer.intent_id, "object": "payment_intent", "amount": int(form["amount"][0]),
                        "currency": form["currency"][0], "status": "requires_payment_method",
                        "client_secret": f"{outer.intent_id}_secret_xyz", "metadata": {}}
                raw = json.dumps(data).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.send_header("Request-Id", "req_test")
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_stripe(settings, monkeypatch):
    fake = FakeStripe()
    settings.STRIPE_SECRET_KEY = "sk_test_ocop"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_ocop"
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    monkeypatch.setattr(stripe, "api_base", fake.url)
    monkeypatch.setattr(stripe, "max_network_retries", 0)
    yield fake
    fake.close()


def sign(body: bytes, *, ts: int | None = None, secret: str = SECRET) -> str:
    ts = int(time.time()) if ts is None else ts
    sig = hmac.new(secret.encode(), f"{ts}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={ts},v1={sig}"


def event(type_: str, intent_id: str, amount: int, *, event_id: str, created: int | None = None) -> bytes:
    obj = {"id": intent_id, "object": "payment_intent", "amount": amount, "amount_received":
           amount if type_ == "payment_intent.succeeded" else 0, "currency": "vnd", "status": "x",
           "last_payment_error": {"message": "Thẻ bị từ chối"} if type_.endswith("failed") else None}
    return json.dumps({"id": event_id, "object": "event", "type": type_, "created": created or int(time.time()),
                       "api_version": "2024-06-20", "data": {"object": obj}}).encode()


def post(client, body: bytes, header: str):
    return client.post("/payments/stripe/webhook/", data=body, content_type="application/json",
                       HTTP_STRIPE_SIGNATURE=header)


@pytest.fixture
def card_order(fake_stripe, channel, depot) -> Order:
    v = make_stocked_variant(channel, depot, quantity=5, price=150_000)
    return order_create_from_checkout(checkout_token=make_ready_checkout(channel, [(v, 2)], payment="stripe").token)


def test_without_keys_the_card_option_is_hidden(settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""
    assert "stripe" not in available_methods()


def test_payment_intent_request_reaches_the_network_with_vnd_amount_and_idempotency_key(fake_stripe, card_order):
    assert card_order.status == OrderStatus.UNCONFIRMED and card_order.total_amount == 320_000
    item = stripe_payment_start(order=card_order)
    [req] = fake_stripe.requests
    assert req["path"] == "/v1/payment_intents"
    assert req["form"]["amount"] == ["320000"] and req["form"]["currency"] == ["vnd"]  # zero-decimal VND
    assert req["form"]["metadata[order_number]"] == [str(card_order.number)]
    assert req["headers"]["Idempotency-Key"] == item.idempotency_key == f"ocop-order-{card_order.token}-attempt-1"
    assert req["headers"]["Authorization"] == "Bearer sk_test_ocop"
    assert item.psp_reference == fake_stripe.intent_id
    assert stripe_payment_start(order=card_order).pk == item.pk and len(fake_stripe.requests) == 1  # reused


def test_order_page_loads_stripe_js_only_with_keys(fake_stripe, card_order, client):
    html = client.get(f"/don-hang/{card_order.token}/").content.decode()
    assert "https://js.stripe.com/v3/" in html and f"{fake_stripe.intent_id}_secret_xyz" in html
    assert "pk_test_ocop" in html


def test_signed_success_marks_paid_and_replay_does_nothing(fake_stripe, card_order, client):
    stripe_payment_start(order=card_order)
    body = event("payment_intent.succeeded", fake_stripe.intent_id, 320_000, event_id="evt_ok_1")
    resp = post(client, body, sign(body))
    assert resp.status_code == 200 and resp.json()["status"] == "processed"
    card_order.refresh_from_db()
    assert (card_order.charge_status, card_order.status) == (ChargeStatus.FULL, OrderStatus.UNFULFILLED)
    assert card_order.total_charged_amount == 320_000 and card_order.expires_at is None
    resp = post(client, body, sign(body))  # the same delivery again
    assert resp.status_code == 200 and resp.json()["status"] == "duplicate"
    assert TransactionEvent.objects.filter(type="CHARGE_SUCCESS").count() == 1
    assert Order.objects.get(pk=card_order.pk).total_charged_amount == 320_000


def test_forged_and_stale_signatures_are_rejected(fake_stripe, card_order, client):
    stripe_payment_start(order=card_order)
    body = event("payment_intent.succeeded", fake_stripe.intent_id, 320_000, event_id="evt_forged")
    assert post(client, body, sign(body, secret="whsec_attacker")).status_code == 400
    tampered = body.replace(b"320000", b"1")
    assert post(client, tampered, sign(body)).status_code == 400
    assert post(client, body, sign(body, ts=int(time.time()) - 3600)).status_code == 400  # outside tolerance
    assert post(client, body, "").status_code == 400
    assert StripeEvent.objects.count() == 0
    assert Order.objects.get(pk=card_order.pk).charge_status == ChargeStatus.NONE


def test_success_arriving_before_the_attempt_is_saved_waits_and_applies(fake_stripe, card_order, client):
    body = event("payment_intent.succeeded", fake_stripe.intent_id, 320_000, event_id="evt_early")
    resp = post(client, body, sign(body))
    assert resp.json()["status"] == "pending"
    assert Order.objects.get(pk=card_order.pk).charge_status == ChargeStatus.NONE
    stripe_payment_start(order=card_order)  # the attempt with this intent id is saved now
    assert Order.objects.get(pk=card_order.pk).charge_status == ChargeStatus.FULL
    assert StripeEvent.objects.get(event_id="evt_early").status == "processed"


def test_failure_after_success_keeps_the_payment(fake_stripe, card_order, client):
    stripe_payment_start(order=card_order)
    ok = event("payment_intent.succeeded", fake_stripe.intent_id, 320_000, event_id="evt_s", created=200)
    failed = event("payment_intent.payment_failed", fake_stripe.intent_id, 320_000, event_id="evt_f", created=100)
    post(client, ok, sign(ok))
    assert post(client, failed, sign(failed)).status_code == 200
    assert Order.objects.get(pk=card_order.pk).charge_status == ChargeStatus.FULL
    assert not TransactionEvent.objects.filter(type="CHARGE_FAILURE").exists()


def test_success_after_a_failed_try_is_charged(fake_stripe, card_order, client):
    stripe_payment_start(order=card_order)
    failed = event("payment_intent.payment_failed", fake_stripe.intent_id, 320_000, event_id="evt_f2")
    post(client, failed, sign(failed))
    order = Order.objects.get(pk=card_order.pk)
    assert order.charge_status == ChargeStatus.NONE and order.status == OrderStatus.UNCONFIRMED
    assert TransactionEvent.objects.get(type="CHARGE_FAILURE").message == "Thẻ bị từ chối"
    ok = event("payment_intent.succeeded", fake_stripe.intent_id, 320_000, event_id="evt_s2")
    post(client, ok, sign(ok))
    assert Order.objects.get(pk=card_order.pk).charge_status == ChargeStatus.FULL


def test_payment_after_the_order_expired_is_recorded_for_refund(fake_stripe, card_order, client):
    import datetime as dt

    from django.utils import timezone

    from orders.models import OrderEvent
    from orders.services import expire_unpaid_orders, order_mark_refunded

    stripe_payment_start(order=card_order)
    assert expire_unpaid_orders(now=timezone.now() + dt.timedelta(days=2)) == [card_order.number]
    body = event("payment_intent.succeeded", fake_stripe.intent_id, 320_000, event_id="evt_late")
    assert post(client, body, sign(body)).status_code == 200
    order = Order.objects.get(pk=card_order.pk)
    assert (order.status, order.charge_status, order.total_charged_amount) == ("canceled", "full", 320_000)
    assert OrderEvent.objects.filter(order=order, type="payment_after_cancel").exists()
    order_mark_refunded(order_id=order.pk)
    assert Order.objects.get(pk=order.pk).status == OrderStatus.REFUNDED
