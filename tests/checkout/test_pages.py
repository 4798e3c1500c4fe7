"""Cart, checkout, confirmation, account and staff pages through real HTTP (Django test client)."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from accounts.models import Address
from certification.models import CertificateStatus, OcopCertificate
from inventory.models import Stock
from orders.models import Order
from orders.services import order_create_from_checkout
from tests.factories import make_user
from tests.factories.checkout import make_ready_checkout, make_stocked_variant

pytestmark = pytest.mark.django_db


def _token(client) -> str:
    return client.session["checkout_token"]


def _checkout_form(client, **overrides) -> dict:
    data = {"checkout_token": _token(client), "email": "khach@example.vn", "full_name": "Lê Thị Hoa",
            "phone": "0912 345 678", "delivery": "shipping", "province_code": "38", "ward_code": "14797",
            "street_address": "12 Lê Lợi", "payment_method": "cod", "note": ""}
    data.update(overrides)
    return data


def test_add_to_cart_ignores_a_tampered_price(client, channel, depot):
    v = make_stocked_variant(channel, depot, quantity=5, price=125_000)
    resp = client.post("/gio-hang/them/", {"variant_id": v.pk, "quantity": 2, "price": 1, "price_amount": 1})
    assert resp.status_code == 302
    html = client.get("/gio-hang/").content.decode()
    assert "250.000\u00a0₫" in html and "Đã thêm vào giỏ hàng" in html


@pytest.mark.parametrize("qty,message", [("0", "lớn hơn 0"), ("abc", "số nguyên"), ("9", "chỉ còn 5")])
def test_add_to_cart_bad_quantity(client, channel, depot, qty, message):
    v = make_stocked_variant(channel, depot, quantity=5)
    client.post("/gio-hang/them/", {"variant_id": v.pk, "quantity": qty})
    html = client.get("/gio-hang/").content.decode()
    assert message in html and "Giỏ hàng đang trống" in html


def test_guest_checkout_cod_end_to_end(client, channel, depot, django_capture_on_commit_callbacks, settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""
    v = make_stocked_variant(channel, depot, quantity=5, price=125_000)
    client.post("/gio-hang/them/", {"variant_id": v.pk, "quantity": 2})
    page = client.get("/thanh-toan/").content.decode()
    assert 'value="cod"' in page and 'value="vietqr"' in page and 'value="stripe"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post("/thanh-toan/", _checkout_form(client))
    order = Order.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"/don-hang/{order.token}/"
    assert order.total_amount == 270_000 and order.customer_phone == "0912345678"
    page = client.get(resp["Location"]).content.decode()
    assert f"#{order.number}" in page and "270.000\u00a0₫" in page and "js.stripe.com" not in page
    assert Stock.objects.get(product_variant=v).quantity_allocated == 2
    assert len(mail.outbox) == 1
    assert "checkout_token" not in client.session


@pytest.mark.parametrize("field,value,message", [
    ("phone", "12345", "Số điện thoại di động Việt Nam không hợp lệ"),
    ("ward_code", "00070", "không thuộc Thanh Hóa"),
    ("ward_code", "", "Vui lòng chọn xã/phường"),
    ("email", "khong-phai-email", "Email không hợp lệ"),
    ("street_address", "", "Vui lòng nhập số nhà"),
])
def test_invalid_contact_or_address_places_nothing(client, channel, depot, field, value, message):
    v = make_stocked_variant(channel, depot, quantity=5)
    client.post("/gio-hang/them/", {"variant_id": v.pk, "quantity": 1})
    resp = client.post("/thanh-toan/", _checkout_form(client, **{field: value}))
    assert resp.status_code == 400 and message in resp.content.decode()
    assert Order.objects.count() == 0 and Stock.objects.get(product_variant=v).quantity_allocated == 0


def test_tampered_checkout_token_in_the_form(client, channel, depot):
    v = make_stocked_variant(channel, depot, quantity=5)
    client.post("/gio-hang/them/", {"variant_id": v.pk, "quantity": 1})
    other = make_ready_checkout(channel, [(v, 1)])
    resp = client.post("/thanh-toan/", _checkout_form(client, checkout_token=str(other.token)), follow=True)
    assert "không hợp lệ" in resp.content.decode() and Order.objects.count() == 0


def test_expired_between_cart_and_payment(client, channel, depot):
    v = make_stocked_variant(channel, depot, quantity=5)
    client.post("/gio-hang/them/", {"variant_id": v.pk, "quantity": 1})
    OcopCertificate.objects.filter(product=v.product).update(status=CertificateStatus.SUSPENDED)
    resp = client.post("/thanh-toan/", _checkout_form(client))
    assert "không còn được bán" in resp.content.decode()
    assert Order.objects.count() == 0 and Stock.objects.get(product_variant=v).quantity_allocated == 0


def test_double_submitted_place_order_gives_one_order(client, channel, depot):
    v = make_stocked_variant(channel, depot, quantity=5)
    client.post("/gio-hang/them/", {"variant_id": v.pk, "quantity": 1})
    form = _checkout_form(client)
    first = client.post("/thanh-toan/", form)
    second = client.post("/thanh-toan/", form)  # same form again (the session's cart is already ordered)
    assert first.status_code == 302 and Order.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]  # the same order page
    assert Stock.objects.get(product_variant=v).quantity_allocated == 1


def test_click_and_collect_vietqr_shows_qr_and_transfer_details(client, channel, depot, showroom, settings):
    from integrations.vietqr.payload import crc_ok, parse_tlv
    from inventory.services import stock_receive

    v = make_stocked_variant(channel, depot, quantity=5, price=99_000)
    stock_receive(variant_id=v.pk, warehouse_id=showroom.pk, quantity=2)
    client.post("/gio-hang/them/", {"variant_id": v.pk, "quantity": 2})
    assert f"collection:{showroom.pk}" in client.get("/thanh-toan/").content.decode()
    resp = client.post("/thanh-toan/", _checkout_form(client, delivery=f"collection:{showroom.pk}",
                                                      payment_method="vietqr", province_code="", ward_code="",
                                                      street_address=""))
    order = Order.objects.get()
    html = client.get(resp["Location"]).content.decode()
    assert "<svg" in html and settings.VIETQR_ACCOUNT_NUMBER in html and f"OCOP{order.number}" in html
    assert "198.000\u00a0₫" in html and order.collection_point_id == showroom.pk
    from payments.vietqr import transfer_details

    payload = transfer_details(order).payload
    assert crc_ok(payload) and parse_tlv(payload)["54"] == "198000"


def test_wards_endpoint_and_no_js_refresh(client, channel, depot):
    data = client.get("/dia-chi/xa-phuong/38/").json()
    assert data["province"] == "38" and {"code": "14797", "name": "Phường Hạc Thành"} in data["wards"]
    assert client.get("/dia-chi/xa-phuong/99/").status_code == 404
    v = make_stocked_variant(channel, depot, quantity=5)
    client.post("/gio-hang/them/", {"variant_id": v.pk, "quantity": 1})
    html = client.post("/thanh-toan/", _checkout_form(client, province_code="01", ward_code="",
                                                      action="refresh")).content.decode()
    assert "Phường Hoàn Kiếm" in html and Order.objects.count() == 0


def test_customer_sees_only_their_own_orders(client, channel, depot):
    v = make_stocked_variant(channel, depot, quantity=10)
    alice, bob = make_user("alice@example.vn"), make_user("bob@example.vn")
    order = order_create_from_checkout(checkout_token=make_ready_checkout(channel, [(v, 1)], user=alice,
                                                                          email=alice.email).token, user=alice)
    client.force_login(alice)
    assert client.get("/tai-khoan/don-hang/").content.decode().count(f"#{order.number}") == 1
    assert client.get(f"/tai-khoan/don-hang/{order.number}/").status_code == 200
    assert client.get(f"/don-hang/{order.token}/").status_code == 200
    client.force_login(bob)
    assert f"#{order.number}" not in client.get("/tai-khoan/don-hang/").content.decode()
    assert client.get(f"/tai-khoan/don-hang/{order.number}/").status_code == 404
    assert client.get(f"/don-hang/{order.token}/").status_code == 404
    client.logout()
    assert client.get(f"/don-hang/{order.token}/").status_code == 404
    assert client.get("/don-hang/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_staff_order_pages_need_manage_orders(client, channel, depot, showroom, staff):
    from inventory.services import stock_receive

    v = make_stocked_variant(channel, depot, quantity=5)
    stock_receive(variant_id=v.pk, warehouse_id=showroom.pk, quantity=5)
    order = order_create_from_checkout(checkout_token=make_ready_checkout(channel, [(v, 2)], payment="vietqr").token)
    assert client.get("/quan-ly/don-hang/").status_code == 302  # to log in
    client.force_login(make_user())
    assert client.get("/quan-ly/don-hang/").status_code == 403
    assert client.post(f"/quan-ly/don-hang/{order.number}/da-thanh-toan/").status_code == 403
    client.force_login(staff)
    assert f"#{order.number}" in client.get("/quan-ly/don-hang/?q=khach").content.decode()
    client.post(f"/quan-ly/don-hang/{order.number}/da-thanh-toan/", {"reference": "FT1"})
    client.post(f"/quan-ly/don-hang/{order.number}/giao-hang/", {"warehouse": showroom.pk})
    order.refresh_from_db()
    assert (order.charge_status, order.status) == ("full", "fulfilled")
    assert Stock.objects.get(product_variant=v, warehouse=showroom).quantity == 3
    resp = client.post(f"/quan-ly/don-hang/{order.number}/huy/", follow=True)
    assert "Không thể huỷ" in resp.content.decode()


def test_staff_list_query_count(client, channel, depot, staff, django_assert_max_num_queries):
    v = make_stocked_variant(channel, depot, quantity=50)
    for i in range(8):
        order_create_from_checkout(checkout_token=make_ready_checkout(channel, [(v, 1)], email=f"k{i}@x.vn").token)
    client.force_login(staff)
    with django_assert_max_num_queries(8):
        assert client.get("/quan-ly/don-hang/").status_code == 200


def test_register_login_logout_addresses(client):
    resp = client.post("/dang-ky/", {"email": "Moi@Example.vn", "full_name": "Nguyễn Mới", "phone": "0912345678",
                                     "password1": "mat-khau-dai-123", "password2": "mat-khau-dai-123"})
    assert resp.status_code == 302
    assert client.post("/dang-ky/", {"email": "moi@example.vn", "full_name": "X", "password1": "mat-khau-dai-123",
                                     "password2": "mat-khau-dai-123"}).status_code == 302  # already logged in
    resp = client.post("/tai-khoan/dia-chi/", {"full_name": "Nguyễn Mới", "phone": "0912345678",
                                                "province_code": "38", "ward_code": "00070", "street_address": "1"})
    assert resp.status_code == 400 and "không thuộc Thanh Hóa" in resp.content.decode()
    client.post("/tai-khoan/dia-chi/", {"full_name": "Nguyễn Mới", "phone": "0912345678", "province_code": "38",
                                         "ward_code": "14797", "street_address": "1 Lê Lợi"})
    addr = Address.objects.get()
    assert addr.ward_name == "Phường Hạc Thành" and addr.is_default_shipping
    other = make_user()
    client.force_login(other)
    assert client.post(f"/tai-khoan/dia-chi/{addr.pk}/xoa/").status_code == 404
    client.post("/dang-xuat/")
    resp = client.post("/dang-nhap/", {"username": "moi@example.vn", "password": "sai"})
    assert "Email hoặc mật khẩu không đúng" in resp.content.decode()
    resp = client.post("/dang-nhap/", {"username": "MOI@example.vn", "password": "mat-khau-dai-123"})
    assert resp.status_code == 302 and resp["Location"] == "/tai-khoan/"


def test_password_reset_sends_a_working_link(client):
    make_user("quen@example.vn", password="cu-mat-khau-1")
    client.post("/quen-mat-khau/", {"email": "quen@example.vn"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://[^/]+(/dat-lai-mat-khau/\S+/)", mail.outbox[0].body).group(1)
    resp = client.get(link, follow=True)
    form_url = resp.redirect_chain[-1][0]
    resp = client.post(form_url, {"new_password1": "moi-mat-khau-22", "new_password2": "moi-mat-khau-22"})
    assert resp.status_code == 302
    assert client.login(username="quen@example.vn", password="moi-mat-khau-22")


def test_cart_and_account_order_list_query_counts(client, channel, depot, django_assert_max_num_queries):
    user = make_user()
    variants = [make_stocked_variant(channel, depot, quantity=20) for _ in range(8)]
    for i in range(5):
        order_create_from_checkout(checkout_token=make_ready_checkout(channel, [(variants[i], 1)], user=user,
                                                                      email=user.email).token, user=user)
    client.force_login(user)
    for v in variants:
        client.post("/gio-hang/them/", {"variant_id": v.pk, "quantity": 1})
    with django_assert_max_num_queries(14):
        html = client.get("/gio-hang/").content.decode()
    assert html.count('class="card cart-line"') == 8
    with django_assert_max_num_queries(8):
        assert client.get("/tai-khoan/don-hang/").status_code == 200
