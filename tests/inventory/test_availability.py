"""Batched availability: one query for a list of variants, per channel and per warehouse."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from inventory.availability import availability_by_warehouse, availability_for_variants
from inventory.management.commands.verify_stock_ledger import Command as VerifyCommand
from inventory.models import Stock
from inventory.reservations import reservation_create
from inventory.services import LineRequest, stock_allocate
from tests.factories import make_warehouse
from tests.factories.inventory import make_order_line, make_stocked_variant

pytestmark = pytest.mark.django_db


def test_availability_is_one_query_for_many_variants(channel, two_warehouses):
    a, b = two_warehouses
    channel.reservation_minutes = 10
    channel.save()
    outside = make_warehouse()
    variants = [make_stocked_variant(channel, {a: 3, b: 4, outside: 100}) for _ in range(12)]
    ids = [v.pk for v in variants]
    line = make_order_line(channel, variants[0], 2)
    stock_allocate(lines=[LineRequest(line.pk, ids[0], 2)], channel=channel)
    reservation_create("cart-9", [(ids[1], 5)], channel)
    with CaptureQueriesContext(connection) as ctx:
        by_channel = availability_for_variants(ids + [999_999], channel=channel)
    assert len(ctx.captured_queries) == 1
    assert by_channel[ids[0]] == 5 and by_channel[ids[1]] == 2 and by_channel[ids[2]] == 7
    assert by_channel[999_999] == 0
    assert availability_for_variants([ids[1]], channel=channel, checkout_token="cart-9") == {ids[1]: 7}
    assert availability_for_variants([ids[2]]) == {ids[2]: 107}
    with CaptureQueriesContext(connection) as ctx:
        per_wh = availability_by_warehouse(ids, warehouse_ids=[a.pk, outside.pk])
    assert len(ctx.captured_queries) == 1
    assert per_wh[ids[0]] == {a.pk: 1, outside.pk: 100}


def test_verify_stock_ledger_command_reports_drift(channel, two_warehouses, capsys):
    a, _b = two_warehouses
    variant = make_stocked_variant(channel, {a: 5})
    call_command("verify_stock_ledger")
    assert "OK" in capsys.readouterr().out
    Stock.objects.filter(product_variant=variant).update(quantity=7)  # a writer bypassing the services
    with pytest.raises(SystemExit) as exc:  # as from the shell: non-zero exit status
        VerifyCommand().run_from_argv(["manage.py", "verify_stock_ledger"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "quantity=7 ledger=5" in err
