"""Low-stock thresholds per variant × warehouse, the restock list, and the alert e-mail (once per
crossing below the threshold, queued with transaction.on_commit)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.db.models import F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import LowStockThreshold, Stock
from .primitives import check_qty, ensure_variant, ensure_warehouse
from .tasks import low_stock_alert_task


def _level(stock: Stock) -> int:
    return stock.quantity - stock.quantity_allocated


def check_low_stock(stocks: Sequence[Stock]) -> None:
    """The stock-change hook (registered in `apps`): run by writers inside their transaction, with the
    changed stocks locked. Marks crossings
    (a conditional update, so only one writer can flip a threshold) and queues one e-mail per crossing.
    Stocks from `locks.lock_stocks*` carry their threshold already, so usually no query is needed."""
    if not stocks:
        return
    rows: list[tuple[int, int, bool, Stock]] = []
    unknown = [s for s in stocks if "low_threshold_id" not in s.__dict__]
    for s in stocks:
        if s.__dict__.get("low_threshold_id") is not None:
            rows.append((s.low_threshold_id, s.low_threshold, s.low_is_below, s))
    if unknown:
        by_key = {(s.product_variant_id, s.warehouse_id): s for s in unknown}
        for row in LowStockThreshold.objects.filter(product_variant_id__in={k[0] for k in by_key},
                                                    warehouse_id__in={k[1] for k in by_key}):
            stock = by_key.get((row.product_variant_id, row.warehouse_id))
            if stock is not None:
                rows.append((row.pk, row.threshold, row.is_below, stock))
    for threshold_id, threshold, is_below, stock in rows:
        below = _level(stock) < threshold
        if below and not is_below:
            changed = LowStockThreshold.objects.filter(pk=threshold_id, is_below=False).update(
                is_below=True, last_alerted_at=timezone.now())
            if changed:
                transaction.on_commit(partial(low_stock_alert_task.delay, threshold_id, _level(stock)))
            stock.low_is_below = True
        elif not below and is_below:
            LowStockThreshold.objects.filter(pk=threshold_id).update(is_below=False)
            stock.low_is_below = False


@transaction.atomic
def threshold_set(*, variant_id: int, warehouse_id: int, threshold: int) -> LowStockThreshold:
    """Create or change a threshold; its state follows the current level (no e-mail on setting)."""
    check_qty(threshold, field="threshold")
    ensure_variant(variant_id)
    ensure_warehouse(warehouse_id)
    stock = Stock.objects.filter(product_variant_id=variant_id, warehouse_id=warehouse_id).first()
    level = _level(stock) if stock else 0
    row, _created = LowStockThreshold.objects.update_or_create(
        product_variant_id=variant_id, warehouse_id=warehouse_id,
        defaults={"threshold": threshold, "is_below": level < threshold})
    return row


def threshold_delete(*, variant_id: int, warehouse_id: int) -> int:
    deleted, _by_model = LowStockThreshold.objects.filter(product_variant_id=variant_id,
                                                          warehouse_id=warehouse_id).delete()
    return deleted


@dataclass(frozen=True)
class RestockItem:
    variant_id: int
    sku: str
    product_name: str
    variant_name: str
    warehouse_id: int
    warehouse_name: str
    quantity: int
    quantity_allocated: int
    available: int
    threshold: int

    @property
    def suggested(self) -> int:
        """Units to bring the available level back to twice the threshold."""
        return max(2 * self.threshold - self.available, 0)


def restock_list(*, warehouse_ids: Sequence[int] | None = None) -> list[RestockItem]:
    """What to restock per location: thresholds whose available level is below the threshold
    (a missing stock row counts as 0). One query."""
    qs = LowStockThreshold.objects.all()
    if warehouse_ids is not None:
        qs = qs.filter(warehouse_id__in=list(warehouse_ids))
    stock_q = Stock.objects.filter(product_variant_id=OuterRef("product_variant_id"),
                                   warehouse_id=OuterRef("warehouse_id"))
    rows = qs.annotate(
        q=_col(stock_q, "quantity"), a=_col(stock_q, "quantity_allocated"),
    ).filter(Q(threshold__gt=F("q") - F("a"))).values(
        "product_variant_id", "product_variant__sku", "product_variant__product__name", "product_variant__name",
        "warehouse_id", "warehouse__name", "q", "a", "threshold",
    ).order_by("warehouse__name", "product_variant__sku")
    return [RestockItem(variant_id=r["product_variant_id"], sku=r["product_variant__sku"],
                        product_name=r["product_variant__product__name"], variant_name=r["product_variant__name"],
                        warehouse_id=r["warehouse_id"], warehouse_name=r["warehouse__name"], quantity=r["q"],
                        quantity_allocated=r["a"], available=r["q"] - r["a"], threshold=r["threshold"])
            for r in rows]


def _col(qs, field: str):
    return Coalesce(Subquery(qs.values(field)[:1], output_field=IntegerField()), Value(0))
