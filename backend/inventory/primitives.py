"""Stock-write primitives shared by every writer module (services, transfers, counts, reservations,
thresholds): argument checks, lookups, and the one function that changes a locked stock's quantity
and writes its ledger row. Nothing here imports a writer module, so writers depend on this one way."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F
from django.utils.translation import gettext as _

from catalog.models import ProductVariant
from channels.models import Channel

from .errors import InsufficientStock, InvalidQuantity, VariantNotFound, WarehouseNotFound
from .models import ChannelWarehouse, Stock, StockMovement, Warehouse


@dataclass(frozen=True)
class Ref:
    """What a movement refers to (an order, transfer, count, …)."""

    type: str = ""
    id: str | int = ""


def check_qty(quantity: int, field: str = "quantity") -> None:
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity <= 0:
        raise InvalidQuantity(field=field)


def user_or_none(user):
    return user if getattr(user, "is_authenticated", False) else None


def apply_movement(stock: Stock, delta: int, reason: str, *, ref: Ref | None = None, user=None,
                   note: str = "") -> StockMovement:
    """Change a locked stock's quantity by `delta` and write the ledger row."""
    if delta == 0:
        raise InvalidQuantity()
    new_qty = stock.quantity + delta
    if new_qty < 0 or new_qty < stock.quantity_allocated:
        raise InsufficientStock(
            [{"variant_id": stock.product_variant_id, "warehouse_id": stock.warehouse_id,
              "available": stock.quantity - stock.quantity_allocated, "requested": -delta}]
        )
    Stock.objects.filter(pk=stock.pk).update(quantity=F("quantity") + delta)
    stock.quantity = new_qty
    ref = ref or Ref()
    return StockMovement.objects.create(
        stock=stock, product_variant_id=stock.product_variant_id, warehouse_id=stock.warehouse_id,
        quantity=delta, balance_after=new_qty, reason=reason, reference_type=ref.type,
        reference_id=str(ref.id), note=note, user=user_or_none(user),
    )


def ensure_variant(variant_id, field: str = "variant") -> int:
    if not isinstance(variant_id, int) or isinstance(variant_id, bool) or \
            not ProductVariant.objects.filter(pk=variant_id).exists():
        raise VariantNotFound(field=field)
    return variant_id


def ensure_warehouse(warehouse_id, field: str = "warehouse") -> int:
    if not isinstance(warehouse_id, int) or isinstance(warehouse_id, bool) or \
            not Warehouse.objects.filter(pk=warehouse_id).exists():
        raise WarehouseNotFound(field=field)
    return warehouse_id


def active_warehouse(pk, field: str) -> Warehouse:
    """The warehouse with this id, refused when unknown or no longer active."""
    wh = Warehouse.objects.filter(pk=pk).first() if isinstance(pk, int) and not isinstance(pk, bool) else None
    if wh is None:
        raise WarehouseNotFound(field=field)
    if not wh.is_active:
        raise WarehouseNotFound(_("Kho / điểm bán đã ngừng hoạt động."), field=field)
    return wh


def stock_get_or_create(*, variant_id: int, warehouse_id: int) -> Stock:
    stock = Stock.objects.filter(product_variant_id=variant_id, warehouse_id=warehouse_id).first()
    if stock is not None:
        return stock
    ensure_variant(variant_id)
    ensure_warehouse(warehouse_id)
    stock, _created = Stock.objects.get_or_create(product_variant_id=variant_id, warehouse_id=warehouse_id)
    return stock


def channel_warehouse_ids(channel: Channel) -> list[int]:
    """The channel's active warehouses in its priority order."""
    return list(
        ChannelWarehouse.objects.filter(channel=channel, warehouse__is_active=True)
        .order_by("sort_order", "pk").values_list("warehouse_id", flat=True)
    )
