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
