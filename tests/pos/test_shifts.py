"""Shifts: who may open a register, opening float, cash in/out, closing with a denomination count."""

from __future__ import annotations

import pytest
from graphql_relay import to_global_id

from accounts.permissions import Perm
from pos.models import PosShift, ShiftStatus
from tests.factories import make_user
from tests.factories.pos import make_register

from .conftest import gql_sale

OPEN = """mutation($r: ID!, $c: [DenominationCount!]) { posShiftOpen(registerId: $r, counts: $c) {
  shift { id status openingFloat } errors { field code message } } }"""
CLOSE = """mutation($id: ID!, $c: [DenominationCount!]!, $n: String, $ok: Boolean, $p: Int, $o: [MethodAmountInput!]) {
  posShiftClose(id: $id, counts: $c, note: $n, confirmDifference: $ok, pendingSales: $p, countedOther: $o) {
  shift { status difference amounts { method expected counted difference } } errors { field code message } } }"""
MOVE = """mutation($s: ID!, $k: String!, $a: Int!, $r: String!) { posCashMovementCreate(shiftId: $s, kind: $k, amount: $a,
  reason: $r) { shift { amounts { method expected } } errors { field code message } } }"""
SYNC = """mutation($i: [PosSaleInput!]!) { posSaleSync(input: $i) { results { clientUuid status orderNumber change
  errors { field code message } } errors { field code message } } }"""


def _gid(shift):
    return to_global_id("PosShift", shift.pk)


@pytest.mark.django_db
def test_assigned_cashier_opens_with_counted_float(gql, token_for, register, cashier):
    res = gql(OPEN, {"r": to_global_id("PosRegister", register.pk),
                     "c": [{"denomination": 500_000, "count": 1}, {"denomination": 10_000, "count": 3}]},
              token=token_for(cashier))["data"]["posShiftOpen"]
    assert res["errors"] == []
    assert res["shift"]["openingFloat"] == 530_000
    assert PosShift.objects.get().opening_counts == {"500000": 1, "10000": 3}


@pytest.mark.django_db
def test_staff_of_another_location_is_denied(gql, token_for, register):
    other = make_register()
    stranger = make_user()
    other.staff.add(stranger)
    res = gql(OPEN, {"r": to_global_id("PosRegister", register.pk)}, token=token_for(stranger))["data"]["posShiftOpen"]
    assert res["errors"][0]["code"] == "PERMISSION_DENIED"
    assert res["errors"][0]["field"] == "register"
    assert not PosShift.objects.exists()
    anon = gql(OPEN, {"r": to_global_id("PosRegister", register.pk)})["data"]["posShiftOpen"]
    assert anon["errors"][0]["code"] == "PERMISSION_DENIED"


@pytest.mark.django_db
def test_warehouse_staff_and_pos_managers_may_open(gql, token_for, register):
    local = make_user()
    register.warehouse.staff.add(local)
    res = gql(OPEN, {"r": to_global_id("PosRegister", register.pk)}, token=token_for(local))["data"]["posShiftOpen"]
    assert res["errors"] == []
    manager = make_user(perms=[Perm.MANAGE_POS.value])
    again = gql(OPEN, {"r": to_global_id("PosRegister", register.pk)}, token=token_for(manager))["data"]["posShiftOpen"]
    assert again["errors"][0]["code"] == "SHIFT_ALREADY_OPEN"


@pytest.mark.django_db
def test_bad_denomination_is_refused(gql, token_for, register, cashier):
    res = gql(OPEN, {"r": to_global_id("PosRegister", register.pk), "c": [{"denomination": 3000, "count": 1}]},
              token=token_for(cashier))["data"]["posShiftOpen"]
    assert res["errors"][0]["field"] == "counts"
    assert not PosShift.objects.exists()


@pytest.mark.django_db
def test_cash_movements_and_exact_close(gql, token_for, shift, cashier, stocked):
    token = token_for(cashier)
    _, variant = stocked
    out = gql(MOVE, {"s": _gid(shift), "k": "out", "a": 100_000, "r": "Trả tiền điện"}, token=token)
    assert out["data"]["posCashMovementCreate"]["errors"] == []
    no_reason = gql(MOVE, {"s": _gid(shift), "k": "in", "a": 50_000, "r": " "}, token=token)
    assert no_reason["data"]["posCashMovementCreate"]["errors"][0]["field"] == "reason"
    too_much = gql(MOVE, {"s": _gid(shift), "k": "out", "a": 10_000_000, "r": "x"}, token=token)
    assert too_much["data"]["posCashMovementCreate"]["errors"][0]["field"] == "amount"
    sale = gql_sale(shift, variant, 1, payments=[{"method": "cash", "amount": 200_000}])
    assert gql(SYNC, {"i": [sale]}, token=token)["data"]["posSaleSync"]["results"][0]["change"] == 80_000
    # expected cash: 500.000 float − 100.000 out + 120.000 sale = 520.000
    res = gql(CLOSE, {"id": _gid(shift), "c": [{"denomination": 500_000, "count": 1},
                                             {"denomination": 20_000, "count": 1}]},
              token=token)["data"]["posShiftClose"]
    assert res["errors"] == []
    cash = next(a for a in res["shift"]["amounts"] if a["method"] == "cash")
    assert cash == {"method": "cash", "expected": 520_000, "counted": 520_000, "difference": 0}
    assert res["shift"]["status"] == "closed"


@pytest.mark.django_db
def test_difference_needs_confirmation_and_note(gql, token_for, shift, cashier):
    token = token_for(cashier)
    short = [{"denomination": 200_000, "count": 2}]
    res = gql(CLOSE, {"id": _gid(shift), "c": short}, token=token)["data"]["posShiftClose"]
    assert res["errors"][0]["code"] == "DIFFERENCE_NOT_CONFIRMED"
    assert "lệch -100.000\u00a0₫ so với" in res["errors"][0]["message"]  # formatted as money
    res = gql(CLOSE, {"id": _gid(shift), "c": short, "ok": True}, token=token)["data"]["posShiftClose"]
    assert res["errors"][0]["code"] == "DIFFERENCE_NOT_CONFIRMED"
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.OPEN
    res = gql(CLOSE, {"id": _gid(shift), "c": short, "ok": True, "n": "Thối nhầm cho khách"},
              token=token)["data"]["posShiftClose"]
    assert res["errors"] == [] and res["shift"]["difference"] == -100_000


@pytest.mark.django_db
def test_cannot_close_with_unsynced_sales(gql, token_for, shift, cashier):
    res = gql(CLOSE, {"id": _gid(shift), "c": [{"denomination": 500_000, "count": 1}], "p": 2},
              token=token_for(cashier))["data"]["posShiftClose"]
    assert res["errors"][0]["code"] == "PENDING_SALES"
    shift.refresh_from_db()
    assert shift.is_open


@pytest.mark.django_db
def test_closing_twice_and_closed_shift_is_read_only(gql, token_for, shift, cashier, stocked):
    token = token_for(cashier)
    counts = [{"denomination": 500_000, "count": 1}]
    assert gql(CLOSE, {"id": _gid(shift), "c": counts}, token=token)["data"]["posShiftClose"]["errors"] == []
    twice = gql(CLOSE, {"id": _gid(shift), "c": counts}, token=token)["data"]["posShiftClose"]
    assert twice["errors"][0]["code"] == "SHIFT_ALREADY_CLOSED"
    assert "đã được đóng" in twice["errors"][0]["message"]
    move = gql(MOVE, {"s": _gid(shift), "k": "in", "a": 1000, "r": "x"}, token=token)["data"]["posCashMovementCreate"]
    assert move["errors"][0]["code"] == "SHIFT_CLOSED"
    sale = gql(SYNC, {"i": [gql_sale(shift, stocked[1])]}, token=token)["data"]["posSaleSync"]["results"][0]
    assert sale["status"] == "error" and sale["errors"][0]["code"] == "SHIFT_CLOSED"
