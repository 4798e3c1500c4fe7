"""Real browser on a phone viewport: a producer creates a product with an image and submits it, the
centre approves it, and it reaches the storefront once it has a valid certificate."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import sync_playwright

from accounts.permissions import Perm
from catalog.gate import is_visible
from catalog.models import Attribute, Product
from channels.models import ChannelKind
from tests.factories import make_category, make_channel, make_producer, make_user
from tests.factories.portal import PDF_BYTES, make_member, png_bytes

PASSWORD = "mat-khau-thu-nghiem-1"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        yield b
        b.close()


def _login(page, base, email):
    page.goto(f"{base}/kenh-nguoi-ban/dang-nhap/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_producer_to_storefront_on_a_phone(browser, live_server, artifacts_dir, tmp_path):
    channel = make_channel("online", name="Trực tuyến", kind=ChannelKind.ONLINE)
    make_category("Thực phẩm", ocop_group_code="1")
    Attribute.objects.create(slug="thanh-phan", name="Thành phần")
    producer = make_producer(name="HTX Chè lam Phủ Quảng")
    make_member(producer, email="chu@htx.vn", password=PASSWORD)
    make_user("duyet@trungtam.vn", password=PASSWORD, is_staff=True,
              perms=[Perm.MODERATE_LISTINGS.value, Perm.MANAGE_PRODUCERS.value])
    image = tmp_path / "che-lam.png"
    image.write_bytes(png_bytes((400, 300), "orange"))
    scan = tmp_path / "gcn.pdf"
    scan.write_bytes(PDF_BYTES)
    base = live_server.url
    phone = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "vi-VN"}

    producer_ctx = browser.new_context(**phone)
    page = producer_ctx.new_page()
    _login(page, base, "chu@htx.vn")
    page.goto(f"{base}/kenh-nguoi-ban/san-pham/moi/")
    nav = page.locator("nav.portal-nav")  # the tab bar fits the phone: wrapped, nothing off-screen
    assert nav.evaluate("n => n.scrollWidth <= n.clientWidth")
    assert all(b["x"] + b["width"] <= 390 for b in (a.bounding_box() for a in nav.locator("a").all()))
    page.get_by_label("Mô tả").fill("Chè lam làm từ gạo nếp, mật mía và gừng.")
    page.get_by_label("Danh mục (nhóm OCOP)").select_option(label="Thực phẩm")
    page.get_by_label("Mã SKU").fill("CHE-LAM-300")
    price = page.get_by_label("Giá bán đề xuất (đồng, đã gồm VAT)")
    price.fill("45k")  # the Vietnamese ways: 45000, 45.000, 45.000 ₫, 45k
    page.get_by_label("Ảnh sản phẩm (JPEG, PNG, WebP, tối đa 10 MB)").set_input_files(str(image))
    page.get_by_role("button", name="Lưu nháp").click()  # the name is missing
    page.wait_for_load_state()
    assert "Tên sản phẩm" in page.locator(".field-error").first.inner_text()
    assert price.input_value() == "45.000"  # read, and shown back formatted
    assert "Đã giữ ảnh “che-lam.png”" in page.locator("#held-image").inner_text()  # no need to choose again
    page.screenshot(path=str(artifacts_dir / "portal-1-create-error.png"), full_page=True)
    page.get_by_label("Tên sản phẩm").fill("Chè lam Phủ Quảng")
    page.get_by_role("button", name="Lưu nháp").click()
    page.wait_for_load_state()
    assert page.locator("#moderation-status").inner_text() == "Nháp"
    assert page.locator("img[src^='/kenh-nguoi-ban/tep/anh/']").count() == 1  # private, permission-checked
    page.get_by_role("button", name="Gửi duyệt").click()
    page.wait_for_load_state()
    assert page.locator("#moderation-status").inner_text() == "Chờ duyệt"
    page.screenshot(path=str(artifacts_dir / "portal-2-submitted.png"), full_page=True)
    product = Product.objects.get(name="Chè lam Phủ Quảng")

    centre_ctx = browser.new_context(**phone)
    centre = centre_ctx.new_page()
    _login(centre, base, "duyet@trungtam.vn")
    centre.goto(f"{base}/trung-tam/kiem-duyet/")
    centre.get_by_role("link", name="Chè lam Phủ Quảng").click()
    centre.wait_for_load_state()
    centre.screenshot(path=str(artifacts_dir / "portal-3-review.png"), full_page=True)
    centre.get_by_role("button", name="Duyệt", exact=True).click()
    centre.wait_for_load_state()
    product.refresh_from_db()
    assert product.moderation_status == "approved"
    assert not is_visible(product, channel)  # approved but not certified yet
    assert page.goto(f"{base}/san-pham/{product.slug}/").status == 404

    page.goto(f"{base}/kenh-nguoi-ban/san-pham/{product.pk}/")
    page.get_by_label("Tải bản scan giấy chứng nhận (PDF, JPEG, PNG, WebP; tối đa 10 MB)").set_input_files(str(scan))
    page.get_by_role("button", name="Gửi bản scan").click()
    page.wait_for_load_state()

    centre.goto(f"{base}/trung-tam/kiem-duyet/")
    centre.locator("a[href^='/trung-tam/kiem-duyet/chung-nhan/']").first.click()
    centre.wait_for_load_state()
    today = timezone.localdate()
    centre.get_by_label("Số sao").select_option("4")
    centre.get_by_label("Điểm").fill("78")
    centre.get_by_label("Số giấy chứng nhận").fill("GCN-TH-2026-078")
    centre.get_by_label("Số quyết định").fill("2150/QĐ-UBND")
    centre.get_by_label("Ngày quyết định").fill(str(today - dt.timedelta(days=2)))
    centre.get_by_label("Ngày cấp").fill(str(today - dt.timedelta(days=2)))
    centre.get_by_label("Ngày hết hạn").fill(str(today + dt.timedelta(days=3 * 365)))
    centre.screenshot(path=str(artifacts_dir / "portal-4-certificate.png"), full_page=True)
    centre.get_by_role("button", name="Xác nhận chứng nhận").click()
    centre.wait_for_load_state()

    assert is_visible(product, channel)
    resp = page.goto(f"{base}/san-pham/{product.slug}/")
    assert resp.status == 200 and "Chè lam Phủ Quảng" in page.content()
    page.screenshot(path=str(artifacts_dir / "portal-5-storefront.png"), full_page=True)
    page.goto(f"{base}/kenh-nguoi-ban/chung-nhan/")
    assert "còn" in page.locator("td [data-days]").first.inner_text()
    producer_ctx.close()
    centre_ctx.close()
