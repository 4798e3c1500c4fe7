"""Inventory services: the only writers of Stock. Each runs in one transaction, locks rows in pk
order, computes availability inside the lock, and writes one immutable ledger row per change.

Transfers, counts, reservations and thresholds live in their own modules (`transfers`, `counts`,
`reservations`, `thresholds`) and use the primitives here; availability reads are in `availability`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import ProductVariant
from channels.models import AllocationStrategy, Channel

from .errors import DuplicateLine, InsufficientStock, InvalidQuantity, VariantNotFound, WarehouseNotFound
from .locks import lock_stocks, lock_stocks_matching
from .models import Allocation, ChannelWarehouse, MovementReason, Reservation, Stock, StockMovement, Warehouse


@dataclass(frozen=True)
class Ref:
    """What a movement refers to (an order, transfer, count, …)."""

    type: str = ""
    id: str | int = ""


def _check_qty(quantity: int, field: str = "quantity") -> None:
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity <= 0:
        raise InvalidQuantity(field=field)


def _user_or_none(user):
    return user if getattr(user, "is_authenticated", False) else None


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
        reference_id=str(ref.id), note=note, user=_user_or_none(user),
    )


def _after_change(stocks: Iterable[Stock]) -> None:
    """Hook run inside the transaction after stocks changed: low-stock alerts (queued on commit)."""
    from .thresholds import check_low_stock

    check_low_stock(list(stocks))


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


def stock_get_or_create(*, variant_id: int, warehouse_id: int) -> Stock:
    stock = Stock.objects.filter(product_variant_id=variant_id, warehouse_id=warehouse_id).first()
    if stock is not None:
        return stock
    ensure_variant(variant_id)
    ensure_warehouse(warehouse_id)
    stock, _created = Stock.objects.get_or_create(product_variant_id=variant_id, warehouse_id=warehouse_id)
    return stock


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
    _check_qty(quantity)
    stock = stock_get_or_create(variant_id=variant_id, warehouse_id=warehouse_id)
    locked = lock_stocks([stock.pk])[stock.pk]
    movement = _apply(locked, quantity, reason, ref=ref, user=user, note=note)
    _after_change([locked])
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
        _check_qty(item.quantity, field="lines")
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
            note=note, user=_user_or_none(user)))
    StockMovement.objects.bulk_create(movements)
    _after_change(locked.values())
    return movements


@transaction.atomic
def stock_remove(*, variant_id: int, warehouse_id: int, quantity: int, reason: str, user=None,
                 ref: Ref | None = None, note: str = "") -> StockMovement:
    """Goods leave a warehouse without an allocation (POS sale, write-off, transfer out).

    Only unallocated units can leave (`quantity − quantity_allocated`); checkout reservations are
    soft holds for online buyers and do not stop goods physically leaving the shelf.
    """
    _check_qty(quantity)
    stock = _existing_stock(variant_id, warehouse_id, quantity)
    locked = lock_stocks([stock.pk])[stock.pk]
    movement = _apply(locked, -quantity, reason, ref=ref, user=user, note=note)
    _after_change([locked])
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
    movement = _apply(locked, delta, MovementReason.COUNT_ADJUSTMENT, ref=ref, user=user, note=note)
    _after_change([locked])
    return movement


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


def reserved_by_others_for(stock_ids: Iterable[int], *, checkout_token: str | None = None,
                           now=None) -> dict[int, int]:
    """Active reservations per stock id, excluding those of `checkout_token` (its own)."""
    qs = Reservation.objects.filter(stock_id__in=list(stock_ids), expires_at__gt=now or timezone.now())
    if checkout_token:
        qs = qs.exclude(checkout_token=str(checkout_token))
    return dict(qs.values("stock_id").annotate(s=Sum("quantity_reserved")).values_list("stock_id", "s"))


def plan_by_strategy(lines: Sequence, locked: dict[int, Stock], remaining: dict[int, int], *, strategy: str,
                     priority: dict[int, int]) -> tuple[list[tuple[object, Stock, int]], list[dict]]:
    """Split each line (with .variant_id, .quantity) over the candidate stocks by the channel's strategy:
    prioritize-sorting-order (channel warehouse order) or prioritize-high-stock (most available first).
    Mutates `remaining`; returns (plan, missing)."""
    plan: list[tuple[object, Stock, int]] = []
    missing: list[dict] = []
    for line in lines:
        candidates = [s for s in locked.values() if s.product_variant_id == line.variant_id]
        if strategy == AllocationStrategy.PRIORITIZE_HIGH_STOCK:
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
    return plan, missing


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
        _check_qty(line.quantity)
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
    _after_change(locked[pk] for pk in per_stock)
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
    _check_qty(quantity)
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
        movements.append(_apply(stock, -take, MovementReason.SALE, ref=ref, user=user))
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
    from .availability import stock_availability

    return stock_availability([variant_id], warehouse_ids=[warehouse_id],
                              checkout_token=checkout_token).get((variant_id, warehouse_id), 0)


def available_in_channel(variant_id: int, channel: Channel, *, checkout_token: str | None = None) -> int:
    from .availability import availability_for_variants

    return availability_for_variants([variant_id], channel=channel, checkout_token=checkout_token)[variant_id]


def ledger_drift() -> list[dict]:
    """Stocks whose quantity differs from the sum of their movements (should be none)."""
    from .ledger import ledger_drift as _drift

    return _drift()


def warehouse_get(pk: int) -> Warehouse:
    try:
        return Warehouse.objects.get(pk=pk)
    except (Warehouse.DoesNotExist, ValueError, TypeError):
        raise WarehouseNotFound() from None
