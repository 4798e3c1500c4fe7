"""Row locks, always taken in primary-key order so two writers can never deadlock (as in Saleor).

The locking query also brings, per stock, its low-stock threshold (id, level, state) and — when asked —
the units held by other checkouts' active reservations, so the services need no further reads while
they hold the locks.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import LowStockThreshold, Reservation, Stock


def _with_extras(qs: QuerySet[Stock], *, reserved_for: str | None | bool = False, now=None) -> QuerySet[Stock]:
    threshold = LowStockThreshold.objects.filter(product_variant_id=OuterRef("product_variant_id"),
                                                 warehouse_id=OuterRef("warehouse_id"))
    qs = qs.annotate(low_threshold_id=Subquery(threshold.values("pk")[:1]),
                     low_threshold=Subquery(threshold.values("threshold")[:1]),
                     low_is_below=Subquery(threshold.values("is_below")[:1]))
    if reserved_for is not False:
        held = Reservation.objects.filter(stock_id=OuterRef("pk"), expires_at__gt=now or timezone.now())
        if reserved_for:
            held = held.exclude(checkout_token=str(reserved_for))
        held = held.values("stock_id").annotate(s=Sum("quantity_reserved")).values("s")
        qs = qs.annotate(reserved=Coalesce(Subquery(held, output_field=IntegerField()), Value(0)))
    return qs


def lock_stocks(stock_ids: Iterable[int]) -> dict[int, Stock]:
    """Lock the given stock rows FOR UPDATE in pk order and return them by id (materialised)."""
    ids = sorted(set(stock_ids))
    if not ids:
        return {}
    rows = list(_with_extras(Stock.objects.select_for_update(of=("self",)).filter(pk__in=ids)).order_by("pk"))
    return {s.pk: s for s in rows}


def lock_stocks_matching(variant_ids: Iterable[int], warehouse_ids: Iterable[int], *,
                         reserved_for: str | None | bool = False, now=None) -> dict[int, Stock]:
    """Lock, in one query, the stocks of these variants in these warehouses. PostgreSQL takes row locks
    after the ORDER BY (LockRows sits above Sort), so they are still acquired in pk order.
    `reserved_for`: False = don't read reservations; None = every active one counts (`stock.reserved`);
    a checkout token = all but that checkout's own."""
    qs = Stock.objects.select_for_update(of=("self",)).filter(product_variant_id__in=list(variant_ids),
                                                               warehouse_id__in=list(warehouse_ids))
    rows = list(_with_extras(qs, reserved_for=reserved_for, now=now).order_by("pk"))
    return {s.pk: s for s in rows}


def stocks_for_variants(variant_ids: Iterable[int], warehouse_ids: Iterable[int] | None = None) -> QuerySet[Stock]:
    qs = Stock.objects.filter(product_variant_id__in=list(variant_ids))
    if warehouse_ids is not None:
        qs = qs.filter(warehouse_id__in=list(warehouse_ids))
    return qs
