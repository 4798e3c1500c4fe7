"""Management pages (scoped per producer), label PDF/CSV downloads, the POS stamp API."""

from __future__ import annotations

import csv
import io

import pypdfium2
import pytest
import zxingcpp
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import make_user
from traceability import services
from traceability.models import Batch, BatchDocument, Stamp, StampScanAlert, StampStatus

pytestmark = pytest.mark.django_db


def test_producer_creates_batch_via_form_and_bad_input_changes_nothing(client, batch, producer_user):
    client.force_login(producer_user)
    form = client.get("/truy-xuat/quan-ly/lo/moi/")
    assert form.status_code == 200 and batch.variant.sku in form.content.decode()
    today = timezone.localdate()
    data = {"variant": batch.variant.pk, "lot_code": "BL 2026", "production_date": today.isoformat(),
            "expiry_date": today.replace(year=today.year + 1).isoformat(), "quantity": 10}
    resp = client.post("/truy-xuat/quan-ly/lo/moi/", data)
    assert resp.status_code == 400 and "bộ ký tự GS1 82" in resp.content.decode()
    resp = client.post("/truy-xuat/quan-ly/lo/moi/", {**data, "lot_code": "BL2026",
                                                       "expiry_date": today.replace(year=today.year - 1).isoformat()})
    assert resp.status_code == 400 and "Hạn sử dụng không được trước ngày sản xuất" in resp.content.decode()
    assert Batch.objects.count() == 1
    resp = client.post("/truy-xuat/quan-ly/lo/moi/", {**data, "lot_code": "BL2026"})
    assert resp.status_code == 302
    assert Batch.objects.get(lot_code="BL2026").producer_id == batch.producer_id


def test_other_producer_is_denied(client, batch, other_producer_user, trace_staff):
    services.stamps_issue(user=trace_staff, batch_id=batch.pk, count=2)
    client.force_login(other_producer_user)
    assert batch.lot_code not in client.get("/truy-xuat/quan-ly/").content.decode()
    for url in (f"/truy-xuat/quan-ly/lo/{batch.pk}/", f"/truy-xuat/quan-ly/lo/{batch.pk}/tem.pdf",
                f"/truy-xuat/quan-ly/lo/{batch.pk}/tem.csv"):
        assert client.get(url).status_code == 404
    assert client.post(f"/truy-xuat/quan-ly/lo/{batch.pk}/phat-hanh/", {"count": 1}).status_code == 404
    serial = batch.stamps.first().serial
    assert client.post(f"/truy-xuat/quan-ly/tem/{serial}/huy/", {"reason": "x"}).status_code == 404
    form = client.get("/truy-xuat/quan-ly/lo/moi/").content.decode()
    assert batch.variant.sku not in form
    resp = client.post("/truy-xuat/quan-ly/lo/moi/", {"variant": batch.variant.pk, "lot_code": "X1",
                                                       "production_date": "2026-01-01", "quantity": 1})
    assert resp.status_code == 400 and Batch.objects.count() == 1
    assert Stamp.objects.filter(batch=batch).count() == 2
    assert Stamp.objects.get(serial=serial).status == StampStatus.ISSUED
    client.force_login(make_user())  # no producer, no permission
    assert client.get("/truy-xuat/quan-ly/").status_code == 403
    client.logout()
    assert client.get("/truy-xuat/quan-ly/").status_code == 302


def test_issue_over_quantity_via_page_shows_error(client, batch, producer_user):
    client.force_login(producer_user)
    client.post(f"/truy-xuat/quan-ly/lo/{batch.pk}/phat-hanh/", {"count": 40})
    resp = client.post(f"/truy-xuat/quan-ly/lo/{batch.pk}/phat-hanh/", {"count": 11}, follow=True)
    assert "chỉ còn được phát hành 10 tem" in resp.content.decode()
    assert batch.stamps.count() == 40


def test_pdf_sheet_is_vector_qr_with_name_and_serial_and_csv_lists_uris(client, batch, producer_user):
    client.force_login(producer_user)
    client.post(f"/truy-xuat/quan-ly/lo/{batch.pk}/phat-hanh/", {"count": 7})
    client.post(f"/truy-xuat/quan-ly/lo/{batch.pk}/phat-hanh/", {"count": 3})
    resp = client.get(f"/truy-xuat/quan-ly/lo/{batch.pk}/tem.pdf?run=1&w=50&h=60")
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(resp.content)
    page = pdf[0]
    assert round(page.get_width() / 72 * 25.4) == 210 and round(page.get_height() / 72 * 25.4) == 297
    kinds = {obj.type for obj in page.get_objects()}
    assert pypdfium2.raw.FPDF_PAGEOBJ_IMAGE not in kinds and pypdfium2.raw.FPDF_PAGEOBJ_PATH in kinds
    text = page.get_textpage().get_text_range()
    serials = list(batch.stamps.filter(issue_run=1).values_list("serial", flat=True))
    assert all(s in text for s in serials) and "Nước mắm Ba Làng" in text
    codes = zxingcpp.read_barcodes(page.render(scale=2).to_pil())
    uris = {c.text for c in codes}
    expected = {services.stamp_uri(s) for s in batch.stamps.filter(issue_run=1).select_related("batch__variant")}
    assert uris == expected
    assert all(c.format == zxingcpp.BarcodeFormat.QRCode and c.ec_level in ("M", "Q", "H") for c in codes)
    bad = client.get(f"/truy-xuat/quan-ly/lo/{batch.pk}/tem.pdf?w=500", follow=True)
    assert "Kích thước tem" in bad.content.decode()
    rows = list(csv.reader(io.StringIO(client.get(f"/truy-xuat/quan-ly/lo/{batch.pk}/tem.csv").content.decode()
                                       .lstrip("\ufeff"))))
    assert rows[0] == ["serial", "uri", "gtin14", "lot", "product"] and len(rows) == 11
    assert all(r[1].endswith("/21/" + r[0]) and "/10/LOT-2026%2F01/" in r[1] for r in rows[1:])


def test_documents_upload_void_and_mark_applied(client, batch, producer_user):
    client.force_login(producer_user)
    client.post(f"/truy-xuat/quan-ly/lo/{batch.pk}/phat-hanh/", {"count": 3})
    url = f"/truy-xuat/quan-ly/lo/{batch.pk}/tai-lieu/"
    resp = client.post(url, {"title": "Giả", "kind": "test_report",
                             "file": SimpleUploadedFile("x.pdf", b"MZ not a pdf", "application/pdf")}, follow=True)
    assert "PDF, JPEG hoặc PNG" in resp.content.decode() and not BatchDocument.objects.exists()
    client.post(url, {"title": "Phiếu kiểm nghiệm", "kind": "test_report",
                      "file": SimpleUploadedFile("kn.pdf", b"%PDF-1.4\n%%EOF", "application/pdf")})
    assert BatchDocument.objects.get().content_type == "application/pdf"
    client.post(f"/truy-xuat/quan-ly/lo/{batch.pk}/da-dan/", {})
    assert set(batch.stamps.values_list("status", flat=True)) == {"applied"}
    serial = batch.stamps.first().serial
    client.post(f"/truy-xuat/quan-ly/tem/{serial}/huy/", {"reason": "Rách tem"})
    assert Stamp.objects.get(serial=serial).status == StampStatus.VOIDED
    page = client.get(f"/truy-xuat/quan-ly/lo/{batch.pk}/").content.decode()
    assert "Phiếu kiểm nghiệm" in page and serial in page


def test_alert_page_for_staff_only(client, batch, trace_staff, producer_user, settings):
    settings.TRACE_ALERT_DISTINCT_IPS = 2
    serial = services.stamps_issue(user=trace_staff, batch_id=batch.pk, count=1).serials[0]
    path = services.stamp_uri(Stamp.objects.get(serial=serial)).removeprefix("https://ocop.thanhhoa.vn")
    client.get(path, REMOTE_ADDR="10.1.1.1")
    client.get(path, REMOTE_ADDR="10.1.1.2")
    alert = StampScanAlert.objects.get()
    client.force_login(producer_user)
    assert client.get("/truy-xuat/quan-ly/canh-bao/").status_code == 403
    assert client.post(f"/truy-xuat/quan-ly/canh-bao/{alert.pk}/xong/").status_code == 403
    client.force_login(trace_staff)
    html = client.get("/truy-xuat/quan-ly/canh-bao/").content.decode()
    assert serial in html and batch.variant.product.name in html
    client.post(f"/truy-xuat/quan-ly/canh-bao/{alert.pk}/xong/")
    alert.refresh_from_db()
    assert alert.is_resolved


def test_pos_stamp_api(client, batch, trace_staff):
    serial = services.stamps_issue(user=trace_staff, batch_id=batch.pk, count=1).serials[0]
    uri = services.stamp_uri(Stamp.objects.get(serial=serial))
    assert client.get("/truy-xuat/api/tem/", {"uri": uri}).status_code == 401
    client.force_login(make_user())
    assert client.get("/truy-xuat/api/tem/", {"uri": uri}).status_code == 403
    cashier = make_user(perms=["accounts.manage_pos"])
    client.force_login(cashier)
    body = client.get("/truy-xuat/api/tem/", {"uri": uri}).json()
    assert body["ok"] is True and body["status"] == "issued" and body["warning"] == ""
    assert body["variant"]["pk"] == batch.variant_id and body["variant"]["sku"] == batch.variant.sku
    assert body["variant"]["gtin"] == batch.variant.gtin and body["serial"] == serial
    services.stamp_mark_sold(uri)
    body = client.get("/truy-xuat/api/tem/", {"uri": uri}).json()
    assert body["ok"] is False and body["status"] == "sold" and "Tem này đã được bán" in body["warning"]
    resp = client.get("/truy-xuat/api/tem/", {"uri": "https://x.vn/01/123/21/A"})
    assert resp.status_code == 400 and resp.json()["status"] == "invalid"
    assert client.get("/truy-xuat/api/tem/", {"uri": uri.replace(serial, "AAAAAAAAAAAA")}).json()["status"] == "unknown"
