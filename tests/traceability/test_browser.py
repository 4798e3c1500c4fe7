"""Real Chromium on a phone viewport: download the label PDF, decode a QR from the rendered page,
open that stamp URL on the live server, and see the right batch (and the warning once sold)."""

from __future__ import annotations

import pypdfium2
import pytest
import zxingcpp
from django.test import Client
from playwright.sync_api import sync_playwright

from tests.factories.traceability import make_batch, make_producer_user
from traceability import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        yield b
        b.close()


def test_pdf_qr_opens_the_right_batch_on_a_phone(browser, live_server, artifacts_dir, tmp_path):
    batch = make_batch(quantity=12, lot_code="BL/2026-03", short_name="Bánh gai Tứ Trụ")
    make_batch(variant=batch.variant, quantity=5, lot_code="OTHER-LOT")
    producer = make_producer_user(batch.producer)
    client = Client()
    client.force_login(producer)
    context = browser.new_context(viewport={"width": 390, "height": 844}, accept_downloads=True, locale="vi-VN")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/truy-xuat/quan-ly/lo/{batch.pk}/")
    page.fill("#id_count", "8")
    page.get_by_role("button", name="Phát hành", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_test_id("issued").inner_text() == "8"
    with page.expect_download() as dl:
        page.get_by_role("button", name="Tải PDF (A4)").click()
    pdf_path = tmp_path / "tem.pdf"
    dl.value.save_as(pdf_path)
    image = pypdfium2.PdfDocument(str(pdf_path))[0].render(scale=3).to_pil()
    image.save(artifacts_dir / "traceability-label-sheet.png")
    codes = zxingcpp.read_barcodes(image)
    assert len(codes) == 8
    uri = codes[0].text
    assert uri.startswith("https://ocop.thanhhoa.vn/01/") and "/10/BL%2F2026-03/21/" in uri
    serial = uri.rsplit("/21/", 1)[1]

    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN",
                                user_agent="Mozilla/5.0 (Linux; Android 14) Mobile")
    consumer = phone.new_page()
    consumer.goto(uri.replace("https://ocop.thanhhoa.vn", live_server.url))
    assert consumer.get_by_test_id("lot").inner_text() == "BL/2026-03"
    assert consumer.get_by_test_id("serial").inner_text() == serial
    assert consumer.get_by_test_id("trace-ok").is_visible()
    assert consumer.get_by_role("heading", level=1).inner_text().startswith(batch.variant.product.name)
    assert consumer.evaluate("document.documentElement.scrollWidth") <= 390
    consumer.screenshot(path=str(artifacts_dir / "traceability-stamp-page.png"), full_page=True)

    services.stamp_mark_sold(serial)
    consumer.reload()
    warning = consumer.get_by_test_id("trace-warning")
    assert warning.is_visible() and "Tem này đã được bán" in warning.inner_text()
    consumer.screenshot(path=str(artifacts_dir / "traceability-stamp-sold.png"), full_page=True)
    consumer.goto(uri.replace("https://ocop.thanhhoa.vn", live_server.url).replace(serial, "FAKESERIAL12"))
    assert "Tem không hợp lệ" in consumer.get_by_test_id("trace-warning").inner_text()
    phone.close()
    context.close()
