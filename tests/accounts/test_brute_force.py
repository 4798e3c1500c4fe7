"""Item 2 of issue 14: after a few failures per account and per address every credential entry point delays
(API: LOGIN_ATTEMPT_DELAYED / TOO_MANY_REQUESTS; pages: 429 + Retry-After), even for the right password;
attempts are recorded; the centre unlocks in the admin; counters work on Redis and on the local cache."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.test import Client
from graphql_relay import to_global_id

from tests.factories import make_user, make_warehouse
from tests.factories.campaigns import make_voucher
from tests.factories.checkout import make_stocked_variant

pytestmark = pytest.mark.django_db
PASSWORD = "ocop-test-pass"
TOKEN = "mutation($e: String!, $p: String!) { tokenCreate(email: $e, password: $p) { token errors { field code message } } }"


def token_create(client: Client, email: str, password: str, ip: str = "203.0.113.5"):
    resp = client.post("/graphql/", {"query": TOKEN, "variables": {"e": email, "p": password}},
                       content_type="application/json", REMOTE_ADDR=ip)
    return resp, resp.json()["data"]["tokenCreate"]


def test_token_create_delays_after_five_failures_then_centre_unlocks(client, settings):
    make_user("khach@ocop.demo")
    for _ in range(4):
        _resp, out = token_create(client, "khach@ocop.demo", "sai-mat-khau")
        assert out["errors"][0]["code"] == "INVALID_CREDENTIALS"
    _resp, out = token_create(client, "khach@ocop.demo", "sai-mat-khau")  # the fifth failure locks
    assert out["errors"][0]["code"] == "LOGIN_ATTEMPT_DELAYED"
    resp, out = token_create(client, "KHACH@ocop.demo", PASSWORD)  # the right password, any spelling
    assert out["token"] is None
    assert out["errors"][0]["code"] == "LOGIN_ATTEMPT_DELAYED" and "15 phút" in out["errors"][0]["message"]
    assert resp["Retry-After"] == "900"
    attempt = AccessAttempt.objects.get(username="khach@ocop.demo")
    assert attempt.failures_since_start >= 5 and attempt.ip_address == "203.0.113.5"
    assert AccessFailureLog.objects.filter(username="khach@ocop.demo").count() >= 5

    centre = make_user("staff@ocop.demo", is_staff=True, is_superuser=True)
    admin = Client()
    admin.force_login(centre)
    resp = admin.post("/admin/axes/accessattempt/", {"action": "delete_selected", "_selected_action": [attempt.pk],
                                                     "post": "yes"})
    assert resp.status_code == 302 and not AccessAttempt.objects.exists()
    _resp, out = token_create(client, "khach@ocop.demo", PASSWORD)
    assert out["errors"] == [] and out["token"]


def test_one_address_trying_many_accounts_is_delayed(client):
    make_user("an@example.vn")
    for i in range(5):
        token_create(client, f"nguoi{i}@example.vn", "sai", ip="198.51.100.20")
    _resp, out = token_create(client, "an@example.vn", PASSWORD, ip="198.51.100.20")
    assert out["errors"][0]["code"] == "LOGIN_ATTEMPT_DELAYED"
    _resp, out = token_create(client, "an@example.vn", PASSWORD, ip="198.51.100.21")  # another address: fine
    assert out["token"]


@pytest.mark.parametrize("path", ["/dang-nhap/", "/kenh-nguoi-ban/dang-nhap/", "/pos/dang-nhap/", "/admin/login/"])
def test_login_pages_answer_429_with_retry_after(client, path):
    make_user("nv@ocop.demo", is_staff=True, is_superuser=True)
    for _ in range(4):
        resp = client.post(path, {"username": "nv@ocop.demo", "password": "sai"})
        assert resp.status_code == 200
    assert client.post(path, {"username": "nv@ocop.demo", "password": "sai"}).status_code == 429
    resp = client.post(path, {"username": "nv@ocop.demo", "password": PASSWORD})
    assert resp.status_code == 429 and resp["Retry-After"] == "900"
    assert "Vui lòng thử lại sau 15 phút" in resp.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_and_registration_are_rate_limited(client, gql, mailoutbox):
    make_user("khach@ocop.demo")
    for _ in range(5):
        assert client.post("/quen-mat-khau/", {"email": "khach@ocop.demo"}).status_code == 302
    resp = client.post("/quen-mat-khau/", {"email": "khach@ocop.demo"})
    assert resp.status_code == 429 and int(resp["Retry-After"]) > 0
    assert len(mailoutbox) == 5

    for i in range(10):
        client.post("/dang-ky/", {"email": f"moi{i}@example.vn"})
    resp = client.post("/dang-ky/", {"email": "moi-nua@example.vn"})
    assert resp.status_code == 429 and int(resp["Retry-After"]) > 0
    out = gql('mutation { accountRegister(input: {email: "x@example.vn", password: "mat-khau-2026"}) '
              "{ user { email } errors { code } } }")["data"]["accountRegister"]
    assert out == {"user": None, "errors": [{"code": "TOO_MANY_REQUESTS"}]}


def _checkout_id(gql, channel) -> str:
    variant = make_stocked_variant(channel, make_warehouse(channels=[channel]), quantity=5)
    created = gql("""mutation($v: ID!) { checkoutCreate(input: {channel: "online", lines: [{variantId: $v, quantity: 1}]})
      { checkout { id } errors { code } } }""", {"v": to_global_id("ProductVariant", variant.pk)})
    return created["data"]["checkoutCreate"]["checkout"]["id"]


PROMO = """mutation($id: ID!, $c: String!) { checkoutAddPromoCode(id: $id, promoCode: $c) {
  checkout { voucherCode } errors { field code } } }"""


def _voucher_guessing_is_limited(gql, channel) -> None:
    make_voucher(channel, code="TET2026")
    cid = _checkout_id(gql, channel)
    for i in range(10):
        out = gql(PROMO, {"id": cid, "c": f"DOAN{i}"})["data"]["checkoutAddPromoCode"]
        assert out["errors"][0]["code"] != "TOO_MANY_REQUESTS"
    out = gql(PROMO, {"id": cid, "c": "TET2026"})["data"]["checkoutAddPromoCode"]
    assert out["errors"] == [{"field": "promoCode", "code": "TOO_MANY_REQUESTS"}]


def test_voucher_code_guessing_is_limited(gql, channel):
    _voucher_guessing_is_limited(gql, channel)


def test_rate_limits_work_on_redis(gql, channel, settings):
    settings.CACHES = {**settings.CACHES, "ratelimit": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/13",
        "KEY_PREFIX": "ocop-tests-ratelimit"}}
    settings.RATELIMIT_USE_CACHE = "ratelimit"
    from django.core.cache import caches

    caches["ratelimit"].clear()
    try:
        _voucher_guessing_is_limited(gql, channel)
        assert any(k for k in caches["ratelimit"]._cache.get_client().keys("ocop-tests-ratelimit*"))
    finally:
        caches["ratelimit"].clear()
