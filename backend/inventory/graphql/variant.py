"""`ProductVariant.stocks` and `ProductVariant.quantityAvailable(address|warehouse)` (Saleor names).

The ProductVariant GraphQL type belongs to the catalog, whose resolvers call
`resolve_variant_quantity_available(variant, info, ...)` and `resolve_variant_stocks(variant, info, ...)`
(a type rooted on the model itself can mix in `VariantInventoryFields`). Both go through per-request
batch loaders (`core.loaders`, family "variant"), so a page of variants costs one query per field.

`quantityAvailable` needs a channel: the `channel` argument (slug), else `root.channel_slug` /
`info.context.channel_slug` set by the catalog's resolver. Listing resolvers should call
`prefetch_variant_availability(variants, channel)` once (one query) so each variant resolves without
a query of its own.
"""

from __future__ import annotations

from collections.abc import Iterable

import graphene
from django.utils import timezone

from channels.models import Channel
from core.graphql import decode_global_id
from core.loaders import BatchLoader, get_loader

from ..availability import availability_for_variants, reserved_subquery
from ..models import Stock
from ..selectors import warehouse_ids_for_user
from .types import StockType

ATTR = "_inventory_available"


class AddressInput(graphene.InputObjectType):
    """The part of Saleor's AddressInput that decides availability here."""

    class Meta:
        name = "StockAddressInput"

    country = graphene.String(description="ISO code; only VN is served.")
    province_code = graphene.String()


def prefetch_variant_availability(variants: Iterable, channel: Channel | None,
                                  warehouse_ids: list[int] | None = None) -> None:
    """Compute availability for many variants in one query and keep it on each instance."""
    variants = list(variants)
    values = availability_for_variants([v.pk for v in variants], channel=channel, warehouse_ids=warehouse_ids)
    for v in variants:
        setattr(v, ATTR, values.get(v.pk, 0))


def _channel_id(info, slug: str) -> int | None:
    cache = info.context.__dict__.setdefault("_inventory_channels", {})
    if slug not in cache:
        cache[slug] = Channel.objects.filter(slug=slug, is_active=True).values_list("pk", flat=True).first()
    return cache[slug]


def resolve_variant_quantity_available(root, info, address=None, warehouse=None, channel=None) -> int:
    """Units a buyer can get: in one warehouse (click & collect / POS), or over the channel's
    warehouses (the `channel` slug, else `root.channel_slug` / `info.context.channel_slug`), or over
    every active warehouse. Addresses outside Vietnam get 0 (no shipping abroad)."""
    country = (address or {}).get("country") if address else None
    if country and country.upper() != "VN":
        return 0
    if warehouse:
        wid = decode_global_id(warehouse, "Warehouse", field="warehouse")
        return get_loader(info, AvailabilityByVariant, None, wid).load(root.pk)
    cached = getattr(root, ATTR, None)
    if cached is not None:
        return cached
    slug = channel or getattr(root, "channel_slug", None) or getattr(info.context, "channel_slug", None)
    if slug:
        channel_id = _channel_id(info, slug)
        if channel_id is None:
            return 0
        return get_loader(info, AvailabilityByVariant, channel_id, None).load(root.pk)
    return get_loader(info, AvailabilityByVariant, None, None).load(root.pk)


def resolve_variant_stocks(root, info, address=None, warehouse=None) -> list[Stock]:
    """Stocks of the variant that the user may see (staff: all; scoped staff: their warehouses;
    anyone else: none), like Saleor's permission-guarded `ProductVariant.stocks`."""
    wid = decode_global_id(warehouse, "Warehouse", field="warehouse") if warehouse else None
    return get_loader(info, StocksByVariant, wid).load(root.pk)


class VariantInventoryFields:
    """Mix into the ProductVariant type."""

    quantity_available = graphene.Int(
        address=AddressInput(), warehouse=graphene.ID(), channel=graphene.String(),
        description="Units available to buy: quantity − allocated − others' reservations.",
        resolver=resolve_variant_quantity_available,
    )
    stocks = graphene.List(graphene.NonNull(StockType), address=AddressInput(), warehouse=graphene.ID(),
                           description="Stocks you may see.", resolver=resolve_variant_stocks)


class AvailabilityByVariant(BatchLoader):
    """Units available per variant in one channel (and/or one warehouse), reservations deducted."""

    family = "variant"

    def empty(self):
        return 0

    def batch(self, keys):
        channel_id, warehouse_id = self.args
        return availability_for_variants(keys, channel=channel_id,
                                         warehouse_ids=[warehouse_id] if warehouse_id else None)


class StocksByVariant(BatchLoader):
    """The stocks the requesting user may see, per variant."""

    family = "variant"

    def empty(self):
        return []

    def batch(self, keys):
        scope = warehouse_ids_for_user(getattr(self.info.context, "user", None))
        (warehouse_id,) = self.args
        qs = (Stock.objects.filter(product_variant_id__in=keys).select_related("warehouse", "product_variant__product")
              .annotate(reserved=reserved_subquery(timezone.now(), None)).order_by("pk"))
        if scope is not None:
            qs = qs.filter(warehouse_id__in=scope)
        if warehouse_id:
            qs = qs.filter(warehouse_id=warehouse_id)
        out: dict[int, list[Stock]] = {}
        for stock in qs:
            out.setdefault(stock.product_variant_id, []).append(stock)
        return out
