"""English catalogue of the accounts app: login, sign-up, account pages, reset e-mail, GraphQL errors."""

from __future__ import annotations

import pytest
from django.core import mail

from tests.checkout.po_check import catalogue_problems, entry_count
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_login_and_sign_up_in_english(english):
    make_user("da-co@example.vn")
    html = english.get("/dang-nhap/").content.decode()
    assert "Log in" in html and "Forgot your password?" in html and "Quên mật khẩu?" not in html
    resp = english.post("/dang-nhap/", {"username": "da-co@example.vn", "password": "sai-mat-khau"})
    assert "Incorrect email or password." in resp.content.decode()
    resp = english.post("/dang-ky/", {"email": "da-co@example.vn", "full_name": "Khách", "phone": "",
                                      "password1": "mat-khau-dai-123", "password2": "khac-hoan-toan-456"})
    html = resp.content.decode()
    assert resp.status_code == 400 and "Create an account" in html
    assert "This email is already registered." in html and "Đăng ký tài khoản" not in html


def test_account_pages_in_english(english):
    user = make_user("khach@example.vn", full_name="Lê Thị Hoa")
    english.force_login(user)
    html = english.get("/tai-khoan/").content.decode()
    assert "Hello, Lê Thị Hoa" in html and "No orders yet." in html and "Addresses" in html
    assert "Xin chào" not in html
    html = english.get("/tai-khoan/dia-chi/").content.decode()
    assert "Address book" in html and "Save address" in html and "— Choose a province/city —" in html
    assert "Sổ địa chỉ" not in html


def test_password_reset_email_in_english(english):
    make_user("quen@example.vn")
    english.post("/quen-mat-khau/", {"email": "quen@example.vn"})
    assert mail.outbox[-1].subject == "Reset your OCOP Thanh Hóa password"
    assert "Open this link to set a new password:" in mail.outbox[-1].body
    html = english.get("/quen-mat-khau/da-gui/").content.decode()
    assert "If the email is registered" in html


def test_graphql_errors_in_english(english, gql):
    make_user("da-co@example.vn")
    res = gql("""mutation { accountRegister(input: {email: "da-co@example.vn", password: "mat-khau-dai-123"}) {
      errors { field code message } } }""")["data"]["accountRegister"]["errors"]
    assert res == [{"field": "email", "code": "UNIQUE", "message": "This email is already registered."}]
    res = gql("""mutation { tokenCreate(email: "da-co@example.vn", password: "sai") { errors { message } } }""")
    assert res["data"]["tokenCreate"]["errors"][0]["message"] == "Incorrect email or password."
    res = gql("""mutation { tokenRefresh(refreshToken: "khong-hop-le") { errors { message } } }""")
    assert res["data"]["tokenRefresh"]["errors"][0]["message"] == "The refresh token is invalid or has expired."


def test_catalogue_complete():
    assert catalogue_problems("accounts") == []
    assert entry_count("accounts") >= 70
