from __future__ import annotations

import datetime as dt
import itertools

from django.contrib.auth.models import Permission
from django.utils import timezone

from accounts.models import User
from catalog.models import (
    Category,
    ModerationStatus,
    Product,
    ProductChannelListing,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from certification.models import CertificateStatus, IssuingLevel, OcopCertificate
from channels.models import Channel, ChannelKind
from core.gtin import gtin_check_digit
from inventory.models import ChannelWarehouse, Warehouse, WarehouseKind
from producers.models import LegalForm, Producer

_seq = itertools.count(1)


def n() -> int:
    return next(_seq)


def make_gtin13(prefix: str = "893") -> str:
    body = f"{prefix}{n():09d}"[:12]
    return body + str(gtin_check_digit(body))


def make_user(email: str | None = None, *, password: str = "ocop-test-pass", perms: list[str] | None = None,
              is_staff: bool = False, **extra) -> User:
    user = User.objects.create_user(email or f"user{n()}@example.vn", password, is_staff=is_staff, **extra)
    for perm in perms or []:
        app_label, codename = perm.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return User.objects.get(pk=user.pk)  # fresh instance: no stale permission cache


def make_channel(slug: str | None = None, *, kind: str = ChannelKind.ONLINE, **extra) -> Channel:
    slug = slug or f"channel-{n()}"
    return Channel.objects.create(slug=slug, name=extra.pop("name", slug), kind=kind, **extra)


def make_warehouse(*, channels: list[Channel] = (), kind: str = WarehouseKind.SHOWROOM, producer=None,
                   **extra) -> Warehouse:
    i = n()
    wh = Warehouse.objects.create(name=extra.pop("name", f"Kho {i}"), slug=extra.pop("slug", f"kho-{i}"),
                                  kind=kind, producer=producer, **extra)
    for order, ch in enumerate(channels):
        ChannelWarehouse.objects.create(channel=ch, warehouse=wh, sort_order=order)
    return wh


def make_producer(**extra) -> Producer:
    i = n()
    defaults = dict(name=f"HTX Thử nghiệm {i}", slug=f"htx-{i}", legal_form=LegalForm.COOPERATIVE,
                    tax_code=f"28{i:08d}"[:10], ward_code="15865", ward_name="Xã Hoằng Thanh")
    defaults.update(extra)
    return Producer.objects.create(**defaults)


def make_product_type(**extra) -> ProductType:
    i = n()
    return ProductType.objects.create(name=extra.pop("name", f"Loại {i}"), slug=extra.pop("slug", f"loai-{i}"), **extra)


def make_category(name: str | None = None, parent: Category | None = None, **extra) -> Category:
    i = n()
    return Category.objects.create(name=name or f"Nhóm {i}", slug=extra.pop("slug", f"nhom-{i}"), parent=parent, **extra)


def make_product(*, producer: Producer | None = None, status: str = ModerationStatus.APPROVED, **extra) -> Product:
    i = n()
    return Product.objects.create(
        name=extra.pop("name", f"Sản phẩm {i}"), slug=extra.pop("slug", f"san-pham-{i}"),
        product_type=extra.pop("product_type", None) or make_product_type(),
        producer=producer or make_producer(), moderation_status=status, **extra,
    )


def make_variant(product: Product, *, channels: list[Channel] = (), price: int = 100_000, **extra) -> ProductVariant:
    i = n()
    variant = ProductVariant.objects.create(product=product, sku=extra.pop("sku", f"SKU-{i}"),
                                            gtin=extra.pop("gtin", make_gtin13()), name=extra.pop("name", ""),
                                            **extra)
    for ch in channels:
        ProductVariantChannelListing.objects.create(variant=variant, channel=ch, price_amount=price)
    return variant


def make_certificate(product: Product, *, stars: int = 4, status: str = CertificateStatus.VALID,
                     issued_on: dt.date | None = None, expires_on: dt.date | None = None, **extra) -> OcopCertificate:
    issued = issued_on or (timezone.localdate() - dt.timedelta(days=100))
    expires = expires_on or (issued + dt.timedelta(days=36 * 30))
    score = extra.pop("score", {1: 20, 2: 40, 3: 60, 4: 80, 5: 95}[stars])
    return OcopCertificate.objects.create(
        product=product, stars=stars, score=score, certificate_number=extra.pop("certificate_number", f"GCN-{n()}"),
        decision_number=extra.pop("decision_number", f"{n()}/QĐ-UBND"), decision_date=issued,
        issuing_level=IssuingLevel.CENTRAL if stars == 5 else IssuingLevel.PROVINCE,
        issued_on=issued, expires_on=expires, status=status, **extra,
    )


def make_listed_product(channel: Channel, *, price: int = 100_000, stars: int = 4, producer: Producer | None = None,
                        **extra) -> tuple[Product, ProductVariant]:
    """A product that passes the listing gate in `channel`: approved, published, certified."""
    product = make_product(producer=producer, **extra)
    ProductChannelListing.objects.create(product=product, channel=channel, is_published=True,
                                         published_at=timezone.now() - dt.timedelta(days=1))
    variant = make_variant(product, channels=[channel], price=price)
    make_certificate(product, stars=stars)
    return product, variant
