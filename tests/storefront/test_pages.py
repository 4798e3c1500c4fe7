import datetime as dt
import json
import re

import pytest
from django.utils import timezone

from catalog import pricing
from catalog.models import ProductChannelListing
from certification.models import CertificateStatus, CertificateStatusChange
from certification.services import certificate_suspend
from inventory.models import WarehouseKind
from producers.models import Producer
from tests.factories import make_category, make_listed_product, make_producer, make_variant, make_warehouse
from tests.factories.storefront import make_collection, make_fact, make_media, stock_up

pytestmark = pytest.mark.django_db


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def suspend(product, reason="Vi phạm an toàn thực phẩm"):
    """Suspend a product's certificates through the certification service (as staff do)."""
    for cert in product.certificates.all():
        certificate_suspend(certificate=cert, reason=reason)


def expire(product):
    product.certificates.update(issued_on=timezone.localdate() - dt.timedelta(days=1100),
                                decision_date=timezone.localdate() - dt.timedelta(days=1100),
                                expires_on=timezone.localdate())


@pytest.fixture
def half_price_on_sale():
    def provider(base, channel, at):
        return {vid: (price // 2, 7, "Tết 2026") for vid, price in base.items() if price == 250_000}

    pricing.register_discount_provider(provider)
    yield provider
    pricing.DISCOUNT_PROVIDERS.remove(provider)


@pytest.fixture
def banh_gai(channel):
    producer = make_producer(name="HTX Bánh gai Tứ Trụ", ward_code="16078", ward_name="Xã Thọ Xuân",
                             former_district="Huyện Thọ Xuân", story="Ba đời làm bánh gai bằng lá gai rừng.")
    group = make_category("Thực phẩm", slug="thuc-pham")
    sub = make_category("Bánh, kẹo", slug="banh-keo", parent=group)
    product, variant = make_listed_product(
        channel, name="Bánh gai Tứ Trụ", slug="banh-gai-tu-tru", producer=producer, category=sub, price=125_000,
        stars=4, is_featured=True, description="<p>Bánh gai <strong>truyền thống</strong>.</p>",
        description_plaintext="Bánh gai truyền thống.")
    cert = product.certificates.get()
    cert.certificate_number = "GCN-OCOP-2024-0417"
    cert.decision_number = "1234/QĐ-UBND"
    cert.save()
    big = make_variant(product, channels=[channel], price=240_000, name="Hộp 20 chiếc", sku="BG-20",
                       sort_order=1)
    make_media(product)
    make_media(product, width=600, height=900)
    make_fact(product, "thanh-phan", "Thành phần", "Gạo nếp, lá gai, đỗ xanh, dừa", 1)
    make_fact(product, "khoi-luong-tinh", "Khối lượng tịnh", "10 chiếc × 80 g", 2)
    make_fact(product, "han-su-dung", "Hạn sử dụng", "5 ngày", 3)
    make_fact(product, "xuat-xu", "Xuất xứ", "Thọ Xuân, Thanh Hóa", 4)
    online_store = make_warehouse(channels=[channel], name="Kho trung tâm", kind=WarehouseKind.DISPLAY_CENTRE)
    airport = make_warehouse(name="Cảng hàng không Thọ Xuân", kind=WarehouseKind.SHOWROOM,
                             slug="cang-hang-khong-tho-xuan")
    empty_showroom = make_warehouse(name="Showroom Sầm Sơn", kind=WarehouseKind.SHOWROOM)
    stock_up(variant.pk, online_store, 20)
    stock_up(big.pk, airport, 5)
    stock_up(variant.pk, empty_showroom, 1)
    from inventory.services import stock_adjust
    stock_adjust(variant_id=variant.pk, warehouse_id=empty_showroom.pk, new_quantity=0)
    make_collection(channel, [product], name="Quà Tết xứ Thanh", slug="qua-tet")
    return product


def test_home_shows_featured_collections_groups_and_stories(client, banh_gai, channel):
    hidden, _ = make_listed_product(channel, name="Nem chua bị đình chỉ", is_featured=True)
    suspend(hidden)
    make_listed_product(channel, name="Mắm tôm Lê Gia", stars=5)  # not featured: tops up the short list
    body = html(client.get("/"))
    assert body.index("Bánh gai Tứ Trụ") < body.index("Mắm tôm Lê Gia")
    assert 'lang="vi"' in body
    assert "Bánh gai Tứ Trụ" in body and "125.000\u00a0₫" in body
    assert "Nem chua bị đình chỉ" not in body
    assert 'href="/bo-suu-tap/qua-tet/"' in body
    assert 'href="/danh-muc/thuc-pham/"' in body
    assert "Ba đời làm bánh gai" in body and 'href="/chu-the/' in body
    assert 'action="/tim-kiem/"' in body and 'role="search"' in body


def test_listing_cards_show_price_stars_and_webp_srcset(client, banh_gai):
    body = html(client.get("/san-pham/"))
    assert "1 sản phẩm" in body
    assert "4★ OCOP" in body
    assert "125.000\u00a0₫" in body  # the cheapest variant
    srcset = re.search(r'srcset="([^"]+)"', body).group(1)
    assert srcset.count(".webp") == 2 and "256w" in srcset


def test_discounted_price_shows_old_price_struck_through(client, channel, half_price_on_sale):
    product, _ = make_listed_product(channel, name="Mật ong rừng", price=250_000)
    body = html(client.get("/san-pham/"))
    assert re.search(r'class="price">125\.000\u00a0₫</span>\s*<s class="price-old">.*?250\.000\u00a0₫</s>', body, re.S)
    page = html(client.get(f"/san-pham/{product.slug}/"))
    assert "125.000\u00a0₫" in page and "250.000\u00a0₫" in page and "Tết 2026" in page
    assert json.loads(re.search(r'application/ld\+json">(.*?)</script>', page, re.S).group(1))[
        "offers"][0]["price"] == 125_000


def test_listing_filters_from_the_query_string(client, banh_gai, channel):
    other, _ = make_listed_product(channel, name="Rượu cần", stars=5, price=400_000)
    assert "Rượu cần" not in html(client.get("/san-pham/?stars=4"))
    assert "Bánh gai" not in html(client.get("/san-pham/?stars=5"))
    assert "Bánh gai" in html(client.get("/san-pham/?group=thuc-pham"))
    assert "Rượu cần" not in html(client.get("/san-pham/?group=thuc-pham"))
    body = html(client.get("/san-pham/?commune=16078&stars=4"))
    assert "Rượu cần" not in body and "Bánh gai Tứ Trụ" in body
    assert '<option value="16078" selected>Xã Thọ Xuân</option>' in body
    assert '<input type="checkbox" name="stars" value="4" checked>' in body
    assert "Rượu cần" not in html(client.get("/san-pham/?price_max=200000"))
    body = html(client.get("/san-pham/?at=cang-hang-khong-tho-xuan"))
    assert "Bánh gai" in body and "Rượu cần" not in body
    body = html(client.get("/san-pham/?sort=-price"))
    assert body.index("Rượu cần") < body.index("Bánh gai Tứ Trụ")


def test_bad_filter_input_names_the_field_and_keeps_the_page_working(client, banh_gai):
    body = html(client.get("/san-pham/?price_min=abc&price_max=-5&stars=7&at=khong-co&sort=x&page=0"))
    assert "Giá từ (₫): hãy nhập một số nguyên." in body
    assert "Giá đến (₫): không được âm." in body
    assert "Hạng sao OCOP: chỉ chọn 3, 4 hoặc 5 sao." in body
    assert "Có hàng tại: lựa chọn không hợp lệ." in body
    assert "Bánh gai Tứ Trụ" in body  # invalid filters are ignored, the list still shows
    body = html(client.get("/san-pham/?price_min=300000&price_max=100000"))
    assert "Giá đến: phải lớn hơn hoặc bằng giá từ." in body


def test_pagination_links_keep_the_filters(client, channel):
    for i in range(26):
        make_listed_product(channel, name=f"Chè lam {i:02d}", stars=4)
    body = html(client.get("/san-pham/?stars=4&sort=name"))
    assert body.count('class="card product-card"') == 24
    assert 'href="?stars=4&amp;sort=name&amp;page=2"' in body
    second = html(client.get("/san-pham/?stars=4&sort=name&page=2"))
    assert second.count('class="card product-card"') == 2 and "Chè lam 25" in second


def test_category_page_includes_subgroups(client, banh_gai):
    body = html(client.get("/danh-muc/thuc-pham/"))
    assert "<h1>Thực phẩm</h1>" in body and "Bánh gai Tứ Trụ" in body
    assert client.get("/danh-muc/khong-co/").status_code == 404


def test_collection_page_only_when_published(client, banh_gai, channel):
    assert "Bánh gai Tứ Trụ" in html(client.get("/bo-suu-tap/qua-tet/"))
    make_collection(channel, [banh_gai], slug="nhap", published=False)
    assert client.get("/bo-suu-tap/nhap/").status_code == 404


def test_producer_page_shows_profile_commune_and_products(client, banh_gai):
    body = html(client.get(f"/chu-the/{banh_gai.producer.slug}/"))
    assert "HTX Bánh gai Tứ Trụ" in body and "Hợp tác xã" in body
    assert "Xã Thọ Xuân" in body and "Huyện Thọ Xuân" in body
    assert "Ba đời làm bánh gai" in body and "Bánh gai Tứ Trụ" in body
    Producer.objects.filter(pk=banh_gai.producer_id).update(is_active=False)
    assert client.get(f"/chu-the/{banh_gai.producer.slug}/").status_code == 404


def test_product_page(client, banh_gai):
    body = html(client.get("/san-pham/banh-gai-tu-tru/"))
    # certificate badge
    assert "OCOP 4 sao" in body and "GCN-OCOP-2024-0417" in body and "1234/QĐ-UBND" in body
    cert = banh_gai.certificates.get()
    assert cert.expires_on.strftime("%d/%m/%Y") in body
    # producer card, description (sanitised HTML rendered as HTML), variants and prices
    assert 'href="/chu-the/' in body and "HTX Bánh gai Tứ Trụ" in body
    assert "<strong>truyền thống</strong>" in body
    assert "125.000\u00a0₫" in body and "240.000\u00a0₫" in body and "Hộp 20 chiếc" in body
    # availability online and per point of sale; a showroom with nothing left is not listed
    assert "Còn hàng trực tuyến" in body
    assert "Còn hàng tại Cảng hàng không Thọ Xuân" in body
    assert "Showroom Sầm Sơn" not in body
    # label facts
    for text in ("Thành phần", "Gạo nếp, lá gai", "Khối lượng tịnh", "Hạn sử dụng", "Xuất xứ"):
        assert text in body
    # responsive WebP gallery
    srcsets = re.findall(r'srcset="([^"]+)"', body)
    assert len(srcsets) == 2 and all(s.count(".webp") == 4 for s in srcsets)
    # add-to-cart form for the checkout endpoint
    form = re.search(r'<form class="add-to-cart card" action="/gio-hang/them/" method="post">(.*?)</form>', body, re.S)
    assert form and 'name="csrfmiddlewaretoken"' in form.group(1)
    assert 'name="variant_id"' in form.group(1) and 'name="quantity"' in form.group(1)
    # the traceability app's page for this product (URL name traceability:product), no placeholder
    assert 'href="/truy-xuat/san-pham/banh-gai-tu-tru/"' in body
    assert "/truy-xuat/?san-pham=" not in body


def test_product_json_ld_and_open_graph(client, banh_gai):
    body = html(client.get("/san-pham/banh-gai-tu-tru/"))
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1))
    variant = banh_gai.variants.order_by("sort_order", "sku").first()
    assert data["@context"] == "https://schema.org" and data["@type"] == "Product"
    assert data["name"] == "Bánh gai Tứ Trụ"
    assert data["brand"] == {"@type": "Brand", "name": "HTX Bánh gai Tứ Trụ"}
    assert data["image"] and all(u.startswith("http://testserver/") and u.endswith(".webp") for u in data["image"])
    assert {o["sku"] for o in data["offers"]} == set(banh_gai.variants.values_list("sku", flat=True))
    assert data["sku"] == variant.sku and data["gtin13"] == variant.gtin
    offer = next(o for o in data["offers"] if o["sku"] == variant.sku)
    assert offer["price"] == 125_000 and offer["priceCurrency"] == "VND"
    assert offer["availability"] == "https://schema.org/InStock"
    big = next(o for o in data["offers"] if o["sku"] == "BG-20")
    assert big["availability"] == "https://schema.org/OutOfStock"  # only at the airport showroom
    assert '<meta property="og:title" content="Bánh gai Tứ Trụ">' in body
    assert '<meta property="og:type" content="product">' in body
    assert re.search(r'<meta property="og:image" content="http://testserver/media/.*\.webp">', body)


def test_json_ld_cannot_break_out_of_the_script_tag(client, channel):
    product, _ = make_listed_product(channel, name="Trà </script><script>alert(1)</script>")
    body = html(client.get(f"/san-pham/{product.slug}/"))
    assert "<script>alert(1)" not in body


@pytest.mark.parametrize("failure", ["expired", "suspended", "draft", "unpublished"])
def test_product_failing_the_gate_is_404(client, banh_gai, failure):
    if failure == "expired":
        expire(banh_gai)
    elif failure == "suspended":
        suspend(banh_gai)
    elif failure == "draft":
        type(banh_gai).objects.filter(pk=banh_gai.pk).update(moderation_status="submitted")
    else:
        ProductChannelListing.objects.filter(product=banh_gai).update(is_published=False)
    assert client.get("/san-pham/banh-gai-tu-tru/").status_code == 404
    assert "Bánh gai Tứ Trụ" not in html(client.get("/san-pham/"))
    assert "Bánh gai Tứ Trụ" not in html(client.get("/tim-kiem/?q=banh+gai"))
    assert "Bánh gai Tứ Trụ" not in html(client.get("/"))
    assert "banh-gai-tu-tru" not in html(client.get("/sitemap.xml"))


def test_certificate_suspension_is_reflected_immediately_everywhere(client, banh_gai):
    urls = ["/", "/san-pham/", "/tim-kiem/?q=banh+gai", "/danh-muc/thuc-pham/", "/bo-suu-tap/qua-tet/",
            f"/chu-the/{banh_gai.producer.slug}/", "/sitemap.xml"]
    for url in urls:
        assert "banh-gai-tu-tru" in html(client.get(url)), url
    assert client.get("/san-pham/banh-gai-tu-tru/").status_code == 200
    suspend(banh_gai)
    assert CertificateStatusChange.objects.filter(certificate__product=banh_gai,
                                                  to_status=CertificateStatus.SUSPENDED).exists()
    for url in urls[:-2]:
        assert "banh-gai-tu-tru" not in html(client.get(url)), url
    assert client.get(f"/chu-the/{banh_gai.producer.slug}/").status_code == 200
    assert "banh-gai-tu-tru" not in html(client.get(f"/chu-the/{banh_gai.producer.slug}/"))
    assert client.get("/san-pham/banh-gai-tu-tru/").status_code == 404
    sitemap = html(client.get("/sitemap.xml"))
    assert "banh-gai-tu-tru" not in sitemap and "/chu-the/" not in sitemap  # no other product: producer drops too


def test_sitemap_lists_visible_products_producers_and_groups(client, banh_gai, channel):
    expired, _ = make_listed_product(channel, name="Hết hạn", slug="het-han")
    expire(expired)
    body = html(client.get("/sitemap.xml"))
    assert body.startswith("<?xml")
    assert "http://testserver/san-pham/banh-gai-tu-tru/" in body
    assert f"http://testserver/chu-the/{banh_gai.producer.slug}/" in body
    assert "http://testserver/danh-muc/thuc-pham/" in body and "http://testserver/danh-muc/banh-keo/" in body
    assert "het-han" not in body and f"/chu-the/{expired.producer.slug}/" not in body


def test_search_page(client, banh_gai):
    body = html(client.get("/tim-kiem/?q=banh+gai"))
    assert "Bánh gai Tứ Trụ" in body and 'value="banh gai"' in body
    assert "noindex" in body
    body = html(client.get("/tim-kiem/?q=xyzxyz"))
    assert "Không tìm thấy sản phẩm nào cho “xyzxyz”" in body
    assert client.post("/tim-kiem/?q=a").status_code == 405


def test_missing_storefront_channel_is_404(client, db):
    assert client.get("/").status_code == 404


def test_vietnamese_by_default_and_english_through_the_language_switch(client, banh_gai):
    body = html(client.get("/san-pham/banh-gai-tu-tru/"))
    assert 'lang="vi"' in body and "Thêm vào giỏ" in body
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/san-pham/banh-gai-tu-tru/"})
    assert response.status_code == 302
    body = html(client.get("/san-pham/banh-gai-tu-tru/"))
    assert 'lang="en"' in body and "Add to cart" in body and "In stock at Cảng hàng không Thọ Xuân" in body
    assert "Valid until" in body and "OCOP 4 stars" in body
    body = html(client.get("/san-pham/?price_min=abc"))
    assert "Price from (₫): enter a whole number." in body and "Filter and sort" in body


def test_home_shows_running_campaign_banners(client, banh_gai, channel):
    from campaigns.services import campaign_create

    now = timezone.now()
    collection = banh_gai.collections.get()
    campaign_create(name="Tết xứ Thanh", start_date=now - dt.timedelta(hours=1), end_date=now + dt.timedelta(days=3),
                    channels=[channel], featured_collection=collection, banner_title="Quà Tết OCOP giảm giá")
    body = html(client.get("/"))
    assert "Quà Tết OCOP giảm giá" in body and f'href="/bo-suu-tap/{collection.slug}/"' in body
