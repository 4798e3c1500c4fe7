"""Sync of 1,000 queued POS sales in one batch (posSaleSync through the real GraphQL view).

Creates its own database (`bench_<name of DATABASE_URL's database>`, dropped afterwards unless
--keep), a register with 40 stocked products, opens a shift, then posts one batch of N offline
sales (1–3 lines each, cash / VietQR / card), and replays the same batch (all duplicates).
Reports wall time and SQL queries per sale, and asserts the query budget.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/ocop_pos .venv/bin/python benchmarks/pos_sync.py
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "backend"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
os.environ.setdefault("OCOP_DEMO_SECRET_KEY", "1")  # benchmarks use the demo key in var/
_db_name = (os.environ.get("DATABASE_URL", "").rsplit("/", 1)[-1].split("?")[0]) or "embedded"
os.environ.setdefault("TEST_DATABASE_NAME", f"bench_{_db_name}")

QUERIES_PER_SALE_BUDGET = 30  # measured ≈ 24–26 for 1–3 line sales; fails loudly if an N+1 creeps in

SYNC = """mutation($i: [PosSaleInput!]!) { posSaleSync(input: $i) { results { status } errors { code } } }"""


def build(n_sales: int):
    from graphql_relay import to_global_id

    from accounts.jwt import create_access_token
    from pos.shifts import shift_open
    from tests.factories.pos import make_cashier, make_register, make_stocked_product

    register = make_register(name="Quầy benchmark")
    cashier = make_cashier(register)
    variants = [make_stocked_product(register, price=rnd_price, quantity=10_000)[1]
                for rnd_price in range(50_000, 50_000 + 40 * 5_000, 5_000)]
    prices = {v.pk: v.channel_listings.get().price_amount for v in variants}
    shift = shift_open(user=cashier, register_id=register.pk, opening_float=1_000_000)
    rnd = random.Random(11)
    sales = []
    for _ in range(n_sales):
        picked = rnd.sample(variants, rnd.randint(1, 3))
        lines = [(v, rnd.randint(1, 3)) for v in picked]
        total = sum(prices[v.pk] * q for v, q in lines)
        method = rnd.choice(["cash", "cash", "vietqr", "card"])
        payment = {"method": method, "amount": total + (rnd.choice([0, 20_000]) if method == "cash" else 0)}
        if method == "vietqr":
            payment["confirmed"] = True
        if method == "card":
            payment["reference"] = f"C{rnd.randint(10_000, 99_999)}"
        sales.append({"clientUuid": str(uuid.uuid4()), "shiftId": to_global_id("PosShift", shift.pk),
                      "offline": True, "payments": [payment],
                      "lines": [{"variantId": to_global_id("ProductVariant", v.pk), "quantity": q} for v, q in lines]})
    return create_access_token(cashier), sales


def post(client, token, sales):
    from django.db import connection

    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        t0 = time.perf_counter()
        resp = client.post("/graphql/", json.dumps({"query": SYNC, "variables": {"i": sales}}),
                           content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
        seconds = time.perf_counter() - t0
    results = resp.json()["data"]["posSaleSync"]["results"]
    return seconds, count, [r["status"] for r in results]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sales", type=int, default=1000)
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the first sync")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args()
    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="ocop-bench-media-"))

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        token, sales = build(args.sales)
        lines = sum(len(s["lines"]) for s in sales)
        client = Client()
        if args.profile:
            import cProfile
            import pstats

            prof = cProfile.Profile()
            prof.enable()
        seconds, queries, statuses = post(client, token, sales)
        assert statuses.count("created") + statuses.count("flagged") == args.sales, set(statuses)
        if args.profile:
            prof.disable()
            pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
        replay_s, replay_q, replay_statuses = post(client, token, sales)
        assert replay_statuses == ["duplicate"] * args.sales
        from orders.models import Order

        assert Order.objects.count() == args.sales
        per_sale = queries / args.sales
        print(f"posSaleSync: {args.sales} sales ({lines} lines) in one batch; PostgreSQL {connection.pg_version}")
        print(f"{'run':12} {'seconds':>8} {'ms/sale':>8} {'queries':>8} {'queries/sale':>13}")
        print(f"{'first sync':12} {seconds:8.2f} {seconds * 1000 / args.sales:8.2f} {queries:8d} {per_sale:13.1f}")
        print(f"{'replay':12} {replay_s:8.2f} {replay_s * 1000 / args.sales:8.2f} {replay_q:8d} "
              f"{replay_q / args.sales:13.2f}")
        assert per_sale <= QUERIES_PER_SALE_BUDGET, f"{per_sale:.1f} queries per sale > {QUERIES_PER_SALE_BUDGET}"
        assert replay_q <= 20, f"a replay should be a handful of queries, got {replay_q}"
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
