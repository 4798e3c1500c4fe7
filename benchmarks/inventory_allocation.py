"""Allocations per second under concurrent workers: one hot variant vs 1,000 different variants.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/ocop python -m benchmarks.inventory_allocation

Runs on a throwaway database (created, migrated and dropped here; embedded PostgreSQL when
DATABASE_URL is unset). Each worker is a thread with its own connection; all start together on a
barrier; every allocation is one `stock_allocate` transaction (row locks in pk order) of one unit.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
os.environ.setdefault("OCOP_DEMO_SECRET_KEY", "1")  # benchmarks use the demo key in var/
os.environ.setdefault("TEST_DATABASE_NAME", f"bench_inventory_{os.getpid()}")


def build(n_variants: int, per_variant: int):
    from catalog.models import Product, ProductType, ProductVariant
    from channels.models import AllocationStrategy, Channel
    from inventory.models import ChannelWarehouse, Warehouse
    from inventory.services import stock_receive_many
    from producers.models import Producer

    channel = Channel.objects.create(slug="bench", name="Bench",
                                     allocation_strategy=AllocationStrategy.PRIORITIZE_SORTING_ORDER)
    warehouses = []
    for i in range(2):
        wh = Warehouse.objects.create(name=f"Bench {i}", slug=f"bench-{i}", kind="showroom")
        ChannelWarehouse.objects.create(channel=channel, warehouse=wh, sort_order=i)
        warehouses.append(wh)
    producer = Producer.objects.create(name="HTX Bench", slug="htx-bench", legal_form="cooperative",
                                       tax_code="2800000001")
    ptype = ProductType.objects.create(name="Bench", slug="bench")
    product = Product.objects.create(name="Bench", slug="bench", product_type=ptype, producer=producer,
                                     moderation_status="approved")
    variants = ProductVariant.objects.bulk_create(
        [ProductVariant(product=product, sku=f"BENCH-{i}") for i in range(n_variants)])
    stock_receive_many(lines=[(v.pk, wh.pk, per_variant) for v in variants for wh in warehouses])
    return channel, variants


def order_lines(channel, variant_ids: list[int]) -> list[tuple[int, int]]:
    from orders.models import Order, OrderLine

    orders = Order.objects.bulk_create([Order(number=10_000_000 + i + Order.objects.count(), channel=channel)
                                        for i in range(len(variant_ids))])
    lines = OrderLine.objects.bulk_create([
        OrderLine(order=o, variant_id=vid, product_name="Bench", quantity=1, undiscounted_unit_price=1,
                  unit_price=1, total_price=1) for o, vid in zip(orders, variant_ids, strict=True)])
    return [(ln.pk, ln.variant_id) for ln in lines]


def run(channel, work: list[tuple[int, int]], workers: int) -> tuple[float, int, int]:
    from django.db import connection

    from core.errors import DomainError
    from inventory.services import LineRequest, stock_allocate

    chunks = [work[i::workers] for i in range(workers)]
    barrier = threading.Barrier(workers + 1)
    ok = [0] * workers
    failed = [0] * workers

    def worker(i: int):
        try:
            connection.ensure_connection()
            barrier.wait()
            for line_id, variant_id in chunks[i]:
                try:
                    stock_allocate(lines=[LineRequest(line_id, variant_id, 1)], channel=channel)
                    ok[i] += 1
                except DomainError:
                    failed[i] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    return time.perf_counter() - start, sum(ok), sum(failed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--allocations", type=int, default=2000, help="allocations per scenario")
    args = parser.parse_args()

    import django

    django.setup()
    from django.test.utils import setup_databases, teardown_databases

    from inventory.ledger import ledger_drift

    old = setup_databases(verbosity=0, interactive=False)
    try:
        channel, variants = build(1000, per_variant=args.allocations)
        hot = variants[0]
        results = []
        scenarios = [
            ("one hot variant", [hot.pk] * args.allocations),
            ("1,000 different variants", [variants[1 + i % 999].pk if i % 1000 else variants[-1].pk
                                          for i in range(args.allocations)]),
        ]
        for name, variant_ids in scenarios:
            work = order_lines(channel, variant_ids)
            seconds, ok, failed = run(channel, work, args.workers)
            results.append((name, ok, failed, seconds, ok / seconds))
        assert ledger_drift() == [], "ledger drift after the benchmark"
        print(f"inventory allocation benchmark: {args.workers} concurrent workers, "
              f"{args.allocations} single-unit allocations per scenario")
        print(f"{'scenario':<28}{'ok':>7}{'failed':>8}{'seconds':>10}{'alloc/s':>10}")
        for name, ok, failed, seconds, rate in results:
            print(f"{name:<28}{ok:>7}{failed:>8}{seconds:>10.2f}{rate:>10.1f}")
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
