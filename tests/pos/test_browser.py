"""Real Chromium: open a shift, scan by GTIN, split cash + VietQR, receipt; then sell offline, reload,
come back online: exactly the offline sales on the server, and a replayed sync records nothing more."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
from playwright.sync_api import sync_playwright

from orders.models import Order
from pos.models import PosSale
from tests.factories.pos import make_cashier, make_register, make_stocked_product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def wait_until(page, expression: str, timeout: int = 5000) -> None:
    """Poll an expression with page.evaluate (the page's Content-Security-Policy forbids the eval that
    wait_for_function uses inside the page)."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        page.wait_for_timeout(100)


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
    expired, expired_variant = make_stocked_product(register, name="Bánh gai hết hạn chứng nhận")
    expired.certificates.update(issued_on=dt.date(2019, 1, 1), expires_on=dt.date(2022, 1, 1))

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
    # An expired product is blocked with the gate's reason (from the cached catalogue).
    _scan(page, expired_variant.gtin)
    page.wait_for_selector("#message:has-text('Chứng nhận OCOP đã hết hạn')")
    assert page.locator("#cart li").count() == 0

    # Name search without diacritics; the camera fallback (ZXing) is loaded.
    page.fill("#scan-input", "nem chua thanh hoa")
    page.wait_for_selector("#search-results li")
    assert "Nem chua Thanh Hóa" in page.inner_text("#search-results")
    assert page.evaluate("typeof ZXing.BrowserMultiFormatReader") == "function"
    page.fill("#scan-input", "")

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
    wait_until(page, "navigator.serviceWorker.controller !== null", timeout=15000)

    sync_bodies: list[str] = []
    page.on("request", lambda r: sync_bodies.append(r.post_data) if "posSaleSync" in (r.post_data or "") else None)

    context.set_offline(True)
    wait_until(page, "!navigator.onLine")
    codes = [variant.gtin, f"https://ocop.example/01/0{variant.gtin}/10/L2026", variant.sku]  # GTIN, GS1 link, SKU
    for i in range(3):
        _scan(page, codes[i])
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
    wait_until(page, "document.querySelector('#queue-count').textContent === '0'", timeout=20000)
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

    # Close the shift: expected cash 500.000 float + 50.000 + 3 × 120.000 = 910.000; counted 900.000.
    page.click("#close-button")
    page.wait_for_selector("#screen-close:not([hidden])")
    page.wait_for_selector("#close-expected:has-text('910.000')")
    page.fill("#close-d-500000", "1")
    page.fill("#close-d-200000", "2")
    page.click("#close-submit")
    page.wait_for_selector("#message:has-text('xác nhận chênh lệch')")
    page.fill("#close-note", "Thiếu 10.000, đã báo quản lý")
    page.check("#close-confirm")
    page.click("#close-submit")
    page.wait_for_url("**/pos/bao-cao/ca/*/")
    assert page.inner_text("#z-sales-count") == "4"
    page.screenshot(path=str(artifacts_dir / "pos-5-z-report.png"), full_page=True)
    context.close()


def test_english_screens_and_messages(browser, live_server, artifacts_dir):
    """With English selected, the app shell's labels and the JS messages are English."""
    register = make_register(name="Counter EN")
    cashier = make_cashier(register, email="cashier.en@ocop.demo", password="mat-khau-pos-1")
    _, variant = make_stocked_product(register, price=120_000, quantity=3, name="Nem chua Thanh Hóa")
    context = browser.new_context(viewport={"width": 800, "height": 1280}, locale="en-GB")
    context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/pos/dang-nhap/?next=/pos/")
    page.fill("#id_username", cashier.email)
    page.fill("#id_password", "mat-khau-pos-1")
    page.click("button[type=submit]")
    page.wait_for_selector("#screen-registers:not([hidden])")
    assert page.inner_text("#register-list button") == "Open shift"
    assert page.inner_text("#net-status") == "Online"
    page.click("#register-list button")
    page.click("#open-submit")
    page.wait_for_selector("#screen-sale:not([hidden])")
    _scan(page, "8930000000000")
    page.wait_for_selector("#message:has-text('No product found with code “8930000000000”.')")
    _scan(page, variant.gtin)
    page.wait_for_selector("#cart li")
    assert page.get_attribute("#cart li .qty button:last-child", "aria-label") == "Increase"
    assert "Cash received from customer" in page.inner_text("#screen-pay label[for=pay-cash]")
    page.click("#pay-button")
    page.click("#pay-complete")
    page.wait_for_selector("#done-receipt:not([hidden])")
    assert page.inner_text("#done-title").startswith("Sold – receipt #")
    assert "Change" in page.inner_text("#done-detail")
    page.screenshot(path=str(artifacts_dir / "pos-en-done.png"))
    context.close()


def test_phone_compact_header_float_form_quick_cash_and_receipt_variant(browser, live_server, artifacts_dir):
    """390×844: the header is one short row naming the register once; "Mở ca" brings the float form into
    view; amounts are written as money; quick cash; the receipt names the variant and its unit."""
    registers = [make_register(name=f"Quầy {i} – Showroom sân bay Thọ Xuân") for i in range(1, 7)]
    cashier = make_cashier(registers[0], email="phone@ocop.demo", password="mat-khau-pos-1")
    for reg in registers[1:]:
        reg.staff.add(cashier)
    last = registers[-1]
    _, variant = make_stocked_product(last, price=118_000, quantity=5, name="Mật ong Hưởng Hoa")
    variant.name = "Chai 500 ml"
    variant.save(update_fields=["name"])

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN", has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/pos/dang-nhap/?next=/pos/")
    page.fill("#id_username", cashier.email)
    page.fill("#id_password", "mat-khau-pos-1")
    page.click("button[type=submit]")
    page.wait_for_selector("#screen-registers:not([hidden])")
    page.locator("#register-list button").last.click()
    form = page.locator("#open-form")
    form.wait_for(state="visible")
    box = form.bounding_box()
    assert 0 <= box["y"] < 844 - 100, box  # the form's head is on screen, not 1,300 px down
    assert page.evaluate("document.activeElement.id") == "open-d-500000"
    page.screenshot(path=str(artifacts_dir / "pos-phone-1-open-shift.png"))
    page.fill("#open-d-500000", "1")
    page.click("#open-submit")
    page.wait_for_selector("#screen-sale:not([hidden])")
    header = page.locator("header.bar").bounding_box()
    assert header["height"] <= 64, header
    assert page.inner_text("#register-name") == last.name  # once, not "name · warehouse"

    _scan(page, variant.gtin)
    page.wait_for_selector("#cart li")
    page.screenshot(path=str(artifacts_dir / "pos-phone-2-cart.png"))
    page.click("#pay-button")
    assert page.input_value("#pay-cash") == "118.000"
    chips = [c.replace("\xa0", " ") for c in page.locator("#quick-cash button").all_inner_texts()]
    assert chips == ["Vừa đủ 118.000 ₫", "120.000 ₫", "150.000 ₫", "200.000 ₫", "500.000 ₫"]
    page.locator("#quick-cash button", has_text="150.000").click()
    assert page.input_value("#pay-cash") == "150.000"
    assert page.inner_text("#pay-change").replace("\xa0", " ") == "32.000 ₫"
    page.fill("#pay-vietqr", "18000")
    assert page.input_value("#pay-vietqr") == "18.000"
    page.click("#vietqr-show")
    assert page.inner_text("#vietqr-amount") == "18.000 ₫"
    page.locator("#quick-cash button").first.click()  # exact cash: what the transfer leaves
    assert page.input_value("#pay-cash") == "100.000"
    page.check("#vietqr-confirmed")
    page.screenshot(path=str(artifacts_dir / "pos-phone-3-payment.png"), full_page=True)
    page.click("#pay-complete")
    page.wait_for_selector("#done-receipt:not([hidden])")
    assert {t.amount_charged for t in Order.objects.get().transactions.all()} == {100_000, 18_000}

    page.goto(live_server.url + page.get_attribute("#done-receipt", "href"))
    line = page.inner_text("table[aria-label='Dòng hàng']")
    assert "Mật ong Hưởng Hoa – Chai 500 ml" in line and "1 chai × 118.000" in line
    page.screenshot(path=str(artifacts_dir / "pos-phone-4-receipt.png"), full_page=True)
    context.close()
