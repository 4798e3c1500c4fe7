"""Unit costs (VND) used to value stock: the inventory's own VariantCost, else the cost price of the
variant's channel listing (the warehouse's channels first, in their order)."""

from __future__ import annotations

from collections.abc import Iterable

from catalog.models import ProductVariantChannelListing

from .models import ChannelWarehouse, VariantCost


def variant_unit_costs(variant_ids: Iterable[int], *, warehouse_id: int | None = None) -> dict[int, int | None]:
    ids = list(variant_ids)
    out: dict[int, int | None] = dict.fromkeys(ids)
    own = dict(VariantCost.objects.filter(product_variant_id__in=ids).values_list("product_variant_id", "unit_cost"))
    rank: dict[int, int] = {}
    if warehouse_id is not None:
        rank = {ch: i for i, ch in enumerate(ChannelWarehouse.objects.filter(warehouse_id=warehouse_id)
                                             .order_by("sort_order", "pk").values_list("channel_id", flat=True))}
    listings = (ProductVariantChannelListing.objects.filter(variant_id__in=ids, cost_price_amount__isnull=False)
                .values_list("variant_id", "channel_id", "cost_price_amount").order_by("pk"))
    best: dict[int, tuple[int, int]] = {}
    for variant_id, channel_id, cost in listings:
        key = rank.get(channel_id, len(rank))
        if variant_id not in best or key < best[variant_id][0]:
            best[variant_id] = (key, cost)
    for variant_id in ids:
        if variant_id in own:
            out[variant_id] = own[variant_id]
        elif variant_id in best:
            out[variant_id] = best[variant_id][1]
    return out
