"""Register scoping: staff are offered only the registers of the places they are assigned to, a fair's
registers only when they are on that event's team; every entry point refuses the others."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from graphql_relay import to_global_id

from channels.models import ChannelKind
from events.services import event_create
from inventory.models import WarehouseKind
from pos.models import PosShift
from tests.factories import make_channel, make_user, make_warehouse
from tests.factories.pos import make_register

REGISTERS = "{ posRegisters { id name } }"
OPEN = """mutation($r: ID!) { posShiftOpen(registerId: $r, openingFloat: 0) { shift { id } errors { field code } } }"""


@pytest.fixture
def places(db):
    """A showroom with its own staff member, and a running fair whose team is someone else."""
    channel = make_channel("tho-xuan-airport", kind=ChannelKind.SHOWROOM)
    showroom = make_warehouse(channels=[channel], kind=WarehouseKind.SHOWROOM, name="Showroom Thọ Xuân")
    showroom_staff = make_user("pos.thoxuan@ocop.demo")
    showroom.staff.add(showroom_staff)
    own = make_register(channel=channel, warehouse=showroom, name="Quầy 1 – Showroom Thọ Xuân")
    fair_staff = make_user("pos.hoicho@ocop.demo")
    today = timezone.localdate()
    event = event_create(name="Chợ phiên Lam Sơn", kind="fair", venue="Quảng trường Lam Sơn", start_date=today,
                         end_date=today + dt.timedelta(days=3), register_count=1, staff=[fair_staff])
    fair = event.warehouse.pos_registers.get()
    return {"own": own, "fair": fair, "event": event, "showroom_staff": showroom_staff, "fair_staff": fair_staff}


def _names(gql, client, user):
    client.force_login(user)
    return [r["name"] for r in gql(REGISTERS)["data"]["posRegisters"]]


def test_showroom_staff_see_only_the_showroom(gql, client, places):
    assert _names(gql, client, places["showroom_staff"]) == ["Quầy 1 – Showroom Thọ Xuân"]


def test_showroom_staff_cannot_use_a_fair_register(gql, client, places):
    client.force_login(places["showroom_staff"])
    fair = places["fair"]
    assert client.get(f"/pos/quay/{fair.pk}/danh-muc.json").status_code == 403
    assert client.get(f"/pos/quay/{fair.pk}/tra-cuu/?code=1").status_code == 403
    res = gql(OPEN, {"r": to_global_id("PosRegister", fair.pk)})["data"]["posShiftOpen"]
    assert res["shift"] is None and res["errors"][0]["code"] == "PERMISSION_DENIED"
    assert not PosShift.objects.exists()


def test_register_staff_alone_do_not_open_a_fair(gql, client, places):
    """Put on a fair register's list without being on the event's team (the stand's staff): refused."""
    places["fair"].staff.add(places["showroom_staff"])
    client.force_login(places["showroom_staff"])
    res = gql(OPEN, {"r": to_global_id("PosRegister", places["fair"].pk)})["data"]["posShiftOpen"]
    assert res["errors"][0]["code"] == "PERMISSION_DENIED"
    assert _names(gql, client, places["showroom_staff"]) == ["Quầy 1 – Showroom Thọ Xuân"]


def test_the_fair_team_sees_the_fair_and_own_places_first(gql, client, places):
    fair_staff = places["fair_staff"]
    assert _names(gql, client, fair_staff) == [places["fair"].name]
    places["own"].staff.add(fair_staff)  # also works at the showroom: the showroom comes first
    assert _names(gql, client, fair_staff) == ["Quầy 1 – Showroom Thọ Xuân", places["fair"].name]
    res = gql(OPEN, {"r": to_global_id("PosRegister", places["fair"].pk)})["data"]["posShiftOpen"]
    assert res["errors"] == [] and PosShift.objects.filter(register=places["fair"]).count() == 1


def test_inactive_registers_are_not_offered(gql, client, places):
    places["own"].is_active = False
    places["own"].save(update_fields=["is_active"])
    assert _names(gql, client, places["showroom_staff"]) == []
