"""Ledger services: every reason, references and user, typed errors, all-or-nothing, strategies."""

from __future__ import annotations

import pytest

from channels.models import AllocationStrategy
from inventory.errors import InsufficientStock, InvalidQuantity, VariantNotFound, WarehouseNotFound
from inventory.ledger import ledger_drift
from inventory.models import Allocation, MovementReason, Stock, StockMovement
from inventory.services import (
    LineRequest,
    Ref,
    available_in_channel,
    available_in_warehouse,
    stock_adjust,
    stock_allocate,
    stock_deallocate,
    stock_fulfil,
    stock_receive,
    stock_remove,
    stock_return,
    stock_sell,
    stock_write_off,
)
from tests.factories import make_user
from tests.factories.inventory import make_order_line, make_stocked_variant
from tests.inventory.conftest import snapshot

pytestmark = pytest.mark.django_db


def test_every_reason_writes_a_ledger_row_with_reference_and_user(channel, two_warehouses):
    a, _b = two_warehouses
    user = make_user()
    variant = make_stocked_variant(channel, {})
    stock_receive(variant_id=variant.pk, warehouse_id=a.pk, quantity=20, user=user, ref=Ref("purchase", "PN-1"))
    stock_sell(variant_id=variant.pk, warehouse_id=a.pk, quantity=2, user=user, ref=Ref("pos_sale", 7))
    stock_return(variant_id=variant.pk, warehouse_id=a.pk, quantity=1, user=user, ref=Ref("order", 9))
    stock_write_off(variant_id=variant.pk, warehouse_id=a.pk, quantity=3, user=user, note="hết hạn")
    stock_adjust(variant_id=variant.pk, warehouse_id=a.pk, new_quantity=15, user=user, ref=Ref("stock_count", 1))
    line = make_order_line(channel, variant, 2)
    stock_allocate(lines=[LineRequest(line.pk, variant.pk, 2)], channel=channel)
    stock_fulfil(order_line_id=line.pk, quantity=2, user=user, ref=Ref("order", line.order_id))
    moves = list(StockMovement.objects.filter(product_variant=variant).order_by("pk"))
    assert [(m.reason, m.quantity, m.balance_after) for m in moves] == [
        (MovementReason.RECEIPT, 20, 20), (MovementReason.SALE, -2, 18), (MovementReason.RETURN, 1, 19),
        (MovementReason.WRITE_OFF, -3, 16), (MovementReason.COUNT_ADJUSTMENT, -1, 15), (MovementReason.SALE, -2, 13),
    ]
    assert all(m.user_id == user.pk for m in moves)
    assert (moves[0].reference_type, moves[0].reference_id) == ("purchase", "PN-1")
    assert moves[3].note == "hết hạn"
    stock = Stock.objects.get(product_variant=variant, warehouse=a)
    assert (stock.quantity, stock.quantity_allocated) == (13, 0)
    assert ledger_drift() == []


def test_adjust_to_same_quantity_writes_nothing(channel, two_warehouses):
    a, _b = two_warehouses
    variant = make_stocked_variant(channel, {a: 5})
    assert stock_adjust(variant_id=variant.pk, warehouse_id=a.pk, new_quantity=5) is None
    assert StockMovement.objects.filter(product_variant=variant).count() == 1


@pytest.mark.parametrize("bad", [0, -3, 1.5, True, "2", None])
def test_bad_quantities_raise_and_change_nothing(channel, two_warehouses, bad):
    a, _b = two_warehouses
    variant = make_stocked_variant(channel, {a: 5})
    before = snapshot()
    for call in (
        lambda: stock_receive(variant_id=variant.pk, warehouse_id=a.pk, quantity=bad),
        lambda: stock_remove(variant_id=variant.pk, warehouse_id=a.pk, quantity=bad, reason=MovementReason.SALE),
        lambda: stock_write_off(variant_id=variant.pk, warehouse_id=a.pk, quantity=bad),
        lambda: stock_allocate(lines=[LineRequest(1, variant.pk, bad)], channel=channel),
    ):
        with pytest.raises(InvalidQuantity) as exc:
            call()
        assert exc.value.field == "quantity"
    assert snapshot() == before


def test_unknown_variant_or_warehouse(channel, two_warehouses):
    a, _b = two_warehouses
    variant = make_stocked_variant(channel, {a: 5})
    before = snapshot()
    with pytest.raises(VariantNotFound):
        stock_receive(variant_id=999_999, warehouse_id=a.pk, quantity=1)
    with pytest.raises(WarehouseNotFound):
        stock_receive(variant_id=variant.pk, warehouse_id=999_999, quantity=1)
    with pytest.raises(WarehouseNotFound):
        stock_write_off(variant_id=variant.pk, warehouse_id=999_999, quantity=1)
    with pytest.raises(VariantNotFound):
        stock_adjust(variant_id=999_999, warehouse_id=a.pk, new_quantity=1)
    assert snapshot() == before


def test_removing_more_than_unallocated_is_refused(channel, two_warehouses):
    a, _b = two_warehouses
    variant = make_stocked_variant(channel, {a: 5})
    line = make_order_line(channel, variant, 3)
    stock_allocate(lines=[LineRequest(line.pk, variant.pk, 3)], channel=channel)
    before = snapshot()
    with pytest.raises(InsufficientStock) as exc:
        stock_sell(variant_id=variant.pk, warehouse_id=a.pk, quantity=3)
    assert exc.value.items[0]["available"] == 2
    with pytest.raises(InsufficientStock):
        stock_adjust(variant_id=variant.pk, warehouse_id=a.pk, new_quantity=2)
    assert snapshot() == before


def test_allocation_is_all_or_nothing(channel, two_warehouses):
    a, b = two_warehouses
    v1 = make_stocked_variant(channel, {a: 5})
    v2 = make_stocked_variant(channel, {b: 1})
    l1, l2 = make_order_line(channel, v1, 2), make_order_line(channel, v2, 2)
    before = snapshot()
    with pytest.raises(InsufficientStock) as exc:
        stock_allocate(lines=[LineRequest(l1.pk, v1.pk, 2), LineRequest(l2.pk, v2.pk, 2)], channel=channel)
    assert exc.value.items == [{"variant_id": v2.pk, "requested": 2, "available": 1}]
    assert snapshot() == before


def _alloc_split(channel, variant, quantity):
    line = make_order_line(channel, variant, quantity)
    stock_allocate(lines=[LineRequest(line.pk, variant.pk, quantity)], channel=channel)
    return {a.stock.warehouse_id: a.quantity_allocated
            for a in Allocation.objects.filter(order_line=line).select_related("stock")}


def test_prioritize_sorting_order_takes_first_warehouse_first(channel, two_warehouses):
    a, b = two_warehouses
    channel.allocation_strategy = AllocationStrategy.PRIORITIZE_SORTING_ORDER
    channel.save()
    variant = make_stocked_variant(channel, {a: 3, b: 10})
    assert _alloc_split(channel, variant, 2) == {a.pk: 2}
    assert _alloc_split(channel, variant, 4) == {a.pk: 1, b.pk: 3}


def test_prioritize_high_stock_takes_fullest_warehouse_first(channel, two_warehouses):
    a, b = two_warehouses
    channel.allocation_strategy = AllocationStrategy.PRIORITIZE_HIGH_STOCK
    channel.save()
    variant = make_stocked_variant(channel, {a: 3, b: 10})
    assert _alloc_split(channel, variant, 2) == {b.pk: 2}
    assert _alloc_split(channel, variant, 9) == {b.pk: 8, a.pk: 1}


def test_allocation_skips_inactive_and_other_channel_warehouses(channel, two_warehouses):
    from tests.factories import make_warehouse

    a, b = two_warehouses
    other = make_warehouse()
    variant = make_stocked_variant(channel, {a: 2, b: 2, other: 50})
    b.is_active = False
    b.save()
    assert available_in_channel(variant.pk, channel) == 2
    line = make_order_line(channel, variant, 3)
    with pytest.raises(InsufficientStock):
        stock_allocate(lines=[LineRequest(line.pk, variant.pk, 3)], channel=channel)


def test_deallocate_and_fulfil(channel, two_warehouses):
    a, b = two_warehouses
    variant = make_stocked_variant(channel, {a: 1, b: 5})
    line = make_order_line(channel, variant, 4)
    stock_allocate(lines=[LineRequest(line.pk, variant.pk, 4)], channel=channel)
    assert available_in_warehouse(variant.pk, a.pk) == 0
    assert available_in_warehouse(variant.pk, b.pk) == 2
    with pytest.raises(InsufficientStock):
        stock_fulfil(order_line_id=line.pk, quantity=5)
    stock_fulfil(order_line_id=line.pk, quantity=2)
    assert stock_deallocate(order_line_ids=[line.pk]) == 2
    rows = dict(Stock.objects.filter(product_variant=variant).values_list("warehouse_id", "quantity_allocated"))
    assert rows == {a.pk: 0, b.pk: 0}
    assert available_in_channel(variant.pk, channel) == 4
    assert ledger_drift() == []


def test_allocating_again_adds_to_the_same_allocation(channel, two_warehouses):
    a, _b = two_warehouses
    variant = make_stocked_variant(channel, {a: 10})
    line = make_order_line(channel, variant, 5)
    stock_allocate(lines=[LineRequest(line.pk, variant.pk, 2)], channel=channel)
    stock_allocate(lines=[LineRequest(line.pk, variant.pk, 1), LineRequest(line.pk, variant.pk, 2)], channel=channel)
    alloc = Allocation.objects.get(order_line=line)
    assert alloc.quantity_allocated == 5
    assert Stock.objects.get(product_variant=variant).quantity_allocated == 5
    assert ledger_drift() == []


def test_receive_many_books_all_lines_or_none(channel, two_warehouses):
    from inventory.errors import DuplicateLine
    from inventory.services import ReceiptLine, stock_receive_many

    a, b = two_warehouses
    v1 = make_stocked_variant(channel, {a: 2})
    v2 = make_stocked_variant(channel, {})
    before = snapshot()
    with pytest.raises(InvalidQuantity):
        stock_receive_many(lines=[(v1.pk, a.pk, 3), (v2.pk, b.pk, 0)])
    with pytest.raises(DuplicateLine):
        stock_receive_many(lines=[(v1.pk, a.pk, 3), (v1.pk, a.pk, 1)])
    with pytest.raises(VariantNotFound):
        stock_receive_many(lines=[(v1.pk, a.pk, 3), (999_999, b.pk, 1)])
    assert snapshot() == before
    moves = stock_receive_many(lines=[ReceiptLine(v1.pk, a.pk, 3), ReceiptLine(v2.pk, b.pk, 4)],
                               ref=Ref("purchase", "PN-7"))
    assert sorted(m.balance_after for m in moves) == [4, 5]
    assert Stock.objects.get(product_variant=v2, warehouse=b).quantity == 4
    assert ledger_drift() == []
