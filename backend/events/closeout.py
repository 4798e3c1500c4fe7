"""The event close-out: per product, sent − sold − returned − written off − still at the stand = 0,
or the difference to explain (count adjustments, offline sales that found no stock)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass

from django.db.models import Sum

from inventory.models import MovementReason, Stock, StockMovement
from orders.models import OrderLine, OrderStatus

from .models import Event


@dataclass
class CloseOutLine:
    variant_id: int
    sku: str
    name: str
    sent: int = 0
    sold: int = 0
    customer_returns: int = 0
    returned: int = 0
    written_off: int = 0
    remaining: int = 0

    @property
    def difference(self) -> int:
        return self.sent - (self.sold - self.customer_returns) - self.returned - self.written_off - self.remaining


@dataclass
class CloseOut:
    lines: list[CloseOutLine]

    @property
    def balanced(self) -> bool:
        return all(line.difference == 0 for line in self.lines)

    @property
    def remaining_total(self) -> int:
        return sum(line.remaining for line in self.lines)

    def as_dict(self) -> dict:
        return {"balanced": self.balanced,
                "lines": [dict(asdict(line), difference=line.difference) for line in self.lines]}


def event_close_out(event: Event) -> CloseOut:
    moves = defaultdict(lambda: defaultdict(int))
    for row in (StockMovement.objects.filter(warehouse_id=event.warehouse_id)
                .values("product_variant_id", "reason").annotate(q=Sum("quantity"))):
        moves[row["product_variant_id"]][row["reason"]] = row["q"]
    sold = defaultdict(lambda: [0, 0])
    for row in (OrderLine.objects.filter(order__channel_id=event.channel_id, variant__isnull=False)
                .exclude(order__status__in=(OrderStatus.DRAFT, OrderStatus.CANCELED))
                .values("variant_id").annotate(q=Sum("quantity"), r=Sum("quantity_returned"))):
        sold[row["variant_id"]] = [row["q"] or 0, row["r"] or 0]
    remaining = dict(Stock.objects.filter(warehouse_id=event.warehouse_id)
                     .values_list("product_variant_id", "quantity"))
    variant_ids = set(moves) | set(sold) | {v for v, q in remaining.items() if q}
    from catalog.models import ProductVariant

    names = {v.pk: v for v in ProductVariant.objects.filter(pk__in=variant_ids).select_related("product")}
    lines = []
    for vid in sorted(variant_ids):
        m = moves[vid]
        variant = names.get(vid)
        lines.append(CloseOutLine(
            variant_id=vid, sku=variant.sku if variant else "", name=str(variant) if variant else "",
            sent=m.get(MovementReason.TRANSFER_IN, 0) + m.get(MovementReason.RECEIPT, 0),
            sold=sold[vid][0], customer_returns=sold[vid][1],
            returned=-m.get(MovementReason.TRANSFER_OUT, 0), written_off=-m.get(MovementReason.WRITE_OFF, 0),
            remaining=remaining.get(vid, 0)))
    return CloseOut(lines)
