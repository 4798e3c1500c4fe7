"""The depth limit and the query cost limit refuse abusive queries before they run."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_category, make_listed_product

NESTED = """
query($n: Int!, $m: Int!) {
  categories(first: $n) { edges { node { name
    products(channel: "online", first: $m) { edges { node { name slug ocop { stars } variants { sku } } } }
  } } }
}
"""


@pytest.mark.django_db
def test_cost_limit_rejects_nested_connections(gql, channel):
    make_listed_product(channel, category=make_category())
    ok = gql(NESTED, {"n": 10, "m": 10})
    assert "errors" not in ok, ok
    with CaptureQueriesContext(connection) as ctx:
        too_big = gql(NESTED, {"n": 100, "m": 100})
    assert too_big.get("data") is None
    assert too_big["errors"][0]["extensions"]["code"] == "QUERY_COST_LIMIT"
    assert "chi phí" in too_big["errors"][0]["message"]
    assert len(ctx.captured_queries) == 0  # refused before touching the database


@pytest.mark.django_db
def test_cost_counts_fragments_and_literal_page_sizes(gql, channel):
    query = """
    fragment P on Product { name slug ocop { stars } variants { sku gtin } }
    { categories(first: 100) { edges { node { products(channel: "online", first: 100) {
        edges { node { ...P } } } } } } }
    """
    result = gql(query)
    assert result["errors"][0]["extensions"]["code"] == "QUERY_COST_LIMIT"


@pytest.mark.django_db
def test_depth_limit(gql, channel):
    nested = "name " + "".join("parent { " for _ in range(12)) + "name" + " }" * 12
    deep = "{ category(slug: \"x\") { " + nested + " } }"
    shallow = "{ category(slug: \"x\") { name parent { name parent { name } } } }"
    assert "errors" not in gql(shallow)
    result = gql(deep)
    assert result.get("data") is None
    assert "depth" in result["errors"][0]["message"].lower()
