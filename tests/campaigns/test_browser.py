"""Real Chromium: centre staff create a campaign with a promotion; a shopper on a phone sees the
banner and the discounted price, and buys at that price."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import sync_playwright

from inventory.models import WarehouseKind
from orders.models import Order
from tests.factories import make_listed_product, make_user, make_warehouse
from tests.factories.storefront import stock_up

pytestmark = pytest.mark.browser
FMT = "%Y-%m-%dT%H:%M"


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()


@pytest.mark.django_db(transaction=True)
def test_campaign_banner_discounted_price_and_purchase(browser, live_server, channel, artifacts_dir):
    product, variant = make_listed_product(channel, name="Nước mắm Lê Gia cốt 40N", price=180_000, stars=5)
    stock_up(variant.pk, make_warehouse(channels=[channel], kind=WarehouseKind.DISPLAY_CENTRE, name="Kho"), 20)
    make_user("trungtam@ocop.demo", password="ocop-demo-2026", perms=["accounts.manage_discounts"], is_staff=True)
    now = timezone.localtime()

    staff = browser.new_context(viewport={"width": 1024, "height": 900}, locale="vi-VN")
    page = staff.new_page()
    page.goto(live_server.url + "/dang-nhap/?next=/trung-tam/chien-dich/moi/")
    page.fill("input[name=username]", "trungtam@ocop.demo")
    page.fill("input[name=password]", "ocop-demo-2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/trung-tam/chien-dich/moi/")
    page.get_by_label("Tên chiến dịch").fill("Tuần lễ OCOP 5 sao")
    page.get_by_label("Bắt đầu").fill((now - dt.timedelta(hours=1)).strftime(FMT))
    page.get_by_label("Kết thúc").fill((now + dt.timedelta(days=7)).strftime(FMT))
    page.get_by_label(channel.name).check()
    page.get_by_label("Tiêu đề banner").fill("Tuần lễ OCOP 5 sao – giảm 20%")
    page.get_by_label("Liên kết banner").fill("/san-pham/")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_role("link", name="Thêm khuyến mại").click()
    page.get_by_label("Tên khuyến mại").fill("5 sao giảm 20%")
    page.get_by_label("Giá trị giảm (% hoặc VND)").fill("20")
    page.get_by_label(channel.name).check()
    page.get_by_label("Số sao tối thiểu").select_option("5")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_selector("text=5 sao giảm 20%")
    page.screenshot(path=str(artifacts_dir / "campaign-1-staff.png"), full_page=True)
    staff.close()

    shopper = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = shopper.new_page()
    page.goto(live_server.url + "/")
    banner = page.get_by_role("region", name="Chương trình khuyến mại")
    assert "Tuần lễ OCOP 5 sao – giảm 20%" in banner.inner_text()
    page.screenshot(path=str(artifacts_dir / "campaign-2-home-banner.png"), full_page=True)
    page.goto(f"{live_server.url}/san-pham/{product.slug}/")
    assert page.get_by_test_id("price").inner_text() == "144.000\u00a0₫"
    assert "180.000" in page.locator(".price-old").inner_text()
    page.screenshot(path=str(artifacts_dir / "campaign-3-product.png"), full_page=True)
    page.get_by_role("button", name="Thêm vào giỏ").click()
    page.goto(live_server.url + "/thanh-toan/")
    page.fill("input[name=email]", "khach@ocop.demo")
    page.fill("input[name=full_name]", "Nguyễn Thị Lan")
    page.fill("input[name=phone]", "0912345678")
    page.select_option("#id_province_code", "38")
    page.wait_for_function("document.querySelectorAll('#id_ward_code option').length > 10")
    page.select_option("#id_ward_code", "14797")
    page.fill("input[name=street_address]", "12 Lê Lợi")
    page.check("input[name=payment_method][value=cod]")
    page.click("#place-order")
    page.wait_for_url("**/don-hang/**")
    page.screenshot(path=str(artifacts_dir / "campaign-4-confirmation.png"), full_page=True)
    shopper.close()
    order = Order.objects.get()
    line = order.lines.get()
    assert (line.unit_price, line.undiscounted_unit_price, line.unit_discount) == (144_000, 180_000, 36_000)
    assert order.subtotal_amount == 144_000
