"""Row locks, always taken in primary-key order so two writers can never deadlock (as in Saleor)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from .models import Stock


def lock_stocks(stock_ids: Iterable[int]) -> dict[int, Stock]:
    """Lock the given stock rows FOR UPDATE in pk order and return them by id (materialised)."""
    ids = sorted(set(stock_ids))
    if not ids:
        return {}
    rows = list(Stock.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    return {s.pk: s for s in rows}


def stocks_for_variants(variant_ids: Iterable[int], warehouse_ids: Iterable[int] | None = None) -> QuerySet[Stock]:
    qs = Stock.objects.filter(product_variant_id__in=list(variant_ids))
    if warehouse_ids is not None:
        qs = qs.filter(warehouse_id__in=list(warehouse_ids))
    return qs


def lock_stocks_matching(variant_ids: Iterable[int], warehouse_ids: Iterable[int]) -> dict[int, Stock]:
    """Lock, in one query, the stocks of these variants in these warehouses. PostgreSQL takes row locks
    after the ORDER BY (LockRows sits above Sort), so they are still acquired in pk order."""
    rows = list(Stock.objects.select_for_update()
                .filter(product_variant_id__in=list(variant_ids), warehouse_id__in=list(warehouse_ids))
                .order_by("pk"))
    return {s.pk: s for s in rows}
