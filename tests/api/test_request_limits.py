"""Item 4 of issue 14: every field of every alias counts; aliases, fields, tokens, body size and batches are
limited, and a refused request is refused before it runs (no database query) in well under a second."""

from __future__ import annotations

import json
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql import parse

from core.query_cost import document_size
from tests.factories import make_listed_product

ALIAS = 'p{i}: product(slug: "{slug}", channel: "online") {{ name variants {{ sku quantityAvailable }} }}'


def aliased(n: int, slug: str) -> str:
    return "{ " + " ".join(ALIAS.format(i=i, slug=slug) for i in range(n)) + " }"


def timed_post(client, body: str):
    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        resp = client.post("/graphql/", body, content_type="application/json")
        elapsed = time.perf_counter() - started
    assert len(ctx.captured_queries) == 0  # refused before touching the database
    return resp, elapsed


@pytest.mark.django_db
def test_five_thousand_aliases_refused_before_execution_fast(client, channel):
    product, _variant = make_listed_product(channel)
    ok = client.post("/graphql/", {"query": aliased(3, product.slug)}, content_type="application/json").json()
    assert "errors" not in ok and ok["data"]["p2"]["name"] == product.name  # (also loads the schema first)

    query = aliased(5000, product.slug)
    assert len(query) > 400_000  # the 459 KB request: refused by its size, unread
    resp, elapsed = timed_post(client, json.dumps({"query": query}))
    assert resp.status_code == 413 and resp.json()["errors"][0]["extensions"]["code"] == "REQUEST_TOO_LARGE"
    assert elapsed < 1.0, elapsed

    compact = "{ " + " ".join(f"a{i}: ping" for i in range(5000)) + " }"  # 5,000 aliases in 49 KB
    resp, elapsed = timed_post(client, json.dumps({"query": compact}))
    assert resp.status_code == 400
    assert resp.json()["errors"][0]["extensions"] == {"code": "QUERY_TOO_LARGE", "limit": 5000}
    assert elapsed < 1.0, elapsed

    resp, _elapsed = timed_post(client, json.dumps({"query": aliased(100, product.slug)}))
    error = resp.json()["errors"][0]
    assert error["extensions"] == {"code": "QUERY_TOO_MANY_ALIASES", "aliases": 100, "limit": 50}
    assert "bí danh" in error["message"]


def test_every_field_of_every_alias_counts_fragments_expanded():
    doc = parse("""
      fragment V on ProductVariant { sku quantityAvailable }
      fragment P on Product { name variants { ...V } }
      { a: product(slug: "x") { ...P } b: product(slug: "x") { ...P } product(slug: "y") { ...P } }
    """)
    assert document_size(doc).fields == 3 * (1 + 1 + 1 + 2) and document_size(doc).aliases == 2
    # fragments spreading fragments twice, 30 deep: 2**30 fields counted instantly
    frags = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(30))
    started = time.perf_counter()
    size = document_size(parse("{ ...F0 } " + frags + " fragment F30 on Query { ping }"))
    assert size.fields == 2**30 and time.perf_counter() - started < 0.5


@pytest.mark.django_db
def test_field_count_limit(gql, settings):
    settings.GRAPHQL_MAX_FIELDS = 20
    frags = "fragment F on Query { ping ping ping ping ping }"
    result = gql("{ ...F ...F ...F ...F ...F } " + frags)
    assert result["errors"][0]["extensions"] == {"code": "QUERY_TOO_MANY_FIELDS", "fields": 25, "limit": 20}


@pytest.mark.django_db
def test_body_size_and_batches_refused(client, settings):
    settings.GRAPHQL_MAX_BODY_BYTES = 1024
    big = json.dumps({"query": "{ ping }", "variables": {"pad": "x" * 2000}})
    resp = client.post("/graphql/", big, content_type="application/json")
    assert resp.status_code == 413
    assert resp.json()["errors"][0]["extensions"] == {"code": "REQUEST_TOO_LARGE", "limit": 1024}
    batch = json.dumps([{"query": "{ ping }"}] * 3)
    resp = client.post("/graphql/", batch, content_type="application/json")
    assert resp.status_code == 400 and b"pong" not in resp.content
