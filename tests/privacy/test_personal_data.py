"""Item 9 of issue 14 (Decree 13/2023): download-my-data holds the user's data and nothing of others; deleting an
account erases the person and keeps orders and the stock ledger consistent; POS ID numbers are encrypted at rest
and masked on receipts."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Address, User
from orders.models import Order
from pos.sales import sale_sync
from pos.shifts import shift_open
from privacy.models import ConsentPurpose, ConsentRecord
from privacy.personal_id import reveal_id_number
from privacy.services import guest_data_purge
from tests.factories import make_user
from tests.factories.pos import make_cashier, make_register, make_stocked_product
from tests.pos.conftest import sale_input

pytestmark = pytest.mark.django_db
ADDRESS = {"full_name": "Lê Thị Lan", "phone": "0912345678", "street_address": "12 Lê Lợi", "ward_code": "14796",
           "ward_name": "Phường Hạc Thành", "province_code": "38", "province_name": "Thanh Hóa"}


@pytest.fixture
def pos_sale():
    register = make_register()
    cashier = make_cashier(register)
    _product, variant = make_stocked_product(register, price=120_000, quantity=5)
    shift = shift_open(user=cashier, register_id=register.pk, counts={500_000: 1})

    def sell(user=None, **buyer):
        sale = sale_input(shift, variant)
        sale.customer_email = user.email if user else ""
        sale.buyer = buyer
        [res] = sale_sync(user=cashier, sales=[sale])
        if user is not None:
            Order.objects.filter(pk=res.order.pk).update(user=user, shipping_address=ADDRESS)
        return Order.objects.get(pk=res.order.pk)
    return sell, cashier


def test_download_my_data_has_mine_and_nothing_of_others(client, pos_sale):
    sell, _cashier = pos_sale
    lan = make_user("lan@example.vn", full_name="Lê Thị Lan", phone="0912345678")
    other = make_user("khac@example.vn", full_name="Người Khác")
    Address.objects.create(user=lan, **ADDRESS)
    mine, theirs = sell(lan), sell(other)
    client.force_login(lan)
    resp = client.get("/tai-khoan/du-lieu-cua-toi/")
    assert resp["Content-Type"].startswith("application/json") and "attachment" in resp["Content-Disposition"]
    data = json.loads(resp.content)
    assert data["account"]["email"] == "lan@example.vn" and data["account"]["phone"] == "0912345678"
    assert [a["street_address"] for a in data["addresses"]] == ["12 Lê Lợi"]
    assert [o["number"] for o in data["orders"]] == [mine.number]
    text = resp.content.decode()
    assert "khac@example.vn" not in text and "Người Khác" not in text and str(theirs.number) not in text
    client.logout()
    assert client.get("/tai-khoan/du-lieu-cua-toi/").status_code == 302  # log in first


def test_delete_account_anonymises_and_keeps_orders_and_ledger(client, pos_sale):
    sell, _cashier = pos_sale
    lan = make_user("lan@example.vn", full_name="Lê Thị Lan", phone="0912345678")
    Address.objects.create(user=lan, **ADDRESS)
    order = sell(lan)
    client.force_login(lan)
    assert client.post("/tai-khoan/xoa-tai-khoan/", {"password": "sai"}).status_code == 400
    assert User.objects.get(pk=lan.pk).email == "lan@example.vn"  # a failed try changes nothing
    resp = client.post("/tai-khoan/xoa-tai-khoan/", {"password": "ocop-test-pass"})
    assert resp.status_code == 302 and "_auth_user_id" not in client.session
    erased = User.objects.get(pk=lan.pk)
    assert not erased.is_active and erased.email.endswith("@erased.invalid") and not erased.full_name
    assert not erased.phone and not erased.has_usable_password() and not Address.objects.filter(user=erased).exists()
    kept = Order.objects.get(pk=order.pk)
    assert kept.user_id is None and kept.user_email == "" and kept.total_amount == order.total_amount
    assert kept.lines.count() == order.lines.count()
    assert kept.shipping_address == {"ward_code": "14796", "ward_name": "Phường Hạc Thành", "province_code": "38",
                                     "province_name": "Thanh Hóa"}
    out = io.StringIO()
    call_command("verify_stock_ledger", stdout=out)
    assert out.getvalue().startswith("OK:")
    assert not client.login(username="lan@example.vn", password="ocop-test-pass")


def test_pos_national_id_encrypted_at_rest_and_masked(client, pos_sale):
    sell, cashier = pos_sale
    order = sell(name="Nguyễn Văn Bình", id_number="038095001234")
    buyer = order.invoice_data["buyer"]
    assert "038095001234" not in json.dumps(order.invoice_data)
    assert buyer["id_number_masked"] == "••••••••1234"
    assert reveal_id_number(buyer["id_number_encrypted"]) == "038095001234"
    client.force_login(cashier)
    html = client.get(f"/pos/hoa-don/{order.token}/").content.decode()
    assert "••••••••1234" in html and "038095001234" not in html


def test_privacy_notice_in_vietnamese_and_english(client):
    page = client.get("/chinh-sach-du-lieu-ca-nhan/").content.decode()
    assert "Nghị định 13/2023/NĐ-CP" in page and "Quyền của bạn" in page
    client.cookies["django_language"] = "en"
    page = client.get("/chinh-sach-du-lieu-ca-nhan/").content.decode()
    assert "Decree 13/2023/ND-CP" in page and "Your rights" in page and "Quyền của bạn" not in page


def test_guest_data_purged_after_the_retention_period(pos_sale, settings):
    sell, _cashier = pos_sale
    old = sell(name="Khách vãng lai", address="Sầm Sơn")
    Order.objects.filter(pk=old.pk).update(user_email="vanglai@example.vn", customer_phone="0912345678",
                                           created_at=timezone.now() - dt.timedelta(days=800))
    recent = sell(name="Khách mới")
    settings.GUEST_DATA_RETENTION_DAYS = 730
    assert guest_data_purge() == 1
    old, recent = Order.objects.get(pk=old.pk), Order.objects.get(pk=recent.pk)
    assert old.user_email == "" and old.customer_phone == "" and old.invoice_data["buyer"] == {}
    assert old.total_amount == 120_000 and recent.invoice_data["buyer"]["name"] == "Khách mới"
    assert guest_data_purge() == 0  # done once


def test_registration_records_consent_with_purpose_version_and_time(client, settings):
    page = client.get("/dang-ky/").content.decode()
    assert "/chinh-sach-du-lieu-ca-nhan/" in page
    resp = client.post("/dang-ky/", {"email": "moi@example.vn", "full_name": "Người Mới", "phone": "0912345678",
                                     "password1": "mat-khau-2026-x", "password2": "mat-khau-2026-x"},
                       REMOTE_ADDR="198.51.100.30")
    assert resp.status_code == 302
    consent = ConsentRecord.objects.get(email="moi@example.vn")
    assert consent.purpose == ConsentPurpose.ACCOUNT and consent.notice_version == settings.PRIVACY_NOTICE_VERSION
    assert consent.given_at is not None and consent.ip == "198.51.100.30"
