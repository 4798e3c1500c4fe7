"""Django admin for the foundation models: every changelist and filter works for centre staff,
Stock/StockMovement/orders/payments are read-only, certificate status changes keep history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from certification.models import CertificateStatus, CertificateStatusChange, OcopCertificate
from inventory.models import Stock, StockMovement
from inventory.services import stock_receive
from tests.factories import make_certificate, make_listed_product, make_user, make_warehouse

FOUNDATION_APPS = {"accounts", "channels", "producers", "catalog", "certification", "inventory", "orders",
                   "payments"}


@pytest.fixture
def staff_client(client, db):
    user = make_user("centre@example.vn", is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


@pytest.fixture
def data(channel):
    product, variant = make_listed_product(channel, name="Mắm tôm Lê Gia", stars=5, producer=None)
    product.producer.ward_code = "16000"
    product.producer.ward_name = "Xã Hoằng Thanh"
    product.producer.save()
    warehouse = make_warehouse(channels=[channel], name="Showroom Thọ Xuân")
    stock_receive(variant_id=variant.pk, warehouse_id=warehouse.pk, quantity=5)
    return product, variant, warehouse


def foundation_models():
    return [m for m in admin.site._registry if m._meta.app_label in FOUNDATION_APPS]


def test_every_foundation_model_is_registered():
    names = {f"{m._meta.app_label}.{m.__name__}" for m in foundation_models()}
    assert {"accounts.User", "accounts.Address", "channels.Channel", "producers.Producer",
            "producers.ProducerMember", "catalog.Category", "catalog.ProductType", "catalog.Collection",
            "catalog.Product", "catalog.ProductVariant", "catalog.Attribute", "certification.OcopCertificate",
            "inventory.Warehouse", "inventory.Stock", "inventory.StockMovement", "orders.Order",
            "payments.TransactionItem"} <= names


@pytest.mark.django_db
def test_every_changelist_and_add_page_renders(staff_client, data):
    for model in foundation_models():
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert staff_client.get(url).status_code == 200, url
        response = staff_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        assert response.status_code in (200, 403), url
    assert "Vietnamese" not in staff_client.get("/admin/").content.decode()
    assert "Chủ thể OCOP" in staff_client.get("/admin/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url,query", [
    ("catalog_product", "stars=5"), ("catalog_product", "stars=0"), ("catalog_product", "commune=16000"),
    ("catalog_product", "moderation_status=approved"), ("catalog_product", "q=SKU"),
    ("certification_ocopcertificate", "expiry=past"), ("certification_ocopcertificate", "expiry=soon"),
    ("certification_ocopcertificate", "expiry=later"), ("certification_ocopcertificate", "status__exact=valid"),
    ("certification_ocopcertificate", "stars__exact=5"), ("certification_ocopcertificate", "commune=16000"),
    ("producers_producer", "commune=16000"), ("producers_producer", "q=Hoằng"),
    ("inventory_stockmovement", "reason__exact=receipt"), ("inventory_warehouse", "kind__exact=showroom"),
])
def test_filters_and_search(staff_client, data, url, query):
    response = staff_client.get(reverse(f"admin:{url}_changelist") + "?" + query)
    assert response.status_code == 200  # an unknown filter would redirect to ?e=1


@pytest.mark.django_db
def test_filters_select_the_right_rows(staff_client, data, channel):
    product, _, _ = data
    other, _ = make_listed_product(channel, name="Chiếu cói Nga Sơn", stars=3)
    url = reverse("admin:catalog_product_changelist")
    five = staff_client.get(url + "?stars=5").content.decode()
    assert "Mắm tôm Lê Gia" in five and "Chiếu cói Nga Sơn" not in five
    by_commune = staff_client.get(url + "?commune=16000").content.decode()
    assert "Mắm tôm Lê Gia" in by_commune and "Chiếu cói Nga Sơn" not in by_commune
    certs = reverse("admin:certification_ocopcertificate_changelist")
    later = other.certificates.get().certificate_number
    soon = make_certificate(other, stars=3, issued_on=timezone.localdate() - dt.timedelta(days=1080),
                            expires_on=timezone.localdate() + dt.timedelta(days=10), certificate_number="GCN-SOON")
    page = staff_client.get(certs + "?expiry=soon").content.decode()
    assert soon.certificate_number in page and f">{later}<" not in page
    assert f">{later}<" in staff_client.get(certs + "?expiry=later").content.decode()


@pytest.mark.django_db
def test_stock_and_ledger_are_read_only(staff_client, data):
    _, variant, warehouse = data
    stock = Stock.objects.get(product_variant=variant, warehouse=warehouse)
    movement = StockMovement.objects.get(stock=stock)
    for name, obj in (("inventory_stock", stock), ("inventory_stockmovement", movement)):
        assert staff_client.get(reverse(f"admin:{name}_add")).status_code == 403
        change = reverse(f"admin:{name}_change", args=[obj.pk])
        page = staff_client.get(change)
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
        assert staff_client.post(change, {"quantity": 999}).status_code == 403
        assert staff_client.post(reverse(f"admin:{name}_delete", args=[obj.pk]), {"post": "yes"}).status_code == 403
    stock.refresh_from_db()
    assert stock.quantity == 5 and StockMovement.objects.count() == 1


@pytest.mark.django_db
def test_non_staff_cannot_open_admin(client, db):
    client.force_login(make_user("khach@example.vn"))
    response = client.get(reverse("admin:catalog_product_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response.url


def certificate_form(cert: OcopCertificate, **changes) -> dict:
    data = {
        "product": cert.product_id, "stars": cert.stars, "score": cert.score,
        "certificate_number": cert.certificate_number, "decision_number": cert.decision_number,
        "decision_date": cert.decision_date.isoformat(), "issuing_level": cert.issuing_level,
        "group": "", "issued_on": cert.issued_on.isoformat(), "expires_on": cert.expires_on.isoformat(),
        "status": cert.status, "status_reason": cert.status_reason,
        "status_changes-TOTAL_FORMS": "0", "status_changes-INITIAL_FORMS": "0",
        "status_changes-MIN_NUM_FORMS": "0", "status_changes-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_certificate_status_change_is_logged_and_needs_a_reason(staff_client, data, channel):
    product, _, _ = data
    cert = product.certificates.get()
    url = reverse("admin:certification_ocopcertificate_change", args=[cert.pk])
    response = staff_client.post(url, certificate_form(cert, status="suspended"))
    assert response.status_code == 200
    assert "Cần ghi lý do tạm đình chỉ hoặc thu hồi." in response.content.decode()
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.VALID
    response = staff_client.post(url, certificate_form(cert, score="50"))
    assert "không khớp với 5 sao" in response.content.decode()
    response = staff_client.post(url, certificate_form(cert, status="suspended", status_reason="Kiểm tra ATTP"))
    assert response.status_code == 302
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.SUSPENDED
    change = CertificateStatusChange.objects.get(certificate=cert)
    assert (change.from_status, change.to_status, change.reason) == ("valid", "suspended", "Kiểm tra ATTP")
    from catalog.gate import is_visible

    assert not is_visible(product, channel)
    assert staff_client.post(reverse("admin:certification_ocopcertificate_delete", args=[cert.pk]),
                             {"post": "yes"}).status_code == 403
    response = staff_client.post(url, certificate_form(cert, status="valid", status_reason=""))
    assert "Hãy ghi rõ lý do." in response.content.decode()
    response = staff_client.post(url, certificate_form(cert, status="revoked", status_reason="Vi phạm nhãn"))
    assert response.status_code == 302
    cert.refresh_from_db()
    response = staff_client.post(url, certificate_form(cert, status="valid", status_reason="Nhầm"))
    assert "Không thể chuyển chứng nhận từ trạng thái" in response.content.decode()
    cert.refresh_from_db()
    assert cert.status == CertificateStatus.REVOKED
    assert list(cert.status_changes.values_list("to_status", flat=True)) == ["suspended", "revoked"]


@pytest.mark.django_db
def test_vietnamese_column_headers(staff_client, data, channel):
    from orders.models import Order
    from payments.models import TransactionItem

    order = Order.objects.create(number=990001, channel=channel, total_amount=125_000)
    TransactionItem.objects.create(order=order, method="cash", amount_charged=125_000)
    pages = {
        "inventory_stock": ["Phân loại sản phẩm", "Số lượng", "Đã phân bổ cho đơn", "Có thể bán"],
        "inventory_stockmovement": ["Thời điểm", "Tồn sau", "Lý do", "Loại chứng từ"],
        "catalog_product": ["Chủ thể OCOP", "Danh mục", "Sao OCOP", "Trạng thái duyệt"],
        "orders_order": ["Số đơn", "Kênh bán", "Nguồn đơn", "Tổng tiền"],
        "payments_transactionitem": ["Phương thức", "Đã thu (VND)"],
        "certification_ocopcertificate": ["Số giấy chứng nhận", "Sản phẩm", "Số sao", "Ngày hết hạn"],
    }
    for name, headers in pages.items():
        html = staff_client.get(reverse(f"admin:{name}_changelist")).content.decode()
        for header in headers:
            assert header in html, (name, header)
    _, variant, warehouse = data
    stock = Stock.objects.get(product_variant=variant, warehouse=warehouse)
    html = staff_client.get(reverse("admin:inventory_stock_change", args=[stock.pk])).content.decode()
    assert "Đã phân bổ cho đơn" in html and "Quantity allocated" not in html
    html = staff_client.get(reverse("admin:orders_order_change", args=[order.pk])).content.decode()
    from core.money import format_vnd

    assert format_vnd(125_000) in staff_client.get(reverse("admin:orders_order_changelist")).content.decode()
    assert "Phương thức thanh toán" in html and 'name="_save"' not in html
