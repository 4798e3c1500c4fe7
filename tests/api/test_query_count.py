"""Nested fields are batch-loaded: `products(first: 100)` costs the same number of SQL queries as `first: 10`."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_category, make_warehouse
from tests.factories.api import bulk_listed_products, make_collection

from .queries import PRODUCTS


def _count(gql, first: int) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as ctx:
        result = gql(PRODUCTS, {"channel": "online", "first": first})
    assert "errors" not in result, result
    return len(ctx.captured_queries), result


@pytest.mark.django_db
def test_products_first_100_costs_the_same_queries_as_first_10(gql, channel):
    group = make_category("Thực phẩm", slug="thuc-pham")
    sub = make_category("Chế biến", slug="che-bien", parent=group)
    warehouse = make_warehouse(channels=[channel])
    products = bulk_listed_products(channel, 100, category=sub, warehouse=warehouse)
    make_collection(channels=[channel], products=products[::3])

    # (the WebP renditions exist already, as after the first request that asked for them)
    n10, r10 = _count(gql, 10)
    n100, r100 = _count(gql, 100)
    assert len(r10["data"]["products"]["edges"]) == 10
    assert len(r100["data"]["products"]["edges"]) == 100
    node = r100["data"]["products"]["edges"][99]["node"]
    assert node["ocop"]["stars"] == 4 and node["producer"]["name"] and node["thumbnail"]["url"]
    assert len(node["variants"]) == 2 and node["pricing"]["priceRange"]["stop"]["gross"]["amount"] > 0
    assert n100 == n10, (n10, n100)
    assert n100 <= 16

