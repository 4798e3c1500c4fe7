"""Low-stock thresholds: restock list per location, one e-mail per crossing, sent after commit."""

from __future__ import annotations

import pytest

from inventory.errors import InvalidQuantity
from inventory.services import LineRequest, stock_allocate, stock_receive, stock_sell
from inventory.thresholds import restock_list, threshold_set
from tests.factories.inventory import make_order_line, make_stocked_variant

pytestmark = pytest.mark.django_db


def test_one_email_per_crossing_queued_on_commit(channel, two_warehouses, mailoutbox,
                                                 django_capture_on_commit_callbacks):
    a, _b = two_warehouses
    variant = make_stocked_variant(channel, {a: 10})
    threshold_set(variant_id=variant.pk, warehouse_id=a.pk, threshold=5)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        stock_sell(variant_id=variant.pk, warehouse_id=a.pk, quantity=6)
    assert len(callbacks) == 1 and mailoutbox == []  # queued, not sent inside the transaction
    callbacks[0]()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["tho-xuan@ocop.demo"] and variant.sku in mail.subject and "còn 4" in mail.body
    with django_capture_on_commit_callbacks(execute=True):
        stock_sell(variant_id=variant.pk, warehouse_id=a.pk, quantity=1)  # still below: no new mail
        line = make_order_line(channel, variant, 1)
        stock_allocate(lines=[LineRequest(line.pk, variant.pk, 1)], channel=channel)
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        stock_receive(variant_id=variant.pk, warehouse_id=a.pk, quantity=10)  # back above
        stock_sell(variant_id=variant.pk, warehouse_id=a.pk, quantity=10)  # crosses again
    assert len(mailoutbox) == 2


def test_restock_list_per_location(channel, two_warehouses):
    a, b = two_warehouses
    low = make_stocked_variant(channel, {a: 2, b: 50})
    fine = make_stocked_variant(channel, {a: 20})
    never_stocked = make_stocked_variant(channel, {})
    threshold_set(variant_id=low.pk, warehouse_id=a.pk, threshold=5)
    threshold_set(variant_id=low.pk, warehouse_id=b.pk, threshold=5)
    threshold_set(variant_id=fine.pk, warehouse_id=a.pk, threshold=5)
    threshold_set(variant_id=never_stocked.pk, warehouse_id=a.pk, threshold=3)
    items = restock_list(warehouse_ids=[a.pk])
    assert {(i.variant_id, i.available, i.suggested) for i in items} == {(low.pk, 2, 8), (never_stocked.pk, 0, 6)}
    assert restock_list(warehouse_ids=[b.pk]) == []
    with pytest.raises(InvalidQuantity):
        threshold_set(variant_id=low.pk, warehouse_id=a.pk, threshold=0)
