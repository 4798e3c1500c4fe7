"""Flash sale against a live server: 200 buyers for the last 20 units, 20 at a time, over real HTTP.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/ocop python -m benchmarks.flash_sale [--buyers 200]

Creates a throwaway database (migrated here, dropped afterwards; the embedded PostgreSQL when
DATABASE_URL is unset) with one product stocked 12 + 8 in two warehouses of the online channel (carts
held 15 minutes, as in the demo), starts gunicorn on a free loopback port (2 workers × 10 threads), and
runs the buyers through /graphql/ from a pool of `--concurrency` threads: checkoutCreate →
checkoutLinesAdd → shipping address → delivery method → checkoutComplete (COD). Asserts exactly
`--units` orders, no lost connection, every refusal an INSUFFICIENT_STOCK at add-to-cart, and the
ledger in balance; reports p50/p95 of add-to-cart and complete as the client sees them.
"""

from __future__ import annotations

import argparse
import math
import os
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
os.environ.setdefault("TEST_DATABASE_NAME", f"bench_flash_{os.getpid()}")

ADDRESS = {"fullName": "Lê Thị Hoa", "phone": "0912345678", "streetAddress": "12 Lê Lợi", "provinceCode": "38",
           "wardCode": "14797"}
CREATE = """mutation($e: String!) { checkoutCreate(input: {channel: "online", email: $e, lines: []}) {
  checkout { id } errors { code } } }"""
ADD = """mutation($id: ID!, $v: ID!) { checkoutLinesAdd(id: $id, lines: [{variantId: $v, quantity: 1}]) {
  errors { field code message } } }"""
ADDRESS_SET = """mutation($id: ID!, $a: AddressInput!) { checkoutShippingAddressUpdate(id: $id, shippingAddress: $a) {
  errors { code } } }"""
DELIVERY = """mutation($id: ID!) { checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: "shipping") {
  errors { code } } }"""
COMPLETE = """mutation($id: ID!) { checkoutComplete(id: $id, paymentMethod: "cod") { order { number }
  errors { code message } } }"""


def _stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)  # p95 by nearest rank
    return statistics.median(ordered) * 1000, ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)] * 1000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(units: int) -> str:
    """The sale's product; returns its variant's global id."""
    from graphql_relay import to_global_id

    from inventory.services import stock_receive
    from tests.factories import make_channel, make_warehouse
    from tests.factories.checkout import make_stocked_variant

    channel = make_channel("online", name="Cửa hàng trực tuyến", reservation_minutes=15)
    first = make_warehouse(channels=[channel], name="Kho Trung tâm XTTM")
    second = make_warehouse(channels=[channel], name="Showroom Thọ Xuân")
    variant = make_stocked_variant(channel, first, quantity=units - units * 2 // 5)
    if units * 2 // 5:
        stock_receive(variant_id=variant.pk, warehouse_id=second.pk, quantity=units * 2 // 5)
    return to_global_id("ProductVariant", variant.pk)


def server_env(db_name: str) -> dict[str, str]:
    env = dict(os.environ, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend", LOG_LEVEL="ERROR",
               PYTHONWARNINGS="ignore::UserWarning", PYTHONPATH=os.pathsep.join([str(ROOT / "backend"), str(ROOT)]))
    env.pop("TEST_DATABASE_NAME", None)
    if env.get("DATABASE_URL"):
        env["DATABASE_URL"] = urlunparse(urlparse(env["DATABASE_URL"])._replace(path=f"/{db_name}"))
    else:
        env["EMBEDDED_DATABASE_NAME"] = db_name
    return env


def wait_ready(base: str, proc: subprocess.Popen) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited with {proc.returncode}")
        try:
            requests.post(f"{base}/graphql/", json={"query": "{ __typename }"}, timeout=30)
            return
        except requests.RequestException:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def buy(base: str, variant: str, i: int) -> dict:
    session = requests.Session()

    def call(query: str, **variables) -> tuple[dict, float]:
        t = time.perf_counter()
        resp = session.post(f"{base}/graphql/", json={"query": query, "variables": variables}, timeout=60)
        elapsed = time.perf_counter() - t
        resp.raise_for_status()
        body = resp.json()
        assert "errors" not in body, body
        return next(iter(body["data"].values())), elapsed

    created, _t = call(CREATE, e=f"khach{i}@example.vn")
    cid = created["checkout"]["id"]
    added, add_time = call(ADD, id=cid, v=variant)
    out = {"add": add_time, "outcome": "refused at add", "errors": added["errors"]}
    if added["errors"]:
        return out
    call(ADDRESS_SET, id=cid, a=ADDRESS)
    call(DELIVERY, id=cid)
    done, complete_time = call(COMPLETE, id=cid)
    out.update(complete=complete_time, outcome="ordered" if done["order"] else "refused at complete",
               errors=done["errors"])
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buyers", type=int, default=200)
    parser.add_argument("--units", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=20)
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    old = setup_databases(verbosity=0, interactive=False)
    proc = None
    try:
        variant = build(args.units)
        db_name = connection.settings_dict["NAME"]
        connection.close()
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "ocop.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
             "--threads", str(max(args.concurrency // 2, 1)), "--worker-class", "gthread", "--log-level", "error"],
            cwd=ROOT / "backend", env=server_env(db_name))
        wait_ready(base, proc)
        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            results = list(pool.map(lambda i: buy(base, variant, i), range(args.buyers)))
        wall = time.perf_counter() - t0

        from inventory.ledger import ledger_drift
        from orders.models import Order

        orders = Order.objects.count()
        outcomes = {k: sum(r["outcome"] == k for r in results) for k in ("ordered", "refused at add",
                                                                         "refused at complete")}
        refusals = {e["code"] for r in results if r["outcome"] != "ordered" for e in r["errors"]}
        print(f"flash sale: {args.buyers} buyers for {args.units} units, {args.concurrency} at a time, "
              f"gunicorn 2×{max(args.concurrency // 2, 1)} threads, {wall:.1f} s wall")
        print(f"orders {orders}; " + ", ".join(f"{k} {v}" for k, v in outcomes.items()))
        print(f"{'operation':<28}{'median':>9}{'p95':>9}")
        for key, label in (("add", "checkoutLinesAdd (ms)"), ("complete", "checkoutComplete (ms)")):
            med, p95 = _stats([r[key] for r in results if key in r])
            print(f"{label:<28}{med:>9.1f}{p95:>9.1f}")
        assert orders == args.units == outcomes["ordered"], (orders, outcomes)
        assert outcomes["refused at complete"] == 0 and refusals <= {"INSUFFICIENT_STOCK"}, refusals
        assert ledger_drift() == []
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
        connection.close()
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
