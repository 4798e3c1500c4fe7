"""Races on real separate connections: two registers selling the last units, two tablets syncing
the same offline queue, a close racing a sale."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection

from inventory.models import Stock
from inventory.services import ledger_drift
from orders.models import Order
from pos.models import PosReconciliation
from pos.sales import sale_sync
from pos.shifts import shift_open
from tests.factories.pos import make_cashier, make_register, make_stocked_product

from .conftest import sale_input

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _race(fns):
    barrier = threading.Barrier(len(fns))
    out: list = [None] * len(fns)
    errors: list = []

    def run(i, fn):
        try:
            barrier.wait()
            out[i] = fn()
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(fns)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors
    return out


def test_two_registers_sell_the_last_units_at_once():
    reg_a = make_register()
    reg_b = make_register(channel=reg_a.channel, warehouse=reg_a.warehouse)
    cashier_a, cashier_b = make_cashier(reg_a), make_cashier(reg_b)
    _, variant = make_stocked_product(reg_a, price=120_000, quantity=3)
    shift_a = shift_open(user=cashier_a, register_id=reg_a.pk, opening_float=0)
    shift_b = shift_open(user=cashier_b, register_id=reg_b.pk, opening_float=0)
    results = _race([
        lambda: sale_sync(user=cashier_a, sales=[sale_input(shift_a, variant, 2)]),
        lambda: sale_sync(user=cashier_b, sales=[sale_input(shift_b, variant, 2)]),
    ])
    statuses = sorted(r[0].status for r in results)
    assert statuses == ["created", "flagged"]  # both sales are recorded; the later one is short by 1
    assert Order.objects.count() == 2
    assert Stock.objects.get(product_variant=variant, warehouse=reg_a.warehouse).quantity == 0
    assert list(PosReconciliation.objects.values_list("shortfall", flat=True)) == [1]
    assert ledger_drift() == []


def test_two_tablets_sync_the_same_queue_once():
    reg = make_register()
    cashier = make_cashier(reg)
    _, variant = make_stocked_product(reg, price=120_000, quantity=20)
    shift = shift_open(user=cashier, register_id=reg.pk, opening_float=0)
    queue = [sale_input(shift, variant, 1, client_uuid=str(uuid.uuid4())) for _ in range(5)]
    results = _race([lambda: sale_sync(user=cashier, sales=queue), lambda: sale_sync(user=cashier, sales=queue)])
    per_uuid = {}
    for batch in results:
        for r in batch:
            per_uuid.setdefault(r.client_uuid, []).append(r.status)
    assert all(sorted(v) == ["created", "duplicate"] for v in per_uuid.values()), per_uuid
    assert Order.objects.count() == 5
    assert Stock.objects.get(product_variant=variant).quantity == 15
    assert ledger_drift() == []
