"""`ProductVariant.stocks` and `ProductVariant.quantityAvailable(address|warehouse)` (Saleor names).

The ProductVariant GraphQL type belongs to the catalog; it mixes these fields in:

    class ProductVariant(VariantInventoryFields, DjangoObjectType): ...

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


def _channel(root, info, slug: str | None) -> Channel | None:
    slug = slug or getattr(root, "channel_slug", None) or getattr(info.context, "channel_slug", None)
    if not slug:
        return None
    return Channel.objects.filter(slug=slug, is_active=True).first()


def resolve_variant_quantity_available(root, info, address=None, warehouse=None, channel=None) -> int:
    """Units a buyer can get: in one warehouse (click & collect / POS), or over the channel's
    warehouses. Addresses outside Vietnam get 0 (no shipping abroad)."""
    country = (address or {}).get("country") if address else None
    if country and country.upper() != "VN":
        return 0
    if warehouse:
        wid = decode_global_id(warehouse, "Warehouse", field="warehouse")
        return availability_for_variants([root.pk], warehouse_ids=[wid])[root.pk]
    cached = getattr(root, ATTR, None)
    if cached is not None:
        return cached
    ch = _channel(root, info, channel)
    if ch is None:
        return availability_for_variants([root.pk])[root.pk]
    return availability_for_variants([root.pk], channel=ch)[root.pk]


def resolve_variant_stocks(root, info, address=None, warehouse=None) -> list[Stock]:
    """Stocks of the variant that the user may see (staff: all; scoped staff: their warehouses;
    anyone else: none), like Saleor's permission-guarded `ProductVariant.stocks`."""
    scope = warehouse_ids_for_user(getattr(info.context, "user", None))
    qs = (Stock.objects.filter(product_variant_id=root.pk).select_related("warehouse", "product_variant__product")
          .annotate(reserved=reserved_subquery(timezone.now(), None)).order_by("pk"))
    if scope is not None:
        qs = qs.filter(warehouse_id__in=scope)
    if warehouse:
        qs = qs.filter(warehouse_id=decode_global_id(warehouse, "Warehouse", field="warehouse"))
    return list(qs)


class VariantInventoryFields:
    """Mix into the ProductVariant type."""

    quantity_available = graphene.Int(
        address=AddressInput(), warehouse=graphene.ID(), channel=graphene.String(),
        description="Units available to buy: quantity − allocated − others' reservations.",
        resolver=resolve_variant_quantity_available,
    )
    stocks = graphene.List(graphene.NonNull(StockType), address=AddressInput(), warehouse=graphene.ID(),
                           description="Stocks you may see.", resolver=resolve_variant_stocks)
