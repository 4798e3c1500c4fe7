"""Page cost does not grow with the number of products shown (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_category, make_listed_product, make_producer, make_variant, make_warehouse
from tests.factories.storefront import make_collection, make_fact, make_media, stock_up

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    client.get(url)  # warm: WebP renditions are made once on first view
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def fill(channel, count: int, start: int = 0):
    group = make_category("Thực phẩm", slug=f"tp-{start}")
    warehouse = make_warehouse(channels=[channel], name=f"Showroom {start}", slug=f"showroom-{start}")
    products = []
    for i in range(start, start + count):
        product, variant = make_listed_product(channel, name=f"Bánh gai {i}", category=group, is_featured=False,
                                               producer=make_producer(story="Câu chuyện", ward_code=f"{i}"))
        make_media(product, width=64, height=64)
        make_fact(product, "thanh-phan", "Thành phần", "Gạo nếp")
        stock_up(variant.pk, warehouse, 3)
        products.append(product)
    make_collection(channel, products, slug=f"bst-{start}")
    return products


LIST_URLS = ["/", "/san-pham/", "/san-pham/?sort=price&stars=4", "/tim-kiem/?q=banh+gai",
             "/danh-muc/tp-0/", "/bo-suu-tap/bst-0/"]


def test_listing_pages_cost_the_same_for_5_and_24_products(client, channel):
    fill(channel, 5)
    small = {url: queries(client, url) for url in LIST_URLS}
    fill(channel, 19, start=100)
    large = {url: queries(client, url) for url in LIST_URLS}
    assert small == large
    assert max(large.values()) <= 14, large


def test_listing_shows_24_cards_in_bounded_queries(client, channel, django_assert_max_num_queries):
    fill(channel, 26)
    client.get("/san-pham/")
    with django_assert_max_num_queries(14):
        body = client.get("/san-pham/").content.decode()
    assert body.count('class="card product-card"') == 24


def test_product_page_queries_are_bounded(client, channel, django_assert_max_num_queries):
    products = fill(channel, 3)
    slug = products[0].slug
    few = queries(client, f"/san-pham/{slug}/")
    for i in range(4):
        make_media(products[0], width=64, height=64)
        variant = make_variant(products[0], channels=[channel], price=90_000 + i)
        stock_up(variant.pk, make_warehouse(name=f"Showroom thêm {i}"), 2)
        make_fact(products[0], f"fact-{i}", f"Thông tin {i}", "…")
    assert queries(client, f"/san-pham/{slug}/") == few
    with django_assert_max_num_queries(14):
        client.get(f"/san-pham/{slug}/")


def test_producer_page_queries_do_not_grow(client, channel):
    producer = make_producer()
    for i in range(3):
        make_listed_product(channel, name=f"SP {i}", producer=producer)
    few = queries(client, f"/chu-the/{producer.slug}/")
    for i in range(10):
        make_listed_product(channel, name=f"SP thêm {i}", producer=producer)
    assert queries(client, f"/chu-the/{producer.slug}/") == few
