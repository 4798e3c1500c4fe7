"""Inventory services: the only writers of Stock. Each runs in one transaction, locks rows in pk
order, computes availability inside the lock, and writes one immutable ledger row per change.

Transfers, counts, reservations and thresholds live in their own modules (`transfers`, `counts`,
`reservations`, `thresholds`); they and this module write through `primitives` (quantity change +
ledger row), lock through `locks`, plan through `planning`, and after a change call the hooks in
`hooks` (the low-stock check registers there). Availability reads are in `availability`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.utils.translation import gettext as _

from catalog.models import ProductVariant
from channels.models import Channel

from .availability import availability_for_variants, stock_availability
from .errors import DuplicateLine, InsufficientStock, InvalidQuantity, VariantNotFound, WarehouseNotFound
from .hooks import stocks_changed
from .ledger import ledger_drift as ledger_drift
from .locks import lock_stocks, lock_stocks_matching
from .models import Allocation, MovementReason, Reservation, Stock, StockMovement, Warehouse
from .planning import plan_by_strategy
from .primitives import (
    Ref,
    apply_movement,
    channel_warehouse_ids,
    check_qty,
    ensure_variant,
    ensure_warehouse,
    stock_get_or_create,
    user_or_none,
)


def _existing_stock(variant_id: int, warehouse_id: int, quantity: int) -> Stock:
    stock = Stock.objects.filter(product_variant_id=variant_id, warehouse_id=warehouse_id).first()
    if stock is None:
        ensure_variant(variant_id)
        ensure_warehouse(warehouse_id)
        raise InsufficientStock([{"variant_id": variant_id, "warehouse_id": warehouse_id, "available": 0,
                                  "requested": quantity}])
    return stock


@transaction.atomic
def stock_receive(*, variant_id: int, warehouse_id: int, quantity: int, user=None, ref: Ref | None = None,
                  note: str = "", reason: str = MovementReason.RECEIPT) -> StockMovement:
    """Goods arrive at a warehouse (receipt, transfer in, return)."""
    check_qty(quantity)
    stock = stock_get_or_create(variant_id=variant_id, warehouse_id=warehouse_id)
    locked = lock_stocks([stock.pk])[stock.pk]
    movement = apply_movement(locked, quantity, reason, ref=ref, user=user, note=note)
    stocks_changed([locked])
    return movement


@dataclass(frozen=True)
class ReceiptLine:
    variant_id: int
    warehouse_id: int
    quantity: int


@transaction.atomic
def stock_receive_many(*, lines: Sequence[ReceiptLine | tuple[int, int, int]], user=None, ref: Ref | None = None,
                       note: str = "", reason: str = MovementReason.RECEIPT) -> list[StockMovement]:
    """A delivery with many lines (variant, warehouse, quantity) in one transaction and a handful of
    queries: all lines are booked or none."""
    items = [li if isinstance(li, ReceiptLine) else ReceiptLine(*li) for li in lines]
    if not items:
        return []
    keys = set()
    for item in items:
        check_qty(item.quantity, field="lines")
        if (item.variant_id, item.warehouse_id) in keys:
            raise DuplicateLine()
        keys.add((item.variant_id, item.warehouse_id))
    variant_ids = {i.variant_id for i in items}
    warehouse_ids = {i.warehouse_id for i in items}
    if ProductVariant.objects.filter(pk__in=variant_ids).count() != len(variant_ids):
        raise VariantNotFound(field="lines")
    if Warehouse.objects.filter(pk__in=warehouse_ids).count() != len(warehouse_ids):
        raise WarehouseNotFound(field="lines")
    Stock.objects.bulk_create([Stock(product_variant_id=v, warehouse_id=w) for v, w in keys], ignore_conflicts=True)
    ids = {(s.product_variant_id, s.warehouse_id): s.pk for s in Stock.objects.filter(
        product_variant_id__in=variant_ids, warehouse_id__in=warehouse_ids).only("pk", "product_variant_id",
                                                                                  "warehouse_id")}
    locked = lock_stocks(ids[k] for k in keys)
    deltas = {ids[(i.variant_id, i.warehouse_id)]: i.quantity for i in items}
    with connection.cursor() as cur:
        values = ", ".join(["(%s, %s)"] * len(deltas))
        cur.execute(f"UPDATE {Stock._meta.db_table} AS s SET quantity = s.quantity + v.d "  # noqa: S608
                    f"FROM (VALUES {values}) AS v(id, d) WHERE s.id = v.id",
                    [x for pair in deltas.items() for x in pair])
    ref = ref or Ref()
    movements = []
    for pk, delta in deltas.items():
        stock = locked[pk]
        stock.quantity += delta
        movements.append(StockMovement(
            stock=stock, product_variant_id=stock.product_variant_id, warehouse_id=stock.warehouse_id, quantity=delta,
            balance_after=stock.quantity, reason=reason, reference_type=ref.type, reference_id=str(ref.id),
            note=note, user=user_or_none(user)))
    StockMovement.objects.bulk_create(movements)
    for movement in movements:  # listeners of the ledger (e.g. traceability) see every row, as with create()
        post_save.send(sender=StockMovement, instance=movement, created=True, update_fields=None, raw=False,
                       using="default")
    stocks_changed(locked.values())
    return movements


@transaction.atomic
def stock_remove(*, variant_id: int, warehouse_id: int, quantity: int, reason: str, user=None,
                 ref: Ref | None = None, note: str = "") -> StockMovement:
    """Goods leave a warehouse without an allocation (POS sale, write-off, transfer out).

    Only unallocated units can leave (`quantity − quantity_allocated`); checkout reservations are
    soft holds for online buyers and do not stop goods physically leaving the shelf.
    """
    check_qty(quantity)
    stock = _existing_stock(variant_id, warehouse_id, quantity)
    locked = lock_stocks([stock.pk])[stock.pk]
    movement = apply_movement(locked, -quantity, reason, ref=ref, user=user, note=note)
    stocks_changed([locked])
    return movement


def stock_sell(*, variant_id: int, warehouse_id: int, quantity: int, user=None, ref: Ref | None = None,
               note: str = "") -> StockMovement:
    """A sale straight off the shelf (POS/event) without an allocation: a SALE movement."""
    return stock_remove(variant_id=variant_id, warehouse_id=warehouse_id, quantity=quantity,
                        reason=MovementReason.SALE, user=user, ref=ref, note=note)


def stock_write_off(*, variant_id: int, warehouse_id: int, quantity: int, user=None, note: str = "",
                    ref: Ref | None = None) -> StockMovement:
    """Damaged or expired goods destroyed: a WRITE_OFF movement (give the cause in `note`)."""
    return stock_remove(variant_id=variant_id, warehouse_id=warehouse_id, quantity=quantity,
                        reason=MovementReason.WRITE_OFF, user=user, note=note, ref=ref)


@transaction.atomic
def stock_adjust(*, variant_id: int, warehouse_id: int, new_quantity: int, user=None, note: str = "",
                 ref: Ref | None = None) -> StockMovement | None:
    """Set a stock to a counted quantity; writes a count-adjustment movement for the difference."""
    if not isinstance(new_quantity, int) or isinstance(new_quantity, bool) or new_quantity < 0:
        raise InvalidQuantity(_("Số lượng kiểm đếm không được âm."))
    stock = stock_get_or_create(variant_id=variant_id, warehouse_id=warehouse_id)
    locked = lock_stocks([stock.pk])[stock.pk]
    delta = new_quantity - locked.quantity
    if delta == 0:
        return None
    if new_quantity < locked.quantity_allocated:
        raise InsufficientStock(
            [{"variant_id": variant_id, "warehouse_id": warehouse_id, "available": 0, "requested": -delta}],
            message=_("Số lượng mới (%(new)s) nhỏ hơn số đã phân bổ cho đơn hàng (%(alloc)s).")
            % {"new": new_quantity, "alloc": locked.quantity_allocated},
        )
    movement = apply_movement(locked, delta, MovementReason.COUNT_ADJUSTMENT, ref=ref, user=user, note=note)
    stocks_changed([locked])
    return movement


@dataclass
class LineRequest:
    order_line_id: int
    variant_id: int
    quantity: int


@transaction.atomic
def stock_allocate(*, lines: Sequence[LineRequest], channel: Channel, warehouse_ids: Sequence[int] | None = None,
                   reserved_by_others: dict[tuple[int, int], int] | None = None,
                   checkout_token: str | None = None) -> list[Allocation]:
    """Allocate order lines to stocks of the channel's warehouses (or the given ones, e.g. a
    collection point), by the channel's strategy. All or nothing: InsufficientStock writes nothing.

    Other checkouts' active reservations are not available to this order. With `checkout_token`, the
    order may use its own checkout's reservations, which are consumed (deleted) on success.
    `reserved_by_others` (legacy) maps (variant_id, warehouse_id) → held quantity and, when given,
    replaces the reservations read from the database.
    """
    for line in lines:
        check_qty(line.quantity)
    order = list(warehouse_ids) if warehouse_ids is not None else channel_warehouse_ids(channel)
    priority = {wid: i for i, wid in enumerate(order)}
    variant_ids = {line.variant_id for line in lines}
    # one query: lock in pk order, with others' reservations; availability is computed inside the lock
    locked = lock_stocks_matching(variant_ids, order,
                                  reserved_for=False if reserved_by_others is not None else (checkout_token or None))
    if reserved_by_others is not None:
        held = {s.pk: reserved_by_others.get((s.product_variant_id, s.warehouse_id), 0) for s in locked.values()}
    else:
        held = {s.pk: s.reserved for s in locked.values()}
    remaining = {s.pk: s.quantity - s.quantity_allocated - held.get(s.pk, 0) for s in locked.values()}
    plan, missing = plan_by_strategy(lines, locked, remaining, strategy=channel.allocation_strategy,
                                     priority=priority)
    if missing:
        raise InsufficientStock(missing)
    takes: dict[tuple[int, int], int] = {}
    per_stock: dict[int, int] = {}
    for line, stock, take in plan:
        takes[(line.order_line_id, stock.pk)] = takes.get((line.order_line_id, stock.pk), 0) + take
        per_stock[stock.pk] = per_stock.get(stock.pk, 0) + take
    for pk, take in per_stock.items():
        Stock.objects.filter(pk=pk).update(quantity_allocated=F("quantity_allocated") + take)
        locked[pk].quantity_allocated += take
    allocations = _upsert_allocations(takes)
    if checkout_token:
        Reservation.objects.filter(checkout_token=str(checkout_token)).delete()
    stocks_changed(locked[pk] for pk in per_stock)
    return allocations


def _upsert_allocations(takes: dict[tuple[int, int], int]) -> list[Allocation]:
    """Add quantities to (order_line, stock) allocations, creating them as needed: one statement."""
    if not takes:
        return []
    table = Allocation._meta.db_table
    values = ", ".join(["(%s, %s, %s)"] * len(takes))
    params = [x for (line_id, stock_id), q in takes.items() for x in (line_id, stock_id, q)]
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {table} (order_line_id, stock_id, quantity_allocated) VALUES {values} "  # noqa: S608
            f"ON CONFLICT (order_line_id, stock_id) DO UPDATE SET quantity_allocated = "
            f"{table}.quantity_allocated + EXCLUDED.quantity_allocated "
            f"RETURNING id, order_line_id, stock_id, quantity_allocated", params)
        rows = cur.fetchall()
    return [Allocation(pk=pk, order_line_id=line_id, stock_id=stock_id, quantity_allocated=q)
            for pk, line_id, stock_id, q in rows]


@transaction.atomic
def stock_deallocate(*, order_line_ids: Sequence[int]) -> int:
    """Release every allocation of the given order lines; returns the units released."""
    allocs = list(Allocation.objects.filter(order_line_id__in=order_line_ids, quantity_allocated__gt=0))
    locked = lock_stocks([a.stock_id for a in allocs])
    # Re-read under the lock: a concurrent fulfilment may have consumed part of an allocation.
    allocs = list(Allocation.objects.filter(pk__in=[a.pk for a in allocs], quantity_allocated__gt=0))
    released = 0
    for alloc in allocs:
        stock = locked[alloc.stock_id]
        Stock.objects.filter(pk=stock.pk).update(quantity_allocated=F("quantity_allocated") - alloc.quantity_allocated)
        stock.quantity_allocated -= alloc.quantity_allocated
        released += alloc.quantity_allocated
    Allocation.objects.filter(pk__in=[a.pk for a in allocs]).update(quantity_allocated=0)
    return released


@transaction.atomic
def stock_fulfil(*, order_line_id: int, quantity: int, warehouse_id: int | None = None, user=None,
                 ref: Ref | None = None) -> list[StockMovement]:
    """Goods of an allocated order line leave the warehouse: decrease allocation and quantity."""
    check_qty(quantity)
    allocs = Allocation.objects.filter(order_line_id=order_line_id, quantity_allocated__gt=0)
    if warehouse_id is not None:
        allocs = allocs.filter(stock__warehouse_id=warehouse_id)
    stock_ids = list(allocs.values_list("stock_id", flat=True))
    locked = lock_stocks(stock_ids)
    allocs = list(allocs.order_by("pk"))  # read under the lock
    if sum(a.quantity_allocated for a in allocs) < quantity:
        raise InsufficientStock(message=_("Số lượng giao vượt quá số đã phân bổ."))
    movements, need = [], quantity
    for alloc in allocs:
        take = min(need, alloc.quantity_allocated)
        stock = locked[alloc.stock_id]
        Stock.objects.filter(pk=stock.pk).update(quantity_allocated=F("quantity_allocated") - take)
        stock.quantity_allocated -= take
        Allocation.objects.filter(pk=alloc.pk).update(quantity_allocated=F("quantity_allocated") - take)
        movements.append(apply_movement(stock, -take, MovementReason.SALE, ref=ref, user=user))
        need -= take
        if need == 0:
            break
    return movements


def stock_return(*, variant_id: int, warehouse_id: int, quantity: int, user=None, ref: Ref | None = None,
                 note: str = "") -> StockMovement:
    """A customer returns goods to a warehouse: a RETURN movement."""
    return stock_receive(variant_id=variant_id, warehouse_id=warehouse_id, quantity=quantity, user=user,
                         ref=ref, note=note, reason=MovementReason.RETURN)


def available_in_warehouse(variant_id: int, warehouse_id: int, *, checkout_token: str | None = None) -> int:
    """Units a buyer can take here: quantity − allocated − others' active reservations."""
    return stock_availability([variant_id], warehouse_ids=[warehouse_id],
                              checkout_token=checkout_token).get((variant_id, warehouse_id), 0)


def available_in_channel(variant_id: int, channel: Channel, *, checkout_token: str | None = None) -> int:
    return availability_for_variants([variant_id], channel=channel, checkout_token=checkout_token)[variant_id]


def warehouse_get(pk: int) -> Warehouse:
    try:
        return Warehouse.objects.get(pk=pk)
    except (Warehouse.DoesNotExist, ValueError, TypeError):
        raise WarehouseNotFound() from None
