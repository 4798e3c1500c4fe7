"""Property: any sequence of inventory operations keeps the ledger invariant (quantity == sum of
movements), non-negative stock, allocated ≤ quantity, and allocations that add up."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.db.models import F, Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.errors import DomainError
from inventory.counts import count_close, count_create, count_submit
from inventory.ledger import ledger_drift
from inventory.models import Allocation, Stock
from inventory.reservations import reservation_replace
from inventory.services import (
    LineRequest,
    stock_adjust,
    stock_allocate,
    stock_deallocate,
    stock_fulfil,
    stock_receive,
    stock_return,
    stock_sell,
    stock_write_off,
)
from inventory.transfers import ReceiveLineInput, transfer_create, transfer_receive, transfer_ship
from tests.factories import make_warehouse
from tests.factories.inventory import make_order_line, make_stocked_variant
from tests.inventory.conftest import snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

qty = st.integers(min_value=-2, max_value=12)  # includes bad quantities: they must change nothing
idx = st.integers(min_value=0, max_value=2)
op = st.one_of(
    st.tuples(st.just("receive"), idx, idx, qty),
    st.tuples(st.just("sell"), idx, idx, qty),
    st.tuples(st.just("write_off"), idx, idx, qty),
    st.tuples(st.just("return"), idx, idx, qty),
    st.tuples(st.just("adjust"), idx, idx, qty),
    st.tuples(st.just("allocate"), idx, idx, qty),
    st.tuples(st.just("deallocate"), idx, idx, qty),
    st.tuples(st.just("fulfil"), idx, idx, qty),
    st.tuples(st.just("transfer"), idx, idx, qty, st.integers(0, 12), st.integers(0, 3)),
    st.tuples(st.just("count"), idx, idx, qty),
    st.tuples(st.just("reserve"), idx, idx, qty),
)


@pytest.fixture
def world(channel):
    channel.reservation_minutes = 5
    channel.save()
    warehouses = [make_warehouse(channels=[channel]) for _ in range(2)] + [make_warehouse()]
    variants = [make_stocked_variant(channel, {warehouses[0]: 5}) for _ in range(3)]
    return channel, warehouses, variants


def check_invariants():
    assert ledger_drift() == []
    assert not Stock.objects.filter(quantity__lt=0).exists()
    assert not Stock.objects.filter(quantity_allocated__gt=F("quantity")).exists()
    assert not Allocation.objects.filter(quantity_allocated__lt=0).exists()
    for s in Stock.objects.all():
        total = Allocation.objects.filter(stock=s).aggregate(t=Sum("quantity_allocated"))["t"] or 0
        assert total == s.quantity_allocated


def apply(world, lines: list, step) -> None:
    channel, warehouses, variants = world
    name, vi, wi, q, *extra = step
    v, w = variants[vi], warehouses[wi]
    if name == "receive":
        stock_receive(variant_id=v.pk, warehouse_id=w.pk, quantity=q)
    elif name == "sell":
        stock_sell(variant_id=v.pk, warehouse_id=w.pk, quantity=q)
    elif name == "write_off":
        stock_write_off(variant_id=v.pk, warehouse_id=w.pk, quantity=q, note="hết hạn")
    elif name == "return":
        stock_return(variant_id=v.pk, warehouse_id=w.pk, quantity=q)
    elif name == "adjust":
        stock_adjust(variant_id=v.pk, warehouse_id=w.pk, new_quantity=q)
    elif name == "allocate":
        line = make_order_line(channel, v, max(q, 1))
        stock_allocate(lines=[LineRequest(line.pk, v.pk, q)], channel=channel)
        lines.append(line)
    elif name == "deallocate" and lines:
        stock_deallocate(order_line_ids=[lines[q % len(lines)].pk])
    elif name == "fulfil" and lines:
        stock_fulfil(order_line_id=lines[-1].pk, quantity=q)
    elif name == "transfer":
        received, damaged = extra
        dst = warehouses[(wi + 1) % 3]
        t = transfer_create(source_id=w.pk, destination_id=dst.pk, lines=[(v.pk, q)])
        transfer_ship(transfer_id=t.pk)
        transfer_receive(transfer_id=t.pk, lines=[ReceiveLineInput(t.lines.get().pk, received, damaged)])
    elif name == "count":
        count = count_create(warehouse_id=w.pk)
        count_submit(count_id=count.pk, lines=[(v.pk, q)])
        count_close(count_id=count.pk)
    elif name == "reserve":
        reservation_replace(f"cart-{vi}", [(v.pk, q)], channel)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(steps=st.lists(op, min_size=1, max_size=12))
def test_random_operation_sequences_preserve_the_ledger(world, steps):
    with transaction.atomic():
        lines: list = []
        for step in steps:
            before = snapshot()
            try:
                with transaction.atomic():
                    apply(world, lines, step)
            except DomainError:
                assert snapshot() == before  # a refused operation leaves everything as it was
            check_invariants()
        transaction.set_rollback(True)  # next example starts from the same world
