"""Real Chromium: open a shift, scan by GTIN, split cash + VietQR, receipt; then sell offline, reload,
come back online: exactly the offline sales on the server, and a replayed sync records nothing more."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import sync_playwright

from orders.models import Order
from pos.models import PosSale
from tests.factories.pos import make_cashier, make_register, make_stocked_product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        yield b
        b.close()


def _crc16(data: bytes) -> str:
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return f"{crc:04X}"


def _scan(page, code):
    page.fill("#scan-input", code)
    page.press("#scan-input", "Enter")


def test_sale_then_offline_sales_sync_once(browser, live_server, artifacts_dir):
    register = make_register(name="Quầy Thọ Xuân")
    cashier = make_cashier(register, email="thu.ngan@ocop.demo", password="mat-khau-pos-1")
    _, variant = make_stocked_product(register, price=120_000, quantity=10, name="Nem chua Thanh Hóa")

    context = browser.new_context(viewport={"width": 800, "height": 1280}, locale="vi-VN", has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/pos/dang-nhap/?next=/pos/")
    page.fill("#id_username", cashier.email)
    page.fill("#id_password", "mat-khau-pos-1")
    page.click("button[type=submit]")
    page.wait_for_selector("#screen-registers:not([hidden])")
    page.click("#register-list button")
    page.fill("#open-d-500000", "1")
    page.click("#open-submit")
    page.wait_for_selector("#screen-sale:not([hidden])")

    # Unknown code: a clear message, nothing in the cart.
    _scan(page, "8930000000000")
    page.wait_for_selector("#message:has-text('Không tìm thấy sản phẩm với mã')")
    assert page.locator("#cart li").count() == 0

    # Scan by GTIN through the scanner input (keyboard wedge: digits then Enter).
    _scan(page, variant.gtin)
    page.wait_for_selector("#cart li")
    assert page.inner_text("#cart-total").replace("\xa0", " ") == "120.000 ₫"
    page.screenshot(path=str(artifacts_dir / "pos-1-cart.png"))

    page.click("#pay-button")
    page.fill("#pay-cash", "100000")
    page.fill("#pay-vietqr", "70000")
    page.click("#vietqr-show")
    page.wait_for_selector("#vietqr-qr svg")
    payload = page.get_attribute("#vietqr-qr", "data-payload")
    assert "540570000" in payload and payload[-4:] == _crc16(payload[:-4].encode())
    page.check("#vietqr-confirmed")
    page.screenshot(path=str(artifacts_dir / "pos-2-payment.png"))
    page.click("#pay-complete")
    page.wait_for_selector("#done-receipt:not([hidden])")
    assert "50.000" in page.inner_text("#done-detail")
    order = Order.objects.get()
    assert {t.method for t in order.transactions.all()} == {"cash", "vietqr"}

    receipt = context.new_page()
    receipt.goto(live_server.url + page.get_attribute("#done-receipt", "href"))
    text = receipt.inner_text("body")
    assert str(order.number) in text and "Thuế GTGT" in text and "Tiền thừa" in text
    assert receipt.locator(".qr svg").count() == 1
    receipt.screenshot(path=str(artifacts_dir / "pos-3-receipt.png"), full_page=True)
    receipt.close()

    # The service worker must control the page before the network goes away.
    page.click("#done-new")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15000)

    sync_bodies: list[str] = []
    page.on("request", lambda r: sync_bodies.append(r.post_data) if "posSaleSync" in (r.post_data or "") else None)

    context.set_offline(True)
    page.wait_for_function("!navigator.onLine")
    for i in range(3):
        _scan(page, variant.gtin)
        page.wait_for_selector("#cart li")
        page.click("#pay-button")
        page.click("#pay-complete")
        page.wait_for_selector("#screen-done:not([hidden])")
        assert "chờ đồng bộ" in page.inner_text("#done-title")
        assert page.inner_text("#queue-count") == str(i + 1)
        page.click("#done-new")
    page.reload()
    page.wait_for_selector("body[data-ready='1']")
    page.wait_for_selector("#screen-sale:not([hidden])")
    assert page.inner_text("#queue-count") == "3"
    page.screenshot(path=str(artifacts_dir / "pos-4-offline-queue.png"))
    assert PosSale.objects.count() == 1

    context.set_offline(False)
    page.wait_for_function("document.querySelector('#queue-count').textContent === '0'", timeout=20000)
    assert PosSale.objects.filter(was_offline=True).count() == 3
    assert Order.objects.count() == 4

    # Replay the sync request the app sent: still three offline orders.
    body = next(b for b in sync_bodies if len(json.loads(b)["variables"]["input"]) == 3)
    csrf = next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")
    resp = page.request.post(f"{live_server.url}/graphql/", data=body,
                             headers={"Content-Type": "application/json", "X-CSRFToken": csrf,
                                      "Referer": live_server.url + "/pos/"})
    statuses = [r["status"] for r in resp.json()["data"]["posSaleSync"]["results"]]
    assert statuses == ["duplicate"] * 3
    assert PosSale.objects.filter(was_offline=True).count() == 3 and Order.objects.count() == 4
    context.close()
