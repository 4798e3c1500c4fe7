"""Public trace pages at Digital Link paths: content, speed (query count), languages, counterfeit warnings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certification.models import CertificateStatus
from inventory import services as inv
from inventory.models import MovementReason
from tests.factories import make_certificate, make_warehouse
from traceability import services
from traceability.models import BatchDocument, Stamp, StampScan

pytestmark = pytest.mark.django_db


@pytest.fixture
def stamp(batch, trace_staff):
    serial = services.stamps_issue(user=trace_staff, batch_id=batch.pk, count=5).serials[0]
    return Stamp.objects.select_related("batch__variant").get(serial=serial)


def path_of(stamp) -> str:
    return services.stamp_uri(stamp).removeprefix("https://ocop.thanhhoa.vn")


def test_stamp_page_shows_product_batch_origin_certificate_and_journey(client, stamp, batch):
    wh = make_warehouse(name="Showroom OCOP Sân bay Thọ Xuân")
    inv.stock_receive(variant_id=batch.variant_id, warehouse_id=wh.pk, quantity=5, reason=MovementReason.TRANSFER_IN)
    BatchDocument.objects.create(batch=batch, title="Phiếu kiểm nghiệm số 12", file="traceability/documents/x.pdf",
                                 content_type="application/pdf")
    path = path_of(stamp)
    assert "/10/LOT-2026%2F01/21/" in path
    with CaptureQueriesContext(connection) as ctx:
        resp = client.get(path, HTTP_USER_AGENT="phone", REMOTE_ADDR="1.2.3.4")
    assert resp.status_code == 200
    assert len(ctx.captured_queries) <= 10
    html = resp.content.decode()
    product = batch.variant.product
    for text in (product.name, product.producer.name, "Xã Hoằng Thanh", "HTX Nước mắm Ba Làng", "LOT-2026/01",
                 stamp.serial, "Còn hiệu lực", "Phiếu kiểm nghiệm số 12", "Showroom OCOP Sân bay Thọ Xuân",
                 "Đóng gói, dán tem tại cơ sở sản xuất", "Nhập kho tại điểm bán", "Tem chính hãng"):
        assert text in html, text
    assert batch.production_date.strftime("%d/%m/%Y") in html
    assert 'name="viewport"' in html
    scan = StampScan.objects.get()
    assert scan.stamp_id == stamp.pk and scan.ip_hash and scan.ip_hash != "1.2.3.4"


def test_query_count_does_not_grow_with_events(client, stamp, batch):
    wh = make_warehouse()
    inv.stock_receive(variant_id=batch.variant_id, warehouse_id=wh.pk, quantity=1, reason=MovementReason.TRANSFER_IN)
    with CaptureQueriesContext(connection) as few:
        client.get(path_of(stamp))
    for _ in range(6):
        inv.stock_receive(variant_id=batch.variant_id, warehouse_id=make_warehouse().pk, quantity=1,
                          reason=MovementReason.TRANSFER_IN)
    with CaptureQueriesContext(connection) as many:
        client.get(path_of(stamp))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_english_page(client, stamp):
    html = client.get(path_of(stamp), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Product journey" in html and "Genuine stamp" in html and 'lang="en"' in html


def test_expired_certificate_is_shown_as_expired(client, stamp, batch):
    product = batch.variant.product
    product.certificates.all().delete()
    today = timezone.localdate()
    make_certificate(product, stars=4, issued_on=today - dt.timedelta(days=1200), expires_on=today - dt.timedelta(days=5))
    html = client.get(path_of(stamp)).content.decode()
    assert 'data-testid="cert-status">Hết hạn<' in html


def test_sold_stamp_warns(client, stamp):
    services.stamp_mark_sold(stamp.serial)
    resp = client.get(path_of(stamp))
    assert resp.status_code == 200
    assert "Tem này đã được bán" in resp.content.decode()
    assert 'role="alert"' in resp.content.decode()


def test_voided_stamp_warns(client, stamp, trace_staff):
    services.stamp_void(user=trace_staff, stamp=stamp, reason="Rách")
    html = client.get(path_of(stamp)).content.decode()
    assert "Tem không hợp lệ" in html and "Tem chính hãng" not in html


def test_unknown_serial_and_copied_serial_warn(client, stamp, batch):
    gtin14 = batch.variant.gtin.zfill(14)
    resp = client.get(f"/01/{gtin14}/10/LOT-2026%2F01/21/NOTAREALSER1")
    assert resp.status_code == 404 and "Tem không hợp lệ" in resp.content.decode()
    assert batch.variant.product.name in resp.content.decode()
    resp = client.get(f"/01/{gtin14}/10/OTHERLOT/21/{stamp.serial}")  # real serial, wrong lot
    assert resp.status_code == 404 and "Tem không hợp lệ" in resp.content.decode()
    assert StampScan.objects.filter(result="unknown").count() == 2


@pytest.mark.parametrize("path", ["/01/09506000134353/10/A/21/B", "/01/abc", "/01/09506000134352/10/L%C3%94/21/X"])
def test_malformed_paths_get_a_clear_400(client, path):
    resp = client.get(path)
    assert resp.status_code == 400 and "Tem không hợp lệ" in resp.content.decode()


def test_batch_and_product_level_pages(client, batch, stamp):
    gtin14 = batch.variant.gtin.zfill(14)
    resp = client.get(f"/01/{gtin14}/10/LOT-2026%2F01")
    assert resp.status_code == 200 and "LOT-2026/01" in resp.content.decode()
    assert stamp.serial not in resp.content.decode()
    resp = client.get(f"/01/{gtin14}")
    product = batch.variant.product
    if resp.status_code == 302:
        assert resp["Location"] == f"/san-pham/{product.slug}/"
    else:
        assert resp.status_code == 200 and "/10/LOT-2026%2F01" in resp.content.decode()
    resp = client.get(f"/truy-xuat/san-pham/{product.slug}/")
    assert resp.status_code == 200 and product.name in resp.content.decode()
    assert client.get(f"/01/{gtin14}/10/NOPE").status_code == 404
    assert client.get("/01/09506000134352").status_code == 404


def test_revoked_certificate_is_not_shown_as_valid(client, stamp, batch):
    cert = batch.variant.product.certificates.get()
    cert.status = CertificateStatus.REVOKED
    cert.save()
    html = client.get(path_of(stamp)).content.decode()
    assert 'data-testid="cert-status">Thu hồi<' in html


def test_location_pages(client, batch):
    wh = make_warehouse(name="Showroom Hạc Thành")
    assert "Showroom Hạc Thành" in client.get(f"/truy-xuat/dia-diem/kho/{wh.slug}").content.decode()
    assert client.get(f"/truy-xuat/dia-diem/chu-the/{batch.producer.slug}").status_code == 200


def test_raw_request_uri_is_preferred_when_the_server_gives_it(client, trace_staff):
    """Gunicorn passes RAW_URI: a lot with an encoded "%2F21%2F" must not be split as a serial."""
    from tests.factories.traceability import make_batch

    tricky = make_batch(quantity=3, lot_code="A/21/B")
    serial = services.stamps_issue(user=trace_staff, batch_id=tricky.pk, count=1).serials[0]
    path = path_of(Stamp.objects.get(serial=serial))
    assert "/10/A%2F21%2FB/21/" in path
    resp = client.get(path, {"loc": "Thái Bình"}, RAW_URI=path + "?loc=Th%C3%A1i+B%C3%ACnh")
    assert resp.status_code == 200 and serial in resp.content.decode()
    assert StampScan.objects.get().location == "Thái Bình"


def test_batch_and_product_pages_use_few_queries(client, batch, stamp):
    gtin14 = batch.variant.gtin.zfill(14)
    with CaptureQueriesContext(connection) as batch_q:
        assert client.get(f"/01/{gtin14}/10/LOT-2026%2F01").status_code == 200
    with CaptureQueriesContext(connection) as product_q:
        assert client.get(f"/truy-xuat/san-pham/{batch.variant.product.slug}/").status_code == 200
    assert len(batch_q.captured_queries) <= 8 and len(product_q.captured_queries) <= 6
