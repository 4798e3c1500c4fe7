"""Availability for the storefront and POS: available = quantity − allocated − active reservations
(by other checkouts). Batched: one query for any number of variants."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Sum
from django.utils import timezone

from channels.models import Channel

from .locks import held_subquery
from .models import Reservation, Stock


def reserved_subquery(now, checkout_token: str | None):
    """Units held per stock by live reservations of checkouts other than `checkout_token`."""
    return held_subquery(now, exclude_checkout=checkout_token)


def _stock_rows(variant_ids: Iterable[int], *, channel: Channel | int | None, warehouse_ids: Iterable[int] | None,
                checkout_token: str | None, now=None):
    qs = Stock.objects.filter(product_variant_id__in=list(variant_ids), warehouse__is_active=True)
    if channel is not None:
        qs = qs.filter(warehouse__channelwarehouse__channel=channel)
    if warehouse_ids is not None:
        qs = qs.filter(warehouse_id__in=list(warehouse_ids))
    return (qs.annotate(reserved=reserved_subquery(now or timezone.now(), checkout_token))
            .values_list("product_variant_id", "warehouse_id", "quantity", "quantity_allocated", "reserved"))


def stock_availability(variant_ids: Iterable[int], *, channel: Channel | int | None = None,
                       warehouse_ids: Iterable[int] | None = None, checkout_token: str | None = None,
                       now=None) -> dict[tuple[int, int], int]:
    """{(variant_id, warehouse_id): available} for the stocks that exist (one query)."""
    return {(v, w): max(q - a - r, 0)
            for v, w, q, a, r in _stock_rows(variant_ids, channel=channel, warehouse_ids=warehouse_ids,
                                             checkout_token=checkout_token, now=now)}


def availability_for_variants(variant_ids: Iterable[int], channel: Channel | int | None = None,
                              warehouse_ids: Iterable[int] | None = None, *, checkout_token: str | None = None,
                              now=None) -> dict[int, int]:
    """{variant_id: units available} summed over the channel's active warehouses (or the given
    warehouses, or every active warehouse). Every requested id is in the result (0 if none).
    `checkout_token` makes that checkout's own reservations count as available to it."""
    ids = list(variant_ids)
    out = dict.fromkeys(ids, 0)
    for (variant_id, _wh), available in stock_availability(ids, channel=channel, warehouse_ids=warehouse_ids,
                                                            checkout_token=checkout_token, now=now).items():
        out[variant_id] += available
    return out


def availability_by_warehouse(variant_ids: Iterable[int], channel: Channel | int | None = None,
                              warehouse_ids: Iterable[int] | None = None, *, checkout_token: str | None = None,
                              now=None) -> dict[int, dict[int, int]]:
    """{variant_id: {warehouse_id: available}} (POS: what is on which shelf). One query."""
    ids = list(variant_ids)
    out: dict[int, dict[int, int]] = {v: {} for v in ids}
    for (variant_id, wh), available in stock_availability(ids, channel=channel, warehouse_ids=warehouse_ids,
                                                           checkout_token=checkout_token, now=now).items():
        out[variant_id][wh] = available
    return out


def reserved_by_others_for(stock_ids: Iterable[int], *, checkout_token: str | None = None,
                           now=None) -> dict[int, int]:
    """Live reservations per stock id, excluding those of `checkout_token` (its own)."""
    qs = Reservation.objects.filter(stock_id__in=list(stock_ids), expires_at__gt=now or timezone.now())
    if checkout_token:
        qs = qs.exclude(checkout_token=str(checkout_token))
    return dict(qs.values("stock_id").annotate(s=Sum("quantity_reserved")).values_list("stock_id", "s"))
