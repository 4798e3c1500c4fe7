"""The producer's day on a phone: prices typed the Vietnamese way, the image kept across a failed submit,
OCOP sub-groups under their group, a stated window for expiring certificates, stock grouped by product
with search, place filter and low-stock alerts, readable chart labels."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from catalog.models import Product, ProductVariantChannelListing
from core.money import parse_vnd
from inventory.models import LowStockThreshold
from portal.charts import LABEL_PX, bar_chart
from portal.models import PendingImage
from tests.factories import make_category
from tests.factories.catalog import make_certificate

from .test_bad_input import form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("typed", "amount"), [
    ("150000", 150_000), ("150.000", 150_000), ("150.000 ₫", 150_000), ("150.000\u00a0₫", 150_000),
    ("150k", 150_000), ("150K", 150_000), ("150,000", 150_000), ("150 000 đ", 150_000), ("1,5tr", 1_500_000),
    (150_000, 150_000), ("150.5", None), ("abc", None), ("-5", None), ("", None), ("1.5.00", None),
])
def test_parse_vnd(typed, amount):
    assert parse_vnd(typed) == amount


@pytest.mark.parametrize("typed", ["150.000", "150.000 ₫", "150k"])
def test_create_accepts_vietnamese_prices(client, world, typed):
    client.force_login(world.owner_a)
    resp = client.post("/kenh-nguoi-ban/san-pham/moi/", form(world, price=typed))
    assert resp.status_code == 302
    product = Product.objects.get(name="Chè lam Phủ Quảng")
    assert {li.price_amount for li in ProductVariantChannelListing.objects.filter(variant__product=product)} == {
        150_000}


def test_variant_price_field_accepts_and_shows_the_formatted_amount(client, world):
    client.force_login(world.owner_a)
    draft = world.draft_a
    variant = draft.variants.get()
    resp = client.post(f"/kenh-nguoi-ban/san-pham/{draft.pk}/phan-loai/{variant.pk}/",
                       {"variant_name": "Gói 500 g", "sku": variant.sku, "price": "85k"}, follow=True)
    assert resp.status_code == 200
    assert f'id="vp{variant.pk}" name="price" value="85.000"' in resp.content.decode()
    resp = client.post(f"/kenh-nguoi-ban/san-pham/{draft.pk}/phan-loai/{variant.pk}/",
                       {"sku": variant.sku, "price": "85.5"})
    assert resp.status_code == 400 and "ví dụ 150000, 150.000 ₫ hoặc 150k" in resp.content.decode()


def test_failed_submit_keeps_the_image_and_the_formatted_price(client, world):
    client.force_login(world.owner_a)
    resp = client.post("/kenh-nguoi-ban/san-pham/moi/", form(world, name=" ", price="150k"))
    assert resp.status_code == 400
    page = resp.content.decode()
    assert 'name="price" inputmode="decimal" value="150.000"' in page
    token = re.search(r'name="image_held" value="([0-9a-f]{32})"', page).group(1)
    assert "Đã giữ ảnh “anh.png”" in page
    assert not Product.objects.filter(name="Chè lam Phủ Quảng").exists()
    # Second submit: the name is fixed and no file is chosen again; the kept image is used.
    resp = client.post("/kenh-nguoi-ban/san-pham/moi/", form(world, image=None, image_held=token, price="150.000"))
    assert resp.status_code == 302
    product = Product.objects.get(name="Chè lam Phủ Quảng")
    assert PendingImage.objects.filter(product=product).count() == 1


def test_a_held_image_serves_only_its_producer(client, world):
    client.force_login(world.owner_a)
    page = client.post("/kenh-nguoi-ban/san-pham/moi/", form(world, name=" ")).content.decode()
    token = re.search(r'name="image_held" value="([0-9a-f]{32})"', page).group(1)
    client.force_login(world.owner_b)
    resp = client.post("/kenh-nguoi-ban/san-pham/moi/", form(world, image=None, image_held=token, sku="B-1"))
    assert resp.status_code == 400 and "cần ít nhất một ảnh" in resp.content.decode()
    assert not Product.objects.filter(producer=world.producer_b, name="Chè lam Phủ Quảng").exists()
    resp = client.post("/kenh-nguoi-ban/san-pham/moi/", form(world, image=None, image_held="../../etc/passwd"))
    assert resp.status_code == 400


def test_sub_groups_are_listed_under_their_group(client, world):
    group = make_category("Đồ uống", ocop_group_code="2")
    make_category("Rượu", parent=group)
    make_category("Trà", parent=group)
    client.force_login(world.owner_a)
    page = client.get("/kenh-nguoi-ban/san-pham/moi/").content.decode()
    block = re.search(r'<optgroup label="Đồ uống">(.*?)</optgroup>', page, re.S).group(1)
    assert re.findall(r">([^<]+)</option>", block) == ["Rượu", "Trà"]
    assert f'<option value="{world.category.pk}" >Thực phẩm</option>' in page  # a group without sub-groups


def test_expiring_certificates_use_a_stated_window(client, world):
    today = timezone.localdate()
    world.product_a.certificates.update(expires_on=today + dt.timedelta(days=407))
    make_certificate(world.draft_a, issued_on=today - dt.timedelta(days=1000), expires_on=today + dt.timedelta(days=60))
    client.force_login(world.owner_a)
    page = client.get("/kenh-nguoi-ban/").content.decode()
    expiring = re.search(r'<ul id="expiring">(.*?)</ul>', page, re.S).group(1)
    assert "Chè lam nháp" in expiring and "còn 60 ngày" in expiring and "Nem chua" not in expiring
    assert "hết hạn trong 90 ngày tới" in page


def test_stock_grouped_by_product_with_search_place_filter_and_alerts(client, world):
    client.force_login(world.owner_a)
    resp = client.post("/kenh-nguoi-ban/ton-kho/", {"action": "threshold", "warehouse": world.store_a.pk,
                                                     "variant": world.variant_a.pk, "quantity": "25"})
    assert resp.status_code == 302
    page = client.get("/kenh-nguoi-ban/ton-kho/").content.decode()
    assert page.count('class="stock-product"') == 1  # one product, its places inside
    assert "tổng 25, ở 2 nơi" in page
    alerts = re.search(r'<section class="card low-stock".*?</section>', page, re.S).group(0)
    assert "Cửa hàng A: còn 20, ngưỡng báo 25" in alerts and "nên bổ sung 30" in alerts
    assert "Mắm tép" not in page  # another producer's goods never show
    page = client.get("/kenh-nguoi-ban/ton-kho/", {"noi": world.showroom.pk}).content.decode()
    groups = re.search(r'<div id="stock-groups">(.*)</div><!-- /stock-groups -->', page, re.S).group(1)
    assert "Showroom Hạc Thành" in groups and "Cửa hàng A" not in groups
    page = client.get("/kenh-nguoi-ban/ton-kho/", {"q": "nem chua"}).content.decode()
    assert page.count('class="stock-product"') == 1
    page = client.get("/kenh-nguoi-ban/ton-kho/", {"q": "banh gai"}).content.decode()
    assert "Không có hàng khớp bộ lọc." in page


def test_thresholds_only_at_own_stores(client, world):
    client.force_login(world.owner_a)
    for warehouse, variant in ((world.showroom, world.variant_a), (world.store_b, world.variant_a),
                               (world.store_a, world.variant_b)):
        resp = client.post("/kenh-nguoi-ban/ton-kho/", {"action": "threshold", "warehouse": warehouse.pk,
                                                         "variant": variant.pk, "quantity": "5"})
        assert resp.status_code == 400
    assert not LowStockThreshold.objects.exists()


def test_chart_labels_are_readable_and_few():
    svg = bar_chart([f"{d:02d}/12" for d in range(1, 31)], list(range(30)), title="Doanh thu")
    assert f'font-size="{LABEL_PX}"' in svg and LABEL_PX >= 12
    assert svg.count("<text") <= 6 and 'style="max-width:360px' in svg
