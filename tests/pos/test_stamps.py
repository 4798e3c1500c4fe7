"""Traceability stamps scanned at the till: marked sold on the POS order; a stamp problem is a
warning (never a rejected sale) and the online lookup refuses a stamp already sold."""

from __future__ import annotations

import pytest
from graphql_relay import to_global_id

from tests.factories.traceability import make_batch, make_trace_staff
from traceability import services as trace
from traceability.models import StampStatus

from .conftest import gql_sale

SYNC = """mutation($i: [PosSaleInput!]!) { posSaleSync(input: $i) { results { status orderNumber warnings
  errors { message } } } }"""


@pytest.fixture
def stamp_uris(stocked):
    _, variant = stocked
    batch = make_batch(variant=variant, quantity=5)
    issued = trace.stamps_issue(user=make_trace_staff(), batch_id=batch.pk,
                                count=2)
    return trace.stamp_uris(batch, issued.serials)


@pytest.mark.django_db
def test_scanned_stamp_is_marked_sold_and_reuse_is_flagged(gql, token_for, client, register, shift, cashier, stocked,
                                                           stamp_uris):
    token = token_for(cashier)
    sale = gql_sale(shift, stocked[1], 1)
    sale["lines"][0]["stampUris"] = [stamp_uris[0]]
    [first] = gql(SYNC, {"i": [sale]}, token=token)["data"]["posSaleSync"]["results"]
    assert first["status"] == "created" and first["warnings"] == []
    stamp = trace.stamp_lookup(stamp_uris[0]).stamp
    assert stamp.status == StampStatus.SOLD and stamp.order.number == first["orderNumber"]

    client.force_login(cashier)
    info = client.get(f"/pos/quay/{register.pk}/tra-cuu/", {"code": stamp_uris[0]}).json()
    assert info["sellable"] is False and info["stamp"] == StampStatus.SOLD and "đã được bán" in info["reasons"][0]
    fresh = client.get(f"/pos/quay/{register.pk}/tra-cuu/", {"code": stamp_uris[1]}).json()
    assert fresh["sellable"] is True and fresh["id"] == stocked[1].pk

    offline = gql_sale(shift, stocked[1], 1)  # rung up offline with the same (copied) stamp
    offline["lines"][0]["stampUris"] = [stamp_uris[0]]
    [second] = gql(SYNC, {"i": [offline]}, token=token)["data"]["posSaleSync"]["results"]
    assert second["status"] == "created" and "đã được bán" in second["warnings"][0]


@pytest.mark.django_db
def test_full_return_releases_stamps(gql, token_for, shift, cashier, stocked, stamp_uris):
    token = token_for(cashier)
    sale = gql_sale(shift, stocked[1], 1)
    sale["lines"][0]["stampUris"] = [stamp_uris[0]]
    [res] = gql(SYNC, {"i": [sale]}, token=token)["data"]["posSaleSync"]["results"]
    from orders.models import Order

    line = Order.objects.get(number=res["orderNumber"]).lines.get()
    ret = gql("""mutation($i: PosReturnInput!) { posReturnCreate(input: $i) { errors { message } } }""",
              {"i": {"shiftId": to_global_id("PosShift", shift.pk), "receipt": str(res["orderNumber"]),
                     "refundMethod": "cash", "lines": [{"lineId": to_global_id("OrderLine", line.pk), "quantity": 1}]}},
              token=token)["data"]["posReturnCreate"]
    assert ret["errors"] == []
    assert trace.stamp_lookup(stamp_uris[0]).stamp.status == StampStatus.APPLIED
