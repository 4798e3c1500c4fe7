"""Factories for the GraphQL API tests: collections, media, stock, images."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from catalog.models import Collection, CollectionChannelListing, CollectionProduct, Product, ProductMedia
from inventory.models import Stock

from .catalog import n


def png_bytes(size: tuple[int, int] = (32, 24), color: str = "green", fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


def make_collection(*, channels=(), products=(), published: bool = True, **extra) -> Collection:
    i = n()
    col = Collection.objects.create(name=extra.pop("name", f"Bộ sưu tập {i}"), slug=extra.pop("slug", f"bst-{i}"),
                                    **extra)
    for ch in channels:
        CollectionChannelListing.objects.create(collection=col, channel=ch, is_published=published,
                                                published_at=timezone.now())
    for order, product in enumerate(products):
        CollectionProduct.objects.create(collection=col, product=product, sort_order=order)
    return col


def make_media(product: Product, *, color: str = "green") -> ProductMedia:
    media = ProductMedia(product=product, alt=product.name, width=32, height=24)
    media.image.save(f"{product.slug}.png", ContentFile(png_bytes(color=color)), save=False)
    media.save()
    return media


def put_stock(variant, warehouse, quantity: int) -> Stock:
    """Test set-up only: a stock row (no ledger), for availability reads."""
    return Stock.objects.create(product_variant=variant, warehouse=warehouse, quantity=quantity)


def bulk_listed_products(channel, count: int, *, category=None, producers=(), warehouse=None,
                         prefix: str = "bulk") -> list[Product]:
    """`count` products that pass the listing gate, built with bulk inserts (for query-count guards and
    benchmarks): two priced variants, a 4★ certificate, one photo (the same file) and stock each."""
    import datetime as dt

    from catalog.models import ProductChannelListing, ProductVariant, ProductVariantChannelListing
    from certification.models import IssuingLevel, OcopCertificate

    from .catalog import make_gtin13, make_producer, make_product_type

    product_type = make_product_type()
    producers = list(producers) or [make_producer() for _ in range(10)]
    now = timezone.now()
    today = timezone.localdate()
    tag = f"{prefix}-{n()}"
    products = Product.objects.bulk_create([
        Product(name=f"Sản phẩm {tag} {i:03d}", slug=f"{tag}-{i:03d}", product_type=product_type,
                producer=producers[i % len(producers)], category=category, moderation_status="approved")
        for i in range(count)
    ])
    ProductChannelListing.objects.bulk_create([
        ProductChannelListing(product=p, channel=channel, is_published=True, published_at=now - dt.timedelta(days=1))
        for p in products
    ])
    variants = ProductVariant.objects.bulk_create([
        ProductVariant(product=p, sku=f"{tag}-{i:03d}-{k}".upper(), gtin=make_gtin13(), sort_order=k)
        for i, p in enumerate(products) for k in range(2)
    ])
    ProductVariantChannelListing.objects.bulk_create([
        ProductVariantChannelListing(variant=v, channel=channel, price_amount=50_000 + 1_000 * i)
        for i, v in enumerate(variants)
    ])
    issued = today - dt.timedelta(days=100)
    OcopCertificate.objects.bulk_create([
        OcopCertificate(product=p, stars=4, score=80, certificate_number=f"GCN-{tag}-{i}",
                        decision_number=f"{i}/QĐ-UBND", decision_date=issued, issuing_level=IssuingLevel.PROVINCE,
                        issued_on=issued, expires_on=issued + dt.timedelta(days=1000))
        for i, p in enumerate(products)
    ])
    first = make_media(products[0])
    media = ProductMedia.objects.bulk_create([
        ProductMedia(product=p, image=first.image.name, alt=p.name, width=32, height=24) for p in products[1:]
    ])
    from catalog.media import rendition_url
    from catalog.models import ProductMediaRendition

    for size in (128, 256):  # cached renditions, as after the first request (the same small file for all)
        rendition_url(first, size)
    ProductMediaRendition.objects.bulk_create([
        ProductMediaRendition(media=m, size=r.size, format=r.format, image=r.image.name)
        for m in media for r in first.renditions.all()
    ])
    from catalog.models import Attribute, ProductAttributeValue

    fact = Attribute.objects.create(name="Khối lượng tịnh", slug=f"khoi-luong-{tag}")
    ProductAttributeValue.objects.bulk_create([ProductAttributeValue(product=p, attribute=fact, value="500 g")
                                               for p in products])
    if warehouse is not None:
        Stock.objects.bulk_create([Stock(product_variant=v, warehouse=warehouse, quantity=5) for v in variants[::2]])
    return products
