"""Inventory services: the only writers of Stock. Each runs in one transaction, locks rows in pk
order, computes availability inside the lock, and writes one immutable ledger row per change."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Sum
from django.utils.translation import gettext as _

from channels.models import AllocationStrategy, Channel
from core.errors import DomainError

from .errors import InsufficientStock, InvalidQuantity
from .locks import lock_stocks
from .models import Allocation, ChannelWarehouse, MovementReason, Stock, StockMovement, Warehouse


@dataclass(frozen=True)
class Ref:
    """What a movement refers to (an order, transfer, count, …)."""

    type: str = ""
    id: str | int = ""


def _check_qty(quantity: int, field: str = "quantity") -> None:
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity <= 0:
        raise InvalidQuantity(field=field)


def _apply(stock: Stock, delta: int, reason: str, *, ref: Ref | None = None, user=None, note: str = "") -> StockMovement:
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
        reference_id=str(ref.id), note=note, user=user if getattr(user, "is_authenticated", False) else None,
    )


def stock_get_or_create(*, variant_id: int, warehouse_id: int) -> Stock:
    stock, _created = Stock.objects.get_or_create(product_variant_id=variant_id, warehouse_id=warehouse_id)
    return stock


@transaction.atomic
def stock_receive(*, variant_id: int, warehouse_id: int, quantity: int, user=None, ref: Ref | None = None,
                  note: str = "", reason: str = MovementReason.RECEIPT) -> StockMovement:
    """Goods arrive at a warehouse (receipt, transfer in, return)."""
    _check_qty(quantity)
    stock = stock_get_or_create(variant_id=variant_id, warehouse_id=warehouse_id)
    locked = lock_stocks([stock.pk])[stock.pk]
    return _apply(locked, quantity, reason, ref=ref, user=user, note=note)


@transaction.atomic
def stock_remove(*, variant_id: int, warehouse_id: int, quantity: int, reason: str, user=None,
                 ref: Ref | None = None, note: str = "") -> StockMovement:
    """Goods leave a warehouse without an allocation (POS sale, write-off, transfer out)."""
    _check_qty(quantity)
    stock = Stock.objects.filter(product_variant_id=variant_id, warehouse_id=warehouse_id).first()
    if stock is None:
        raise InsufficientStock([{"variant_id": variant_id, "warehouse_id": warehouse_id, "available": 0,
                                  "requested": quantity}])
    locked = lock_stocks([stock.pk])[stock.pk]
    return _apply(locked, -quantity, reason, ref=ref, user=user, note=note)


def stock_write_off(*, variant_id: int, warehouse_id: int, quantity: int, user=None, note: str = "",
                    ref: Ref | None = None) -> StockMovement:
    return stock_remove(variant_id=variant_id, warehouse_id=warehouse_id, quantity=quantity,
                        reason=MovementReason.WRITE_OFF, user=user, note=note, ref=ref)


@transaction.atomic
def stock_adjust(*, variant_id: int, warehouse_id: int, new_quantity: int, user=None, note: str = "",
                 ref: Ref | None = None) -> StockMovement | None:
    """Set a stock to a counted quantity; writes a count-adjustment movement for the difference."""
    if not isinstance(new_quantity, int) or new_quantity < 0:
        raise InvalidQuantity(_("Số lượng kiểm đếm không được âm."))
    stock = stock_get_or_create(variant_id=variant_id, warehouse_id=warehouse_id)
    locked = lock_stocks([stock.pk])[stock.pk]
    delta = new_quantity - locked.quantity
    if delta == 0:
        return None
    return _apply(locked, delta, MovementReason.COUNT_ADJUSTMENT, ref=ref, user=user, note=note)


def channel_warehouse_ids(channel: Channel) -> list[int]:
    return list(
        ChannelWarehouse.objects.filter(channel=channel, warehouse__is_active=True)
        .order_by("sort_order", "pk").values_list("warehouse_id", flat=True)
    )


@dataclass
class LineRequest:
    order_line_id: int
    variant_id: int
    quantity: int


@transaction.atomic
def stock_allocate(*, lines: Sequence[LineRequest], channel: Channel, warehouse_ids: Sequence[int] | None = None,
                   reserved_by_others: dict[tuple[int, int], int] | None = None) -> list[Allocation]:
    """Allocate order lines to stocks of the channel's warehouses (or the given ones, e.g. a
    collection point), by the channel's strategy. All or nothing: InsufficientStock writes nothing.

    `reserved_by_others` maps (variant_id, warehouse_id) → quantity held by other checkouts'
    reservations, which is not available to this order.
    """
    for line in lines:
        _check_qty(line.quantity)
    order = list(warehouse_ids) if warehouse_ids is not None else channel_warehouse_ids(channel)
    priority = {wid: i for i, wid in enumerate(order)}
    variant_ids = {line.variant_id for line in lines}
    stock_ids = list(Stock.objects.filter(product_variant_id__in=variant_ids, warehouse_id__in=order)
                     .values_list("pk", flat=True))
    locked = lock_stocks(stock_ids)  # materialised dict: reused below, availability computed inside the lock
    reserved = reserved_by_others or {}
    remaining = {s.pk: s.quantity - s.quantity_allocated - reserved.get((s.product_variant_id, s.warehouse_id), 0)
                 for s in locked.values()}
    plan: list[tuple[LineRequest, Stock, int]] = []
    missing: list[dict] = []
    for line in lines:
        candidates = [s for s in locked.values() if s.product_variant_id == line.variant_id]
        if channel.allocation_strategy == AllocationStrategy.PRIORITIZE_HIGH_STOCK:
            candidates.sort(key=lambda s: (-remaining[s.pk], priority[s.warehouse_id], s.pk))
        else:
            candidates.sort(key=lambda s: (priority[s.warehouse_id], s.pk))
        need = line.quantity
        for stock in candidates:
            take = min(need, max(remaining[stock.pk], 0))
            if take > 0:
                plan.append((line, stock, take))
                remaining[stock.pk] -= take
                need -= take
            if need == 0:
                break
        if need > 0:
            missing.append({"variant_id": line.variant_id, "requested": line.quantity,
                            "available": line.quantity - need})
    if missing:
        raise InsufficientStock(missing)
    allocations = []
    for line, stock, take in plan:
        Stock.objects.filter(pk=stock.pk).update(quantity_allocated=F("quantity_allocated") + take)
        stock.quantity_allocated += take
        alloc, created = Allocation.objects.get_or_create(order_line_id=line.order_line_id, stock=stock,
                                                          defaults={"quantity_allocated": take})
        if not created:
            Allocation.objects.filter(pk=alloc.pk).update(quantity_allocated=F("quantity_allocated") + take)
        allocations.append(alloc)
    return allocations


@transaction.atomic
def stock_deallocate(*, order_line_ids: Sequence[int]) -> int:
    """Release every allocation of the given order lines; returns the units released."""
    allocs = list(Allocation.objects.filter(order_line_id__in=order_line_ids, quantity_allocated__gt=0))
    locked = lock_stocks([a.stock_id for a in allocs])
    released = 0
    for alloc in allocs:
        stock = locked[alloc.stock_id]
        Stock.objects.filter(pk=stock.pk).update(quantity_allocated=F("quantity_allocated") - alloc.quantity_allocated)
        released += alloc.quantity_allocated
    Allocation.objects.filter(pk__in=[a.pk for a in allocs]).update(quantity_allocated=0)
    return released


@transaction.atomic
def stock_fulfil(*, order_line_id: int, quantity: int, warehouse_id: int | None = None, user=None,
                 ref: Ref | None = None) -> list[StockMovement]:
    """Goods of an allocated order line leave the warehouse: decrease allocation and quantity."""
    _check_qty(quantity)
    allocs = Allocation.objects.filter(order_line_id=order_line_id, quantity_allocated__gt=0)
    if warehouse_id is not None:
        allocs = allocs.filter(stock__warehouse_id=warehouse_id)
    allocs = list(allocs.order_by("pk"))
    locked = lock_stocks([a.stock_id for a in allocs])
    if sum(a.quantity_allocated for a in allocs) < quantity:
        raise InsufficientStock(message=_("Số lượng giao vượt quá số đã phân bổ."))
    movements, need = [], quantity
    for alloc in allocs:
        take = min(need, alloc.quantity_allocated)
        stock = locked[alloc.stock_id]
        Stock.objects.filter(pk=stock.pk).update(quantity_allocated=F("quantity_allocated") - take)
        stock.quantity_allocated -= take
        Allocation.objects.filter(pk=alloc.pk).update(quantity_allocated=F("quantity_allocated") - take)
        movements.append(_apply(stock, -take, MovementReason.SALE, ref=ref, user=user))
        need -= take
        if need == 0:
            break
    return movements


def stock_return(*, variant_id: int, warehouse_id: int, quantity: int, user=None, ref: Ref | None = None,
                 note: str = "") -> StockMovement:
    return stock_receive(variant_id=variant_id, warehouse_id=warehouse_id, quantity=quantity, user=user,
                         ref=ref, note=note, reason=MovementReason.RETURN)


def available_in_warehouse(variant_id: int, warehouse_id: int) -> int:
    row = Stock.objects.filter(product_variant_id=variant_id, warehouse_id=warehouse_id).values(
        "quantity", "quantity_allocated").first()
    return max(row["quantity"] - row["quantity_allocated"], 0) if row else 0


def available_in_channel(variant_id: int, channel: Channel) -> int:
    agg = Stock.objects.filter(product_variant_id=variant_id, warehouse__channelwarehouse__channel=channel,
                               warehouse__is_active=True).aggregate(q=Sum("quantity"), a=Sum("quantity_allocated"))
    return max((agg["q"] or 0) - (agg["a"] or 0), 0)


def ledger_drift() -> list[dict]:
    """Stocks whose quantity differs from the sum of their movements (should be none)."""
    sums = dict(StockMovement.objects.values("stock_id").annotate(s=Sum("quantity")).values_list("stock_id", "s"))
    drift = []
    for stock in Stock.objects.only("pk", "quantity", "product_variant_id", "warehouse_id"):
        if stock.quantity != sums.get(stock.pk, 0):
            drift.append({"stock_id": stock.pk, "variant_id": stock.product_variant_id,
                          "warehouse_id": stock.warehouse_id, "quantity": stock.quantity,
                          "ledger": sums.get(stock.pk, 0)})
    return drift


def warehouse_get(pk: int) -> Warehouse:
    try:
        return Warehouse.objects.get(pk=pk)
    except Warehouse.DoesNotExist:
        raise DomainError(_("Không tìm thấy kho."), field="warehouse", code="NOT_FOUND") from None
