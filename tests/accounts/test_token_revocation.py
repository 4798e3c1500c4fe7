"""Item 3 of issue 14: a password reset or change, logout and tokensDeactivateAll end every earlier access and
refresh token; refresh tokens rotate (each works once); tokenVerify says whether a token still counts."""

from __future__ import annotations

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.factories import make_user

ME = "{ me { email } }"
CREATE = 'mutation { tokenCreate(email: "khach@ocop.demo", password: "ocop-test-pass") { token refreshToken errors { code } } }'
REFRESH = "mutation($r: String!) { tokenRefresh(refreshToken: $r) { token refreshToken errors { field code } } }"
VERIFY = "mutation($t: String!) { tokenVerify(token: $t) { isValid payload user { email } errors { field code } } }"


def tokens(gql) -> tuple[str, str]:
    out = gql(CREATE)["data"]["tokenCreate"]
    assert out["errors"] == []
    return out["token"], out["refreshToken"]


def assert_dead(gql, access: str, refresh: str) -> None:
    assert gql(ME, token=access)["data"]["me"] is None
    assert gql(REFRESH, {"r": refresh})["data"]["tokenRefresh"]["errors"] == [
        {"field": "refreshToken", "code": "JWT_INVALID_TOKEN"}]
    verified = gql(VERIFY, {"t": access})["data"]["tokenVerify"]
    assert verified["isValid"] is False and verified["errors"][0]["code"] == "JWT_INVALID_TOKEN"


@pytest.fixture
def customer(db):
    return make_user("khach@ocop.demo")


def test_tokens_deactivate_all_ends_earlier_tokens_only(gql, customer):
    access, refresh = tokens(gql)
    other_access, _ = tokens(gql)
    verified = gql(VERIFY, {"t": access})["data"]["tokenVerify"]
    assert verified["isValid"] is True and verified["user"] == {"email": "khach@ocop.demo"}
    assert verified["payload"]["type"] == "access"
    out = gql("mutation { tokensDeactivateAll { errors { code } } }", token=access)["data"]["tokensDeactivateAll"]
    assert out["errors"] == []
    assert_dead(gql, access, refresh)
    assert gql(ME, token=other_access)["data"]["me"] is None
    fresh, _ = tokens(gql)  # logging in again works
    assert gql(ME, token=fresh)["data"]["me"] == {"email": "khach@ocop.demo"}
    anon = gql("mutation { tokensDeactivateAll { errors { code } } }")["data"]["tokensDeactivateAll"]
    assert anon["errors"] == [{"code": "PERMISSION_DENIED"}]


def test_refresh_tokens_rotate_and_work_once(gql, customer):
    _access, refresh = tokens(gql)
    first = gql(REFRESH, {"r": refresh})["data"]["tokenRefresh"]
    assert first["errors"] == [] and first["refreshToken"] and first["refreshToken"] != refresh
    assert gql(ME, token=first["token"])["data"]["me"] == {"email": "khach@ocop.demo"}
    replay = gql(REFRESH, {"r": refresh})["data"]["tokenRefresh"]
    assert replay["token"] is None and replay["errors"][0]["code"] == "JWT_INVALID_TOKEN"
    assert gql(REFRESH, {"r": first["refreshToken"]})["data"]["tokenRefresh"]["errors"] == []


def test_password_reset_through_the_pages_ends_tokens(gql, client, customer):
    access, refresh = tokens(gql)
    uid = urlsafe_base64_encode(force_bytes(customer.pk))
    url = f"/dat-lai-mat-khau/{uid}/{default_token_generator.make_token(customer)}/"
    form_url = client.get(url)["Location"]
    resp = client.post(form_url, {"new_password1": "mat-khau-moi-2026", "new_password2": "mat-khau-moi-2026"})
    assert resp.status_code == 302 and resp["Location"] == "/dat-lai-mat-khau/xong/"
    assert_dead(gql, access, refresh)


def test_password_change_ends_tokens(gql, customer):
    access, refresh = tokens(gql)
    customer.set_password("mat-khau-moi-2026")
    customer.save(update_fields=["password"])
    assert_dead(gql, access, refresh)


def test_logout_page_ends_tokens(gql, client, customer):
    access, refresh = tokens(gql)
    client.force_login(customer)
    assert client.post("/dang-xuat/").status_code == 302
    assert_dead(gql, access, refresh)
