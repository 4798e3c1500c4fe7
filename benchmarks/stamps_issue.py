"""Benchmark: issue 10,000 traceability stamps and draw their A4 label PDF; report time and peak memory
(peak resident set size from resource.getrusage: before, after issuing, after the PDF).

Run: `DATABASE_URL=… .venv/bin/python -m benchmarks.stamps_issue [--count 10000]` (embedded PostgreSQL
when DATABASE_URL is unset). It works in its own database (`bench_stamps_<name>`, migrated first and
dropped afterwards unless --keep).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "backend"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
os.environ.setdefault("OCOP_DEMO_SECRET_KEY", "1")  # benchmarks use the demo key in var/
_db_name = (os.environ.get("DATABASE_URL", "").rsplit("/", 1)[-1].split("?")[0]) or "embedded"
os.environ.setdefault("TEST_DATABASE_NAME", f"bench_stamps_{_db_name}")


class _Rollback(Exception):
    pass


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run(count: int, *, keep: bool = False) -> dict:
    import django

    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="ocop-bench-media-"))
    django.setup()
    from django.conf import settings
    from django.db import connection

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        return _measure(count)
    finally:
        if not keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def _measure(count: int) -> dict:
    from django.db import transaction
    from django.utils import timezone

    from tests.factories import make_product, make_variant
    from tests.factories.traceability import make_trace_staff
    from traceability import labels, services

    results: dict = {"count": count}
    try:
        with transaction.atomic():
            staff = make_trace_staff()
            product = make_product(short_name="Nước mắm Ba Làng")
            variant = make_variant(product)
            batch = services.batch_create(user=staff, data=services.BatchInput(
                variant_id=variant.pk, lot_code="BENCH-2026/01", production_date=timezone.localdate(),
                expiry_date=timezone.localdate() + dt.timedelta(days=365), quantity=count))
            rss0 = _rss_mb()
            t0 = time.perf_counter()
            issued = services.stamps_issue(user=staff, batch_id=batch.pk, count=count)
            t1 = time.perf_counter()
            rss1 = _rss_mb()
            uris = services.stamp_uris(issued.batch, issued.serials)
            out = io.BytesIO()
            t2 = time.perf_counter()
            pages = labels.write_sheet(
                [labels.Label(uri=u, title=product.short_name, serial=s) for u, s in zip(uris, issued.serials, strict=True)],
                out, spec=labels.LabelSpec())
            t3 = time.perf_counter()
            results.update({
                "issue_seconds": round(t1 - t0, 2), "pdf_seconds": round(t3 - t2, 2),
                "total_seconds": round(t3 - t0, 2), "pages": pages, "pdf_bytes": out.getbuffer().nbytes,
                "labels_per_second": round(count / (t3 - t2), 1),
                "peak_rss_mb_before": rss0, "peak_rss_mb_after_issue": rss1, "peak_rss_mb_after_pdf": _rss_mb(),
            })
            raise _Rollback
    except _Rollback:
        pass
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args(argv)
    res = run(args.count, keep=args.keep)
    for key, value in res.items():
        print(f"{key:>22}: {value}")


if __name__ == "__main__":
    main()
