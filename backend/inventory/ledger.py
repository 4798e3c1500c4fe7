"""Checks of the ledger invariant: Stock.quantity == sum(movements), allocations agree."""

from __future__ import annotations

from django.db.models import F, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from .models import Allocation, Stock, StockMovement


def _sum_of(model, field: str):
    qs = model.objects.filter(stock_id=OuterRef("pk")).values("stock_id").annotate(s=Sum(field)).values("s")
    return Coalesce(Subquery(qs, output_field=IntegerField()), Value(0))


def ledger_drift(stock_ids: list[int] | None = None) -> list[dict]:
    """Stocks whose quantity differs from the sum of their movements, or whose quantity_allocated
    differs from the sum of their allocations. One query; an empty list means the books agree."""
    qs = Stock.objects.all()
    if stock_ids is not None:
        qs = qs.filter(pk__in=stock_ids)
    rows = (
        qs.annotate(ledger=_sum_of(StockMovement, "quantity"), allocated=_sum_of(Allocation, "quantity_allocated"))
        .filter(~Q(quantity=F("ledger")) | ~Q(quantity_allocated=F("allocated")))
        .values("pk", "product_variant_id", "warehouse_id", "quantity", "ledger", "quantity_allocated", "allocated")
        .order_by("pk")
    )
    return [
        {"stock_id": r["pk"], "variant_id": r["product_variant_id"], "warehouse_id": r["warehouse_id"],
         "quantity": r["quantity"], "ledger": r["ledger"], "quantity_allocated": r["quantity_allocated"],
         "allocations": r["allocated"]}
        for r in rows
    ]

