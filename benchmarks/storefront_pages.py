"""Server time of storefront pages over 5,000 products (Django test Client, in-process).

Creates its own database (`bench_<name of DATABASE_URL's database>`, dropped afterwards unless
--keep), fills it with bulk_create, then times home, listing (24 cards), product and search pages.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/ocop_shop .venv/bin/python benchmarks/storefront_pages.py
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
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

KINDS = ["Bánh gai", "Nem chua", "Mật ong rừng", "Kẹo lạc", "Chè lam", "Nước mắm", "Mắm tôm", "Rượu men lá",
         "Gạo nếp cái hoa vàng", "Chả tôm", "Bưởi Luận Văn", "Miến gạo", "Tương", "Trà xanh túi lọc",
         "Tổ yến sào", "Giỏ cói", "Ống hút tre", "Nước cốt Atiso", "Dầu lạc", "Măng khô"]
PLACES = ["Tứ Trụ", "Thọ Xuân", "Hoằng Hóa", "Hậu Lộc", "Nga Sơn", "Hà Trung", "Quảng Xương", "Nghi Sơn",
          "Nông Cống", "Yên Định", "Triệu Sơn", "Bá Thước", "Như Xuân", "Thường Xuân", "Sầm Sơn", "Đông Sơn"]
QUERIES = ["banh gai", "nem chua", "mat ong", "keo lac", "dac san", "nuoc mam le gia", "tra xanh",
           "gao nep", "mien gao", "banh gia", "keo lach", "htx tho xuan"]


def fill(products: int) -> dict:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from django.utils import timezone
    from PIL import Image

    from catalog.models import (
        Attribute,
        Category,
        Collection,
        CollectionChannelListing,
        CollectionProduct,
        Product,
        ProductAttributeValue,
        ProductChannelListing,
        ProductMedia,
        ProductMediaRendition,
        ProductType,
        ProductVariant,
        ProductVariantChannelListing,
    )
    from certification.models import CertificateStatus, IssuingLevel, OcopCertificate
    from channels.models import Channel
    from core.gtin import gtin_check_digit
    from core.images import webp_rendition
    from inventory.models import ChannelWarehouse, MovementReason, Stock, StockMovement, Warehouse, WarehouseKind
    from producers.models import LegalForm, Producer
    from search.indexing import update_product_search

    rnd = random.Random(4)
    today = timezone.localdate()
    now = timezone.now()
    channel = Channel.objects.create(slug="online", name="Trực tuyến")
    ptype = ProductType.objects.create(name="Thực phẩm", slug="thuc-pham")
    groups = [Category.objects.create(name=n, slug=f"nhom-{i}") for i, n in enumerate(
        ["Thực phẩm", "Đồ uống", "Dược liệu", "Thủ công mỹ nghệ", "Sinh vật cảnh", "Du lịch cộng đồng"])]
    subs = [Category.objects.create(name=f"{g.name} {j}", slug=f"{g.slug}-{j}", parent=g) for g in groups
            for j in range(3)]
    producers = Producer.objects.bulk_create([
        Producer(name=f"HTX {rnd.choice(KINDS)} {rnd.choice(PLACES)} {i}", slug=f"htx-{i}",
                 legal_form=LegalForm.COOPERATIVE, tax_code=f"28{i:08d}", ward_code=f"{15000 + i % 166}",
                 ward_name=f"Xã {PLACES[i % len(PLACES)]}", story="Làng nghề truyền thống xứ Thanh." * 5)
        for i in range(products // 10)])
    catalog = Product.objects.bulk_create([
        Product(name=f"{rnd.choice(KINDS)} {rnd.choice(PLACES)} {i}", slug=f"sp-{i}", product_type=ptype,
                category=rnd.choice(subs), producer=producers[i % len(producers)], moderation_status="approved",
                is_featured=i % 97 == 0, description=f"<p>Sản phẩm OCOP số {i} của xứ Thanh.</p>",
                description_plaintext=f"Sản phẩm OCOP số {i} của xứ Thanh, làm thủ công theo công thức gia truyền.")
        for i in range(products)])
    ProductChannelListing.objects.bulk_create([
        ProductChannelListing(product=p, channel=channel, is_published=True, published_at=now - dt.timedelta(days=1))
        for p in catalog])
    variants = []
    for i, p in enumerate(catalog):
        for j in range(2 if i % 10 == 0 else 1):
            body = f"893{i * 2 + j:09d}"
            variants.append(ProductVariant(product=p, sku=f"SKU-{i}-{j}", gtin=body + str(gtin_check_digit(body)),
                                           name=f"Gói {j + 1}", sort_order=j))
    variants = ProductVariant.objects.bulk_create(variants, batch_size=2000)
    ProductVariantChannelListing.objects.bulk_create([
        ProductVariantChannelListing(variant=v, channel=channel, price_amount=rnd.randrange(20, 900) * 1000)
        for v in variants], batch_size=2000)
    certs = []
    for i, p in enumerate(catalog):
        stars = 5 if i % 50 == 0 else (4 if i % 5 == 0 else 3)
        status = CertificateStatus.SUSPENDED if i % 53 == 0 else CertificateStatus.VALID
        issued = today - dt.timedelta(days=1200 if i % 31 == 0 else rnd.randrange(10, 900))  # ~3% expired
        certs.append(OcopCertificate(product=p, stars=stars, score={3: 60, 4: 80, 5: 95}[stars],
                                     certificate_number=f"GCN-{i}", decision_number=f"{i}/QĐ-UBND",
                                     decision_date=issued, issuing_level=IssuingLevel.PROVINCE, issued_on=issued,
                                     expires_on=issued + dt.timedelta(days=1095), status=status, is_demo=True))
    OcopCertificate.objects.bulk_create(certs, batch_size=2000)
    # One photo shared by every product, with its WebP renditions already made.
    buf = io.BytesIO()
    Image.new("RGB", (800, 800), (200, 80, 40)).save(buf, "JPEG")
    original = default_storage.save("products/bench.jpg", ContentFile(buf.getvalue()))
    rendition_names = {size: default_storage.save(f"thumbnails/bench-{size}.webp",
                                                  ContentFile(webp_rendition(buf.getvalue(), size)))
                       for size in (128, 256, 512, 1024)}
    media = ProductMedia.objects.bulk_create([ProductMedia(product=p, image=original, alt=p.name, width=800,
                                                           height=800) for p in catalog], batch_size=2000)
    ProductMediaRendition.objects.bulk_create([ProductMediaRendition(media=m, size=s, image=name)
                                               for m in media for s, name in rendition_names.items()],
                                              batch_size=5000)
    facts = [Attribute.objects.create(name=n, slug=s, sort_order=i) for i, (s, n) in enumerate(
        [("thanh-phan", "Thành phần"), ("khoi-luong-tinh", "Khối lượng tịnh"), ("han-su-dung", "Hạn sử dụng"),
         ("xuat-xu", "Xuất xứ")])]
    ProductAttributeValue.objects.bulk_create([ProductAttributeValue(product=p, attribute=a, value="…")
                                               for p in catalog for a in facts], batch_size=5000)
    online = Warehouse.objects.create(name="Kho trung tâm", slug="kho", kind=WarehouseKind.DISPLAY_CENTRE)
    airport = Warehouse.objects.create(name="Cảng hàng không Thọ Xuân", slug="cang-hk-tho-xuan",
                                       kind=WarehouseKind.SHOWROOM)
    ChannelWarehouse.objects.create(channel=channel, warehouse=online)
    stocks = Stock.objects.bulk_create(
        [Stock(warehouse=online, product_variant=v, quantity=50) for v in variants]
        + [Stock(warehouse=airport, product_variant=v, quantity=5) for v in variants[::3]], batch_size=5000)
    StockMovement.objects.bulk_create([  # the ledger matches the stock (receipts)
        StockMovement(stock=s, product_variant_id=s.product_variant_id, warehouse_id=s.warehouse_id,
                      quantity=s.quantity, balance_after=s.quantity, reason=MovementReason.RECEIPT,
                      reference_type="benchmark") for s in stocks], batch_size=5000)
    for k in range(3):
        c = Collection.objects.create(name=f"Bộ sưu tập {k}", slug=f"bst-{k}")
        CollectionChannelListing.objects.create(collection=c, channel=channel, is_published=True)
        CollectionProduct.objects.bulk_create([CollectionProduct(collection=c, product=p, sort_order=i)
                                               for i, p in enumerate(rnd.sample(catalog, 60))])
    update_product_search(None, push=False)
    return {"slugs": [p.slug for p in catalog], "variants": len(variants)}


def measure(client, urls: list[str], rounds: int) -> tuple[float, float, float, int]:
    """Median and p95 wall time, and median CPU time of this process (Python only, not PostgreSQL)."""
    for url in urls[:3]:
        assert client.get(url).status_code == 200, url  # warm-up
    times, cpu = [], []
    for i in range(rounds):
        url = urls[i % len(urls)]
        t0, c0 = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], statistics.median(cpu), len(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    args = parser.parse_args()

    import tempfile

    import django

    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="ocop-bench-media-"))
    django.setup()
    from django.db import connection
    from django.test import Client

    from catalog.gate import visible_products
    from channels.models import Channel

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        t0 = time.perf_counter()
        data = fill(args.products)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk load (flushes GIN pending lists)
        fill_s = time.perf_counter() - t0
        channel = Channel.objects.get(slug="online")
        visible = list(visible_products(channel).values_list("slug", flat=True))
        rnd = random.Random(7)
        client = Client()
        cases = {
            "home /": ["/"],
            "listing /san-pham/ (24 cards)": ["/san-pham/", "/san-pham/?page=7", "/san-pham/?sort=price",
                                              "/san-pham/?sort=newest&page=3", "/danh-muc/nhom-0/",
                                              "/san-pham/?stars=4&stars=5&sort=-price"],
            "product /san-pham/<slug>/": [f"/san-pham/{s}/" for s in rnd.sample(visible, 50)],
            "search /tim-kiem/?q=": [f"/tim-kiem/?q={q.replace(' ', '+')}" for q in QUERIES],
        }
        print(f"{args.products} products ({len(visible)} pass the gate), {data['variants']} variants; "
              f"fill {fill_s:.1f} s; PostgreSQL backend; {connection.vendor} {connection.pg_version}")
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
        print(f"{'page':34} {'median ms':>10} {'p95 ms':>10} {'py cpu ms':>10} {'requests':>9}")
        for name, urls in cases.items():
            median, p95, cpu, n = measure(client, urls, args.rounds)
            print(f"{name:34} {median:10.1f} {p95:10.1f} {cpu:10.1f} {n:9d}")
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
