"""SQL query count and median time of `products(first: 100)` with its nested fields, through /graphql/.

Measures over the demo data (every product listed in the channel, up to `--first`) when there is any, and
over `--first` generated listed products (two variants, a photo, stock, a 4★ certificate each) built inside
a transaction that is rolled back, with media in a temporary folder.

    DATABASE_URL=… python -m benchmarks.graphql_products [--channel online] [--runs 15] [--first 100]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time

from benchmarks._setup import setup_django

QUERY = """
query($channel: String, $first: Int) {
  products(channel: $channel, first: $first) {
    totalCount
    edges { node {
      id name slug
      thumbnail(size: 256) { url alt }
      media { url(size: 128) alt }
      ocop { stars score certificateNumber decisionNumber issuedOn expiresOn status group { name } }
      producer { name address { wardName } }
      pricing { onSale priceRange { start { gross { amount currency } } stop { gross { amount currency } } } }
      isAvailable
      category { name parent { name } }
      collections { name }
      metadata { key value }
      attributes { attribute { slug name } values { name } }
      variants { id sku gtin name quantityAvailable pricing { price { gross { amount currency } } } }
    } }
  }
}
"""


class _Rollback(Exception):
    pass


def _build_products(channel, count: int) -> None:
    from tests.factories import make_category, make_warehouse
    from tests.factories.api import bulk_listed_products, make_collection

    group = make_category("Thực phẩm (benchmark)")
    sub = make_category("Chế biến (benchmark)", parent=group)
    warehouse = make_warehouse(channels=[channel])
    products = bulk_listed_products(channel, count, category=sub, warehouse=warehouse, prefix="bench")
    make_collection(channels=[channel], products=products[::4])


def _measure(channel_slug: str, first: int, runs: int) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()

    def call(size: int = first):
        resp = client.post("/graphql/", {"query": QUERY, "variables": {"channel": channel_slug, "first": size}},
                           content_type="application/json")
        body = resp.json()
        if "errors" in body:
            raise SystemExit(f"GraphQL errors: {body['errors']}")
        return body

    call()  # warm-up: caches, WebP renditions made once
    with CaptureQueriesContext(connection) as ctx:
        body = call()
    queries = len(ctx.captured_queries)
    with CaptureQueriesContext(connection) as ctx10:
        call(10)
    queries_10 = len(ctx10.captured_queries)  # read now: the next request resets the query log
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    return {"products": len(body["data"]["products"]["edges"]), "total": body["data"]["products"]["totalCount"],
            "queries": queries, "queries_first_10": queries_10,
            "median_ms": statistics.median(timings), "min_ms": min(timings), "max_ms": max(timings), "runs": runs}


def _report(result: dict, source: str, first: int) -> None:
    print(f"products(first: {first}) with nested fields — data: {source}")
    print(f"  products returned:     {result['products']} (of {result['total']} listed)")
    print(f"  SQL queries:           {result['queries']} (first: 10 → {result['queries_first_10']})")
    print(f"  median time:           {result['median_ms']:.1f} ms over {result['runs']} runs "
          f"(min {result['min_ms']:.1f}, max {result['max_ms']:.1f})")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channel", default="online")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--first", type=int, default=100)
    args = parser.parse_args(argv)
    setup_django()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction

    from catalog.gate import visible_products
    from channels.models import Channel

    call_command("migrate", verbosity=0)
    results: dict = {}
    channel = Channel.objects.filter(slug=args.channel).first()
    if channel is not None and visible_products(channel).exists():
        results["demo"] = _measure(channel.slug, args.first, args.runs)
        _report(results["demo"], f"the products listed in channel '{channel.slug}' (demo data)", args.first)
    with tempfile.TemporaryDirectory() as media_root:
        settings.MEDIA_ROOT = media_root
        try:
            with transaction.atomic():
                bench_channel = Channel.objects.create(slug="benchmark-graphql", name="Benchmark")
                _build_products(bench_channel, args.first)
                results["generated"] = _measure(bench_channel.slug, args.first, args.runs)
                raise _Rollback
        except _Rollback:
            pass
    _report(results["generated"], f"{args.first} generated listed products (rolled back)", args.first)
    return results


if __name__ == "__main__":
    main()
