"""Real Chromium on a phone: a showroom clerk counts stock and receives a transfer on /kho/."""

from __future__ import annotations

import pytest
from django.conf import settings
from playwright.sync_api import sync_playwright

from inventory.models import CountStatus, Stock, StockCount, TransferStatus
from inventory.transfers import transfer_create, transfer_ship
from tests.factories import make_warehouse
from tests.factories.inventory import make_pos_staff, make_stocked_variant

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()


@pytest.mark.django_db(transaction=True)
def test_clerk_counts_and_receives_on_a_phone(browser, live_server, client, channel, artifacts_dir):
    showroom = make_warehouse(channels=[channel], name="Showroom sân bay Thọ Xuân")
    store = make_warehouse(name="Kho HTX Nem chua")
    nem = make_stocked_variant(channel, {showroom: 10, store: 30}, name="Nem chua Thanh Hóa")
    transfer = transfer_create(source_id=store.pk, destination_id=showroom.pk, lines=[(nem.pk, 6)])
    transfer_ship(transfer_id=transfer.pk)
    clerk = make_pos_staff(showroom)
    client.force_login(clerk)
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                          "url": live_server.url}])
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/kho/")
        page.get_by_role("link", name="Showroom sân bay Thọ Xuân").click()
        page.wait_for_url(f"**/kho/{showroom.pk}/")
        assert "Nem chua Thanh Hóa" in page.locator("table").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")  # no sideways page
        page.screenshot(path=str(artifacts_dir / "kho-1-stock.png"), full_page=True)

        page.get_by_role("button", name="Mở phiếu kiểm kê").click()
        page.wait_for_url("**/kho/kiem-ke/*/")
        page.get_by_label("Số đếm được: ", exact=False).fill("9")
        page.get_by_role("button", name="Chốt kiểm kê").click()
        page.wait_for_selector("text=Đã chốt kiểm kê")
        assert "-1" in page.locator("table").inner_text()
        page.screenshot(path=str(artifacts_dir / "kho-2-count-closed.png"), full_page=True)

        page.goto(f"{live_server.url}/kho/chuyen-hang/{transfer.pk}/")
        page.get_by_label("Nhận đủ").fill("5")
        page.get_by_label("Hỏng").fill("1")
        page.get_by_role("button", name="Xác nhận nhận hàng").click()
        page.wait_for_selector("text=Đã nhận hàng vào")
        page.screenshot(path=str(artifacts_dir / "kho-3-transfer-received.png"), full_page=True)
    finally:
        context.close()
    assert StockCount.objects.get().status == CountStatus.CLOSED
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.RECEIVED
    assert Stock.objects.get(product_variant=nem, warehouse=showroom).quantity == 9 + 5
