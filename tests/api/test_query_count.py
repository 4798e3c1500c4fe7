"""Nested fields are batch-loaded: `products(first: 100)` costs the same number of SQL queries as `first: 10`."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_category, make_listed_product, make_producer, make_variant, make_warehouse
from tests.factories.api import make_collection, make_media, put_stock

from .queries import PRODUCTS


def _count(gql, first: int, token: str | None = None) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as ctx:
        result = gql(PRODUCTS, {"channel": "online", "first": first}, token=token)
    assert "errors" not in result, result
    return len(ctx.captured_queries), result


@pytest.mark.django_db
def test_products_first_100_costs_the_same_queries_as_first_10(gql, channel, staff_token):
    group = make_category("Thực phẩm", slug="thuc-pham")
    sub = make_category("Chế biến", slug="che-bien", parent=group)
    warehouse = make_warehouse(channels=[channel])
    producers = [make_producer() for _ in range(10)]
    products = []
    for i in range(100):
        product, variant = make_listed_product(channel, producer=producers[i % 10], category=sub,
                                               slug=f"sp-{i:03d}", price=50_000 + i * 1000)
        make_variant(product, channels=[channel], price=90_000 + i * 1000)
        make_media(product)
        put_stock(variant, warehouse, 5)
        products.append(product)
    make_collection(channels=[channel], products=products[::3])

    _count(gql, 100)  # the first request makes the WebP renditions (cached from then on)
    n10, r10 = _count(gql, 10)
    n100, r100 = _count(gql, 100)
    assert len(r10["data"]["products"]["edges"]) == 10
    assert len(r100["data"]["products"]["edges"]) == 100
    node = r100["data"]["products"]["edges"][99]["node"]
    assert node["ocop"]["stars"] == 4 and node["producer"]["name"] and node["thumbnail"]["url"]
    assert len(node["variants"]) == 2 and node["pricing"]["priceRange"]["stop"]["gross"]["amount"] > 0
    assert n100 == n10, (n10, n100)
    assert n100 <= 16

    # staff (JWT user lookup, no gate) is also flat
    s10, _ = _count(gql, 10, staff_token)
    s100, _ = _count(gql, 100, staff_token)
    assert s10 == s100
