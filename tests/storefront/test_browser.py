"""Real Chromium on a phone viewport: search without diacritics from the home page to a product."""

import json

import pytest
from playwright.sync_api import sync_playwright

from inventory.models import WarehouseKind
from tests.factories import make_listed_product, make_producer, make_warehouse
from tests.factories.storefront import make_media, stock_up

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
def test_search_without_diacritics_to_product_page(browser, live_server, channel, artifacts_dir):
    producer = make_producer(name="HTX Bánh gai Tứ Trụ", ward_name="Xã Thọ Xuân")
    product, variant = make_listed_product(channel, name="Bánh gai Tứ Trụ", producer=producer, price=125_000,
                                           stars=4, is_featured=True, description="<p>Bánh gai truyền thống.</p>")
    make_listed_product(channel, name="Nem chua Thanh Hóa", stars=3)
    make_media(product)
    stock_up(variant.pk, make_warehouse(channels=[channel], name="Kho trực tuyến"), 10)
    stock_up(variant.pk, make_warehouse(name="Cảng hàng không Thọ Xuân", kind=WarehouseKind.SHOWROOM), 4)
    certificate = product.certificates.get()

    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="vi-VN")
    try:
        page.goto(live_server.url + "/")
        page.screenshot(path=str(artifacts_dir / "storefront-1-home.png"), full_page=True)
        page.get_by_role("search").get_by_label("Tìm sản phẩm OCOP").fill("banh gai")
        page.get_by_role("search").get_by_role("button", name="Tìm").click()
        page.wait_for_url("**/tim-kiem/?q=banh+gai")
        cards = page.locator("article.product-card")
        assert cards.count() == 1
        assert "Bánh gai Tứ Trụ" in cards.first.inner_text()
        page.screenshot(path=str(artifacts_dir / "storefront-2-search-results.png"), full_page=True)

        cards.first.get_by_role("link").click()
        page.wait_for_url(f"**/san-pham/{product.slug}/")
        assert page.locator("h1").inner_text() == "Bánh gai Tứ Trụ"
        badge = page.get_by_role("group", name="Chứng nhận OCOP")
        assert "OCOP 4 sao" in badge.inner_text() and certificate.certificate_number in badge.inner_text()
        assert page.get_by_test_id("price").inner_text() == "125.000\u00a0₫"
        assert page.get_by_text("Còn hàng tại Cảng hàng không Thọ Xuân").is_visible()
        data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
        assert data["@type"] == "Product" and data["offers"][0]["price"] == 125_000
        # the gallery loaded a WebP rendition that fits a phone screen
        img = page.locator(".gallery-main img")
        assert img.evaluate("i => i.complete && i.naturalWidth > 0")
        assert img.evaluate("i => i.currentSrc").endswith(".webp")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
        page.screenshot(path=str(artifacts_dir / "storefront-3-product.png"), full_page=True)
    finally:
        page.close()
