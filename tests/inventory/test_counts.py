"""Stock counts (kiểm kê): partial counts, adjustments, variance in VND at cost."""

from __future__ import annotations

import pytest

from catalog.models import ProductVariantChannelListing
from inventory.counts import CountLineInput, count_close, count_create, count_submit, count_variance
from inventory.errors import InsufficientStock, InvalidQuantity, InvalidStatus, VariantNotFound
from inventory.ledger import ledger_drift
from inventory.models import CountStatus, MovementReason, Stock, StockMovement, VariantCost
from inventory.services import LineRequest, stock_allocate
from tests.factories.inventory import make_order_line, make_stocked_variant
from tests.inventory.conftest import snapshot

pytestmark = pytest.mark.django_db


def test_partial_count_adjusts_only_counted_lines_with_variance_at_cost(channel, two_warehouses):
    a, _b = two_warehouses
    v1 = make_stocked_variant(channel, {a: 10})
    v2 = make_stocked_variant(channel, {a: 4})
    v3 = make_stocked_variant(channel, {a: 7})  # not counted
    ProductVariantChannelListing.objects.filter(variant=v1).update(cost_price_amount=60_000)
    VariantCost.objects.create(product_variant=v2, unit_cost=25_000)
    count = count_create(warehouse_id=a.pk, note="kiểm kê cuối tháng")
    count_submit(count_id=count.pk, lines=[CountLineInput(v1.pk, 12), CountLineInput(v2.pk, 5)])
    count_submit(count_id=count.pk, lines=[(v2.pk, 1)])  # recount replaces
    open_report = count_variance(count)
    assert sorted(ln.difference for ln in open_report.lines) == [-3, 2]
    count_close(count_id=count.pk)
    stocks = dict(Stock.objects.filter(warehouse=a).values_list("product_variant_id", "quantity"))
    assert stocks == {v1.pk: 12, v2.pk: 1, v3.pk: 7}
    moves = StockMovement.objects.filter(reason=MovementReason.COUNT_ADJUSTMENT, reference_id=str(count.pk))
    assert sorted(m.quantity for m in moves) == [-3, 2]
    count.refresh_from_db()
    report = count_variance(count)
    assert count.status == CountStatus.CLOSED
    by_variant = {ln.variant_id: ln for ln in report.lines}
    assert (by_variant[v1.pk].expected, by_variant[v1.pk].difference, by_variant[v1.pk].value) == (10, 2, 120_000)
    assert (by_variant[v2.pk].difference, by_variant[v2.pk].value) == (-3, -75_000)
    assert (report.total_quantity, report.total_value) == (-1, 45_000)
    assert ledger_drift() == []


def test_closing_twice_and_bad_input_change_nothing(channel, two_warehouses):
    a, _b = two_warehouses
    v = make_stocked_variant(channel, {a: 3})
    count = count_create(warehouse_id=a.pk)
    before = snapshot()
    for error, lines in ((InvalidQuantity, [(v.pk, -1)]), (InvalidQuantity, []), (VariantNotFound, [(999_999, 1)])):
        with pytest.raises(error):
            count_submit(count_id=count.pk, lines=lines)
    assert snapshot() == before
    count_submit(count_id=count.pk, lines=[(v.pk, 2)])
    count_close(count_id=count.pk)
    before = snapshot()
    with pytest.raises(InvalidStatus) as exc:
        count_close(count_id=count.pk)
    assert exc.value.field == "id"
    with pytest.raises(InvalidStatus):
        count_submit(count_id=count.pk, lines=[(v.pk, 1)])
    assert snapshot() == before


def test_count_below_allocated_is_refused(channel, two_warehouses):
    a, _b = two_warehouses
    v = make_stocked_variant(channel, {a: 5})
    line = make_order_line(channel, v, 4)
    stock_allocate(lines=[LineRequest(line.pk, v.pk, 4)], channel=channel)
    count = count_create(warehouse_id=a.pk)
    count_submit(count_id=count.pk, lines=[(v.pk, 3)])
    before = snapshot()
    with pytest.raises(InsufficientStock):
        count_close(count_id=count.pk)
    assert snapshot() == before
