"""Producer portal: sales dashboard, statements and product list over many order lines.

Creates its own database (`bench_<name of DATABASE_URL's database>`, dropped afterwards unless --keep),
fills it with bulk_create (producers, products, one year of orders with lines from every producer in
four channels), then times the services and the pages a producer uses most.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/ocop_portal .venv/bin/python benchmarks/portal_sales.py
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "backend"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
os.environ.setdefault("OCOP_DEMO_SECRET_KEY", "1")  # benchmarks use the demo key in var/
_db_name = (os.environ.get("DATABASE_URL", "").rsplit("/", 1)[-1].split("?")[0]) or "embedded"
os.environ.setdefault("TEST_DATABASE_NAME", f"bench_{_db_name}")


def fill(producers: int, lines: int) -> dict:
    from django.utils import timezone

    from accounts.models import User
    from catalog.models import ModerationStatus, Product, ProductType, ProductVariant
    from channels.models import Channel, ChannelKind
    from orders.models import Order, OrderLine, OrderStatus
    from portal.models import CommissionRate
    from producers.models import LegalForm, MemberRole, Producer, ProducerMember

    rnd = random.Random(11)
    channels = [Channel.objects.create(slug="online", name="Trực tuyến", kind=ChannelKind.ONLINE)] + [
        Channel.objects.create(slug=f"kenh-{k}", name=f"Showroom {k}", kind=ChannelKind.SHOWROOM) for k in range(2)
    ] + [Channel.objects.create(slug="hoi-cho", name="Hội chợ OCOP", kind=ChannelKind.EVENT)]
    for ch, bp in zip(channels, (1000, 1500, 1500, 500), strict=True):
        CommissionRate.objects.create(channel=ch, rate_bp=bp)
    ptype = ProductType.objects.create(name="OCOP", slug="ocop")
    prods = Producer.objects.bulk_create([
        Producer(name=f"HTX {i}", slug=f"htx-{i}", legal_form=LegalForm.COOPERATIVE, tax_code=f"28{i:08d}",
                 ward_code="14797", ward_name="Phường Hạc Thành") for i in range(producers)])
    users = [User.objects.create_user(f"chu{i}@htx.vn", "bench-pass-123") for i in range(producers)]
    ProducerMember.objects.bulk_create([ProducerMember(producer=p, user=u, role=MemberRole.OWNER)
                                        for p, u in zip(prods, users, strict=True)])
    products = Product.objects.bulk_create([
        Product(name=f"Sản phẩm {p.pk}-{k}", slug=f"sp-{p.pk}-{k}", product_type=ptype, producer=p,
                moderation_status=ModerationStatus.APPROVED) for p in prods for k in range(8)])
    variants = ProductVariant.objects.bulk_create([ProductVariant(product=p, sku=f"SKU-{p.pk}") for p in products])
    now = timezone.now()
    orders = Order.objects.bulk_create([
        Order(number=i + 1, channel=rnd.choice(channels), status=rnd.choice(
            [OrderStatus.FULFILLED, OrderStatus.DELIVERED, OrderStatus.UNFULFILLED, OrderStatus.CANCELED]))
        for i in range(lines // 3)], batch_size=5000)
    from django.db import connection

    with connection.cursor() as cur:  # spread the orders over the past year
        cur.execute("SELECT setseed(0.11)")
        cur.execute("UPDATE orders_order SET created_at = %s - random() * interval '365 days'", [now])
    order_lines = []
    for _i in range(lines):
        v = rnd.choice(variants)
        q = rnd.randint(1, 5)
        price = rnd.choice([35_000, 50_000, 120_000, 250_000])
        order_lines.append(OrderLine(order=rnd.choice(orders), variant=v, producer_id=v.product.producer_id,
                                     product_name=v.product.name, product_sku=v.sku, quantity=q,
                                     quantity_returned=1 if rnd.random() < 0.03 else 0,
                                     undiscounted_unit_price=price, unit_price=price, total_price=price * q))
    OrderLine.objects.bulk_create(order_lines, batch_size=5000)
    return {"producer": prods[0], "user": users[0]}


def timed(fn, rounds: int) -> tuple[float, float]:
    fn()  # warm-up
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--producers", type=int, default=200)
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args()

    import tempfile

    import django

    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="ocop-bench-media-"))
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from portal.services.sales import sales_report
    from portal.services.statements import build_statement, statement_pdf

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        t0 = time.perf_counter()
        data = fill(args.producers, args.lines)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        fill_s = time.perf_counter() - t0
        producer, user = data["producer"], data["user"]
        month = timezone.localdate().strftime("%Y-%m")
        client = Client()
        client.force_login(user)
        cases = {
            "sales_report(day, 30 days)": lambda: sales_report(producer_id=producer.pk, period="day"),
            "sales_report(month, 12 months)": lambda: sales_report(producer_id=producer.pk, period="month"),
            "build_statement(month)": lambda: build_statement(producer=producer, month=month),
            "statement PDF (WeasyPrint)": lambda: statement_pdf(build_statement(producer=producer, month=month)),
            "page /kenh-nguoi-ban/doanh-so/?period=month": lambda: client.get(
                "/kenh-nguoi-ban/doanh-so/?period=month"),
            "page /kenh-nguoi-ban/doi-soat/<month>.csv": lambda: client.get(f"/kenh-nguoi-ban/doi-soat/{month}.csv"),
            "page /kenh-nguoi-ban/san-pham/": lambda: client.get("/kenh-nguoi-ban/san-pham/"),
        }
        print(f"{args.producers} producers, {args.lines} order lines over 12 months, 4 channels; "
              f"fill {fill_s:.1f} s; PostgreSQL {connection.pg_version}")
        print(f"{'operation':46} {'median ms':>10} {'p95 ms':>10}")
        for name, fn in cases.items():
            median, p95 = timed(fn, args.rounds)
            print(f"{name:46} {median:10.1f} {p95:10.1f}")
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
