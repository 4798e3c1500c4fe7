"""Server time of the buying flow: cart page, checkout page and placing an order (COD, 5 lines).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/ocop python -m benchmarks.checkout_flow [--runs 60]

Runs on a throwaway database (created, migrated and dropped here). Requests go through Django's test
client (the whole middleware/view/template stack, no network); order placement is the real service
(row lock on the checkout, gate + prices + stock checks, VAT lines, allocation, ledger).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
os.environ.setdefault("OCOP_DEMO_SECRET_KEY", "1")  # benchmarks use the demo key in var/
os.environ.setdefault("TEST_DATABASE_NAME", f"bench_checkout_{os.getpid()}")


def _stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_databases, teardown_databases

    old = setup_databases(verbosity=0, interactive=False)
    try:
        from django.conf import settings

        settings.ALLOWED_HOSTS = ["*"]
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        from inventory.ledger import ledger_drift
        from orders.services import order_create_from_checkout
        from tests.factories import make_channel, make_warehouse
        from tests.factories.checkout import make_ready_checkout, make_stocked_variant

        channel = make_channel("online")
        depot = make_warehouse(channels=[channel])
        variants = [make_stocked_variant(channel, depot, quantity=args.runs * 10) for _ in range(10)]
        client = Client()
        for v in variants:
            client.post("/gio-hang/them/", {"variant_id": v.pk, "quantity": 1})
        timings: dict[str, list[float]] = {"GET /gio-hang/ (10 lines)": [], "GET /thanh-toan/ (10 lines)": [],
                                           "place order (5 lines, COD)": []}
        for _ in range(args.runs):
            for url, key in (("/gio-hang/", "GET /gio-hang/ (10 lines)"), ("/thanh-toan/", "GET /thanh-toan/ (10 lines)")):
                t = time.perf_counter()
                assert client.get(url).status_code == 200
                timings[key].append(time.perf_counter() - t)
            checkout = make_ready_checkout(channel, [(v, 1) for v in variants[:5]])
            t = time.perf_counter()
            order_create_from_checkout(checkout_token=checkout.token)
            timings["place order (5 lines, COD)"].append(time.perf_counter() - t)
        assert ledger_drift() == []
        print(f"checkout flow benchmark: {args.runs} runs each, server time in ms")
        print(f"{'operation':<32}{'median':>9}{'p95':>9}")
        for key, samples in timings.items():
            med, p95 = _stats(samples)
            print(f"{key:<32}{med:>9.1f}{p95:>9.1f}")
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
