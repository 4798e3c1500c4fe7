"""What the producer's stock page shows: their stock grouped by product (search by name or SKU, filter
by place) and the low-stock alerts for their goods, wherever a threshold is set."""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog.models import ProductVariant
from core.text import fold
from inventory.thresholds import RestockItem, restock_list
from producers.models import Producer

from .stock import StockRow, own_warehouses, stock_rows


@dataclass
class VariantStock:
    variant_id: int
    variant_name: str
    sku: str
    rows: list[StockRow] = field(default_factory=list)

    @property
    def quantity(self) -> int:
        return sum(r.quantity for r in self.rows)


@dataclass
class ProductStock:
    product_name: str
    variants: list[VariantStock] = field(default_factory=list)

    @property
    def quantity(self) -> int:
        return sum(v.quantity for v in self.variants)

    @property
    def places(self) -> int:
        return len({r.warehouse_id for v in self.variants for r in v.rows})


def stock_places(rows: list[StockRow]) -> list[tuple[int, str]]:
    """The places holding the producer's goods, for the place filter."""
    return sorted({(r.warehouse_id, r.warehouse_name) for r in rows}, key=lambda p: p[1])


def stock_by_product(rows: list[StockRow], *, query: str = "", warehouse_id: int | None = None) -> list[ProductStock]:
    words = fold(query).split()
    products: dict[str, ProductStock] = {}
    for r in sorted(rows, key=lambda r: (r.product_name, r.sku, r.warehouse_name)):
        if warehouse_id is not None and r.warehouse_id != warehouse_id:
            continue
        if words and not all(w in fold(f"{r.product_name} {r.variant_name} {r.sku}") for w in words):
            continue
        product = products.setdefault(r.product_name, ProductStock(r.product_name))
        variant = next((v for v in product.variants if v.variant_id == r.variant_id), None)
        if variant is None:
            variant = VariantStock(r.variant_id, r.variant_name, r.sku)
            product.variants.append(variant)
        variant.rows.append(r)
    return list(products.values())


def low_stock_alerts(producer: Producer, rows: list[StockRow] | None = None) -> list[RestockItem]:
    """Thresholds under which the producer's goods have fallen, at their stores and at showrooms."""
    rows = stock_rows(producer) if rows is None else rows
    variant_ids = set(ProductVariant.objects.filter(product__producer=producer).values_list("pk", flat=True))
    warehouse_ids = sorted({r.warehouse_id for r in rows} | {w.pk for w in own_warehouses(producer)})
    return [item for item in restock_list(warehouse_ids=warehouse_ids) if item.variant_id in variant_ids]
