"""Row locks, always taken in primary-key order so two writers can never deadlock (as in Saleor).

Every decision about stock (allocate, hold, move) is made while the stock rows are locked, and the
figures it rests on are read AFTER the lock is granted, in a statement of their own. Under READ
COMMITTED a statement sees what was committed when it started: a `SELECT … FOR UPDATE` that waited
returns the fresh stock row, but any subquery in it (reservations, thresholds) still reads the world
from before the wait — holds just taken would be missed and holds just consumed counted twice. So the
lock statement returns only ids, and a second statement reads the rows with their threshold and
the units other checkouts hold. Every writer of stocks and every hold decision take these locks, so
what the second statement sees cannot change until we commit.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import LowStockThreshold, Reservation, Stock


def held_subquery(now, *, exclude_checkout: str | None = None):
    """Units held per stock (`OuterRef("pk")`) by live reservations, but those of `exclude_checkout`."""
    qs = Reservation.objects.filter(stock_id=OuterRef("pk"), expires_at__gt=now)
    if exclude_checkout:
        qs = qs.exclude(checkout_token=str(exclude_checkout))
    qs = qs.values("stock_id").annotate(s=Sum("quantity_reserved")).values("s")
    return Coalesce(Subquery(qs, output_field=IntegerField()), Value(0))


def _read_locked(ids: list[int], *, reserved_for: str | None | bool = False, now=None) -> dict[int, Stock]:
    if not ids:
        return {}
    threshold = LowStockThreshold.objects.filter(product_variant_id=OuterRef("product_variant_id"),
                                                 warehouse_id=OuterRef("warehouse_id"))
    qs = Stock.objects.filter(pk__in=ids).annotate(low_threshold_id=Subquery(threshold.values("pk")[:1]),
                                                   low_threshold=Subquery(threshold.values("threshold")[:1]),
                                                   low_is_below=Subquery(threshold.values("is_below")[:1]))
    if reserved_for is not False:
        qs = qs.annotate(reserved=held_subquery(now or timezone.now(), exclude_checkout=reserved_for or None))
    return {s.pk: s for s in qs.order_by("pk")}


def _lock(qs: QuerySet[Stock]) -> list[int]:
    return list(qs.select_for_update(of=("self",)).order_by("pk").values_list("pk", flat=True))


def lock_stocks(stock_ids: Iterable[int]) -> dict[int, Stock]:
    """Lock the given stock rows FOR UPDATE in pk order and return them by id (read after the lock)."""
    ids = sorted(set(stock_ids))
    if not ids:
        return {}
    return _read_locked(_lock(Stock.objects.filter(pk__in=ids)))


def lock_stocks_matching(variant_ids: Iterable[int], warehouse_ids: Iterable[int], *,
                         reserved_for: str | None | bool = False, now=None) -> dict[int, Stock]:
    """Lock the stocks of these variants in these warehouses (PostgreSQL takes row locks after the
    ORDER BY, so in pk order), then read them. `reserved_for`: False = don't read reservations;
    None = every live one counts (`stock.reserved`); a checkout token = all but that checkout's own."""
    ids = _lock(Stock.objects.filter(product_variant_id__in=list(variant_ids), warehouse_id__in=list(warehouse_ids)))
    return _read_locked(ids, reserved_for=reserved_for, now=now)

