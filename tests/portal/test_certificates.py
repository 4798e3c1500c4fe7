"""Certificate scans: content-sniffed upload, the centre's verification, countdowns, the gate."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from catalog.gate import is_visible
from certification.models import OcopCertificate
from portal.models import CertificateUpload, ReviewStatus
from portal.services.certificates import MAX_BYTES
from tests.factories import make_certificate
from tests.factories.portal import pdf_upload, png_upload

pytestmark = pytest.mark.django_db

UPLOAD = """mutation($p: ID!, $f: Upload!) { ocopCertificateUpload(productId: $p, file: $f) {
  upload { id status url } errors { field code message } } }"""


def _post_upload(client, product, upload):
    return client.post(f"/kenh-nguoi-ban/san-pham/{product.pk}/chung-nhan/", {"file": upload})


@pytest.mark.parametrize("name,data,ok", [
    ("scan.pdf", b"%PDF-1.7\n...", True),
    ("scan.png", None, True),
    ("scan.jpg", b"\xff\xd8\xff\xe0" + b"0" * 100, True),
    ("scan.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"0" * 50, True),
    ("scan.pdf", b"<html>%PDF-1.7</html>", False),  # named .pdf but it is not a PDF
    ("scan.exe", b"MZ\x90\x00", False),
    ("empty.pdf", b"", False),
])
def test_certificate_type_is_sniffed(world, client, name, data, ok):
    client.force_login(world.owner_a)
    upload = png_upload(name) if data is None else SimpleUploadedFile(name, data, content_type="application/pdf")
    resp = _post_upload(client, world.draft_a, upload)
    assert CertificateUpload.objects.exists() is ok
    if not ok:
        assert resp.status_code == 400
        assert "Bản scan chứng nhận" in resp.content.decode()


def test_certificate_too_large(world, client):
    client.force_login(world.owner_a)
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * MAX_BYTES, content_type="application/pdf")
    resp = _post_upload(client, world.draft_a, big)
    assert resp.status_code == 400 and "quá lớn: tối đa 10 MB" in resp.content.decode()
    assert not CertificateUpload.objects.exists()


def test_graphql_upload_errors_name_the_field(world, client, token_for):
    import json

    def post(upload):
        ops = json.dumps({"query": UPLOAD, "variables": {"p": _gid("Product", world.draft_a.pk), "f": None}})
        return client.post("/graphql/", {"operations": ops, "map": json.dumps({"0": ["variables.f"]}), "0": upload},
                           HTTP_AUTHORIZATION=f"Bearer {token_for(world.owner_a)}").json()

    bad = post(SimpleUploadedFile("x.pdf", b"GIF89a....", content_type="application/pdf"))
    err = bad["data"]["ocopCertificateUpload"]["errors"][0]
    assert (err["field"], err["code"]) == ("file", "INVALID_FILE_TYPE") and "PDF, JPEG, PNG" in err["message"]
    good = post(pdf_upload())["data"]["ocopCertificateUpload"]
    assert good["errors"] == [] and good["upload"]["url"].startswith("/kenh-nguoi-ban/tep/chung-nhan/")


def _gid(t, pk):
    from graphql_relay import to_global_id

    return to_global_id(t, pk)


def test_centre_verifies_scan_into_certificate_and_product_becomes_visible(world, client):
    from catalog.models import ModerationStatus, ProductChannelListing

    product = world.draft_a
    product.moderation_status = ModerationStatus.APPROVED
    product.save()
    ProductChannelListing.objects.create(product=product, channel=world.online, is_published=True)
    client.force_login(world.owner_a)
    _post_upload(client, product, pdf_upload())
    upload = CertificateUpload.objects.get()
    assert not is_visible(product, world.online)
    client.force_login(world.centre)
    today = timezone.localdate()
    form = {"decision": "approve", "stars": "4", "score": "95", "certificate_number": "GCN-TH-2026-001",
            "decision_number": "1234/QĐ-UBND", "decision_date": str(today), "issuing_level": "province",
            "issued_on": str(today), "expires_on": str(today + dt.timedelta(days=3 * 365))}
    resp = client.post(f"/trung-tam/kiem-duyet/chung-nhan/{upload.pk}/", form)
    assert resp.status_code == 400 and "không khớp với hạng 4 sao" in resp.content.decode()  # 95 points is 5★
    assert not OcopCertificate.objects.filter(product=product).exists()
    resp = client.post(f"/trung-tam/kiem-duyet/chung-nhan/{upload.pk}/", {**form, "score": "80"})
    assert resp.status_code == 302
    cert = OcopCertificate.objects.get(product=product)
    assert (cert.stars, cert.certificate_number, cert.decision_number) == (4, "GCN-TH-2026-001", "1234/QĐ-UBND")
    assert not cert.scan  # the scan stays private, never copied under /media/
    assert CertificateUpload.objects.get().status == ReviewStatus.APPROVED
    assert is_visible(product, world.online)


def test_rejected_scan_reason_shown(world, client):
    client.force_login(world.owner_a)
    _post_upload(client, world.draft_a, pdf_upload())
    upload = CertificateUpload.objects.get()
    client.force_login(world.centre)
    client.post(f"/trung-tam/kiem-duyet/chung-nhan/{upload.pk}/", {"decision": "reject", "reason": "Ảnh mờ"})
    client.force_login(world.owner_a)
    assert "Ảnh mờ" in client.get("/kenh-nguoi-ban/chung-nhan/").content.decode()


def test_expiry_countdown(world, client):
    today = timezone.localdate()
    make_certificate(world.draft_a, issued_on=today - dt.timedelta(days=1000), expires_on=today + dt.timedelta(days=12))
    client.force_login(world.owner_a)
    page = client.get("/kenh-nguoi-ban/chung-nhan/").content.decode()
    assert 'data-days="12"' in page and "còn 12 ngày" in page and "badge-warn" in page
    home = client.get("/kenh-nguoi-ban/").content.decode()
    assert "còn 12 ngày" in home
