"""Real Chromium (phone viewport) through the buying flow against the live server."""

from __future__ import annotations

import io
import re

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import sync_playwright

from integrations.vietqr.payload import crc_ok, parse_tlv
from inventory.models import ClickAndCollect, Stock, WarehouseKind
from inventory.services import stock_receive
from orders.models import Order
from tests.factories import make_channel, make_user, make_warehouse
from tests.factories.checkout import make_stocked_variant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield b
        b.close()


@pytest.fixture
def shop(db):
    channel = make_channel("online", name="Cửa hàng trực tuyến")
    depot = make_warehouse(channels=[channel], kind=WarehouseKind.DISPLAY_CENTRE, name="Kho Trung tâm XTTM")
    showroom = make_warehouse(channels=[channel], name="Showroom OCOP Hạc Thành", street_address="25 Đại lộ Lê Lợi",
                              click_and_collect_option=ClickAndCollect.LOCAL)
    variant = make_stocked_variant(channel, depot, quantity=10, price=125_000, name="Bánh gai Tứ Trụ",
                                   slug="banh-gai-tu-tru")
    stock_receive(variant_id=variant.pk, warehouse_id=showroom.pk, quantity=3)
    return {"channel": channel, "depot": depot, "showroom": showroom, "variant": variant}


def add_to_cart(page, base: str, variant, quantity: int = 1, shot=None) -> None:
    """Search without diacritics → product page → its add-to-cart form, as the storefront renders it;
    if those pages are missing, a minimal form posted to the same endpoint. Ends on the cart page."""
    product_url = f"/san-pham/{variant.product.slug}/"
    page.goto(f"{base}/tim-kiem/?q=banh+gai")
    link = page.locator(f"a[href='{product_url}']")
    if link.count():
        link.first.click()
        page.wait_for_url(re.compile(re.escape(product_url)))
    else:
        page.goto(f"{base}{product_url}")
    form = page.locator("form[action='/gio-hang/them/']")
    if form.count():
        qty = form.first.locator("[name=quantity]")
        if qty.count():
            qty.fill(str(quantity))
        if shot is not None:
            page.screenshot(path=str(shot), full_page=True)
        with page.expect_navigation():
            form.first.locator("button[type=submit]").first.click()
        page.goto(f"{base}/gio-hang/")
        return
    page.goto(f"{base}/gio-hang/")
    page.evaluate("""([variantId, quantity]) => {
        const csrf = document.querySelector("input[name=csrfmiddlewaretoken]").value;
        const f = document.createElement("form");
        f.method = "post"; f.action = "/gio-hang/them/"; f.id = "test-add";
        f.innerHTML = `<input type="hidden" name="csrfmiddlewaretoken" value="${csrf}">
          <input type="hidden" name="variant_id" value="${variantId}">
          <label>Số lượng <input name="quantity" value="${quantity}"></label>
          <button type="submit">Thêm vào giỏ</button>`;
        document.querySelector("main").appendChild(f);
    }""", [variant.pk, quantity])
    with page.expect_navigation():
        page.click("#test-add button")
    page.goto(f"{base}/gio-hang/")


def test_guest_cod_checkout_then_staff_sees_the_order(browser, live_server, shop, artifacts_dir):
    staff = make_user("ql@ocop.vn", password="quan-ly-mat-khau", perms=["accounts.manage_orders"], is_staff=True)
    ctx = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = ctx.new_page()
    base = live_server.url
    add_to_cart(page, base, shop["variant"], 2, shot=artifacts_dir / "checkout-0-product.png")
    assert "250.000" in page.inner_text("#subtotal")
    page.screenshot(path=str(artifacts_dir / "checkout-1-cart.png"), full_page=True)
    page.click("text=Thanh toán >> nth=-1")
    page.wait_for_url(re.compile(r"/thanh-toan/"))
    page.fill("#id_email", "khach@example.vn")
    page.fill("#id_full_name", "Lê Thị Hoa")
    page.fill("#id_phone", "0912 345 678")
    page.select_option("#id_province_code", "38")
    page.wait_for_selector("#id_ward_code option[value='14797']", state="attached")
    page.select_option("#id_ward_code", "14797")
    page.fill("#id_street_address", "12 Lê Lợi")
    page.check("input[name=payment_method][value=cod]")
    page.screenshot(path=str(artifacts_dir / "checkout-2-form.png"), full_page=True)
    page.click("#place-order")
    page.wait_for_url(re.compile(r"/don-hang/[0-9a-f-]{36}/"))
    order = Order.objects.get()
    assert f"#{order.number}" in page.inner_text("h1")
    assert "270.000" in page.inner_text("#order-total")
    page.screenshot(path=str(artifacts_dir / "checkout-3-confirmation.png"), full_page=True)
    assert Stock.objects.get(product_variant=shop["variant"], warehouse=shop["depot"]).quantity_allocated == 2

    staff_page = browser.new_context(viewport=PHONE, locale="vi-VN").new_page()
    staff_page.goto(f"{base}/quan-ly/don-hang/")
    staff_page.wait_for_url(re.compile(r"/dang-nhap/"))
    staff_page.fill("#id_username", staff.email)
    staff_page.fill("#id_password", "quan-ly-mat-khau")
    staff_page.click("button[type=submit] >> text=Đăng nhập")
    staff_page.wait_for_url(re.compile(r"/quan-ly/don-hang/"))
    staff_page.click(f"text=#{order.number}")
    staff_page.wait_for_url(re.compile(rf"/quan-ly/don-hang/{order.number}/"))
    assert "khach@example.vn" in staff_page.content()
    staff_page.screenshot(path=str(artifacts_dir / "checkout-4-staff-order.png"), full_page=True)
    staff_page.context.close()
    ctx.close()


def test_click_and_collect_with_vietqr(browser, live_server, shop, artifacts_dir):
    ctx = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = ctx.new_page()
    base = live_server.url
    add_to_cart(page, base, shop["variant"], 2)
    page.goto(f"{base}/thanh-toan/")
    page.fill("#id_email", "khach2@example.vn")
    page.fill("#id_full_name", "Trần Văn Nam")
    page.fill("#id_phone", "0987654321")
    page.check(f"input[name=delivery][value='collection:{shop['showroom'].pk}']")
    assert page.locator("#address-fields").is_hidden()
    page.check("input[name=payment_method][value=vietqr]")
    page.click("#place-order")
    page.wait_for_url(re.compile(r"/don-hang/[0-9a-f-]{36}/"))
    order = Order.objects.get()
    assert order.collection_point_id == shop["showroom"].pk
    assert page.inner_text("#vietqr-reference") == f"OCOP{order.number}"
    assert "250.000" in page.inner_text("#vietqr-amount")
    page.screenshot(path=str(artifacts_dir / "checkout-5-vietqr.png"), full_page=True)
    png = page.locator("#vietqr-code svg").screenshot(path=str(artifacts_dir / "checkout-6-vietqr-code.png"))
    [code] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert crc_ok(code.text)
    tags = parse_tlv(code.text)
    assert tags["54"] == "250000" and parse_tlv(tags["62"])["08"] == f"OCOP{order.number}"
    assert Stock.objects.get(product_variant=shop["variant"], warehouse=shop["showroom"]).quantity_allocated == 2
    assert Stock.objects.get(product_variant=shop["variant"], warehouse=shop["depot"]).quantity_allocated == 0
    ctx.close()
