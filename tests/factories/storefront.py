"""Factories for storefront/search tests: images, label facts, collections, stock."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalog.media import media_create
from catalog.models import Attribute, Collection, CollectionChannelListing, CollectionProduct, Product, ProductMedia
from channels.models import Channel
from inventory.models import Warehouse
from inventory.services import stock_receive

from .catalog import n


def make_jpeg(width: int = 800, height: int = 600, color: tuple[int, int, int] = (200, 80, 40)) -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buf, "JPEG", quality=80)
    return SimpleUploadedFile(f"photo-{n()}.jpg", buf.getvalue(), content_type="image/jpeg")


def make_media(product: Product, **kwargs) -> ProductMedia:
    return media_create(product=product, upload=make_jpeg(**kwargs))


def make_fact(product: Product, slug: str, name: str, value: str, sort_order: int = 0):
    attribute, _ = Attribute.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": sort_order})
    return product.attribute_values.create(attribute=attribute, value=value)


def make_collection(channel: Channel, products: list[Product] = (), *, published: bool = True, **extra) -> Collection:
    i = n()
    collection = Collection.objects.create(name=extra.pop("name", f"Bộ sưu tập {i}"),
                                           slug=extra.pop("slug", f"bo-suu-tap-{i}"), **extra)
    CollectionChannelListing.objects.create(collection=collection, channel=channel, is_published=published)
    for order, product in enumerate(products):
        CollectionProduct.objects.create(collection=collection, product=product, sort_order=order)
    return collection


def stock_up(variant_id: int, warehouse: Warehouse, quantity: int) -> None:
    stock_receive(variant_id=variant_id, warehouse_id=warehouse.pk, quantity=quantity)
