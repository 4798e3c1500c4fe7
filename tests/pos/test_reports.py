"""Z-report, daily reports per register and location, CSV, reconciliation page; staff-only pages."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import timezone

from pos.models import PosReconciliation
from pos.reports import daily_report, z_report
from pos.sales import PaymentInput, sale_sync
from pos.shifts import shift_close, shift_open
from tests.factories.pos import make_cashier, make_register

from .conftest import sale_input


@pytest.fixture
def trading(shift, cashier, stocked):
    sale_sync(user=cashier, sales=[
        sale_input(shift, stocked[1], 2, payments=[PaymentInput(method="cash", amount=500_000)]),
        sale_input(shift, stocked[1], 1, payments=[PaymentInput(method="vietqr", amount=120_000, confirmed=True)]),
        sale_input(shift, stocked[1], 3, payments=[PaymentInput(method="card", amount=360_000, reference="C1")]),
    ])
    return shift


@pytest.mark.django_db
def test_z_report_totals_and_cash_reconciliation(trading, cashier):
    rep = z_report(trading)
    assert rep["sales_count"] == 3 and rep["net"] == 720_000 and rep["flagged_count"] == 1  # 6 sold, 5 in stock
    assert rep["by_method"]["cash"]["charged"] == 240_000 and rep["by_method"]["card"]["charged"] == 360_000
    assert rep["reconciliation"]["cash"]["expected"] == 740_000
    shift_close(user=cashier, shift_id=trading.pk, counts={500_000: 1, 200_000: 1, 20_000: 1, 10_000: 1},
                confirm_difference=True, note="Thiếu 10.000")
    trading.refresh_from_db()
    rep = z_report(trading)
    assert rep["reconciliation"]["cash"] == {"expected": 740_000, "counted": 730_000, "difference": -10_000}
    assert rep["difference"] == -10_000


@pytest.mark.django_db
def test_daily_report_per_register_and_location(trading, register, cashier, stocked):
    second = make_register(channel=register.channel, warehouse=register.warehouse)
    other_shift = shift_open(user=make_cashier(second), register_id=second.pk, opening_float=0)
    sale_sync(user=second.staff.first(), sales=[sale_input(other_shift, stocked[1], 1)])
    rep = daily_report(timezone.localdate())
    assert len(rep["registers"]) == 2 and len(rep["locations"]) == 1
    assert rep["locations"][0]["sales_count"] == 4 and rep["total"]["net"] == 840_000


@pytest.mark.django_db
def test_staff_pages_and_csv(client, trading, cashier):
    assert client.get("/pos/bao-cao/").status_code == 302
    client.force_login(cashier)
    assert "Báo cáo Z" in client.get("/pos/bao-cao/").content.decode()
    page = client.get(f"/pos/bao-cao/ca/{trading.pk}/").content.decode()
    assert 'id="z-sales-count">3<' in page
    rows = list(csv.reader(io.StringIO(client.get(f"/pos/bao-cao/ca/{trading.pk}/csv/").content.decode("utf-8-sig"))))
    assert ["sales_count", "3"] in rows and ["net", "720000"] in rows
    # Times in Asia/Ho_Chi_Minh, as staff read them at the till (they used to be UTC).
    opened = dict(rows)["opened_at"]
    assert opened == timezone.localtime(trading.opened_at).isoformat(sep=" ", timespec="seconds")
    assert opened.endswith("+07:00")
    day = timezone.localdate().isoformat()
    assert "Theo điểm bán" in client.get(f"/pos/bao-cao/ngay/?ngay={day}").content.decode()
    daily = list(csv.reader(io.StringIO(client.get(f"/pos/bao-cao/ngay/csv/?ngay={day}").content.decode("utf-8-sig"))))
    assert daily[0][0] == "ngay" and daily[1][1] == "quay" and daily[1][4] == "3"


@pytest.mark.django_db
def test_other_location_cannot_see_reports(client, trading):
    client.force_login(make_cashier(make_register()))
    assert client.get(f"/pos/bao-cao/ca/{trading.pk}/").status_code == 404
    assert client.get(f"/pos/bao-cao/ca/{trading.pk}/csv/").status_code == 404
    assert "Không có đơn" in client.get("/pos/bao-cao/ngay/").content.decode()
    assert "Không có mục nào" in client.get("/pos/bao-cao/doi-soat/").content.decode()


@pytest.mark.django_db
def test_reconciliation_page_lists_and_resolves(client, trading, cashier):
    client.force_login(cashier)
    rec = PosReconciliation.objects.get()
    page = client.get("/pos/bao-cao/doi-soat/").content.decode()
    assert f"#{rec.sale.order.number}" in page and 'class="shortfall"><strong>1<' in page
    client.post("/pos/bao-cao/doi-soat/", {"id": rec.pk, "note": ""})
    rec.refresh_from_db()
    assert rec.resolved_at is None
    client.post("/pos/bao-cao/doi-soat/", {"id": rec.pk, "note": "Kiểm kê: hàng trưng bày"})
    rec.refresh_from_db()
    assert rec.resolved_by == cashier and rec.resolution_note


@pytest.mark.django_db
def test_graphql_registers_shift_and_report(gql, token_for, trading, register, cashier):
    from graphql_relay import to_global_id

    make_register()  # another location's register: not listed
    token = token_for(cashier)
    regs = gql("{ posRegisters { id name openShift { id status } } }", token=token)["data"]["posRegisters"]
    assert [r["id"] for r in regs] == [to_global_id("PosRegister", register.pk)]
    assert regs[0]["openShift"]["status"] == "open"
    sid = to_global_id("PosShift", trading.pk)
    rep = gql("""query($id: ID!) { posShiftReport(id: $id) { salesCount net vat flaggedCount
      byMethod { method charged expected } } }""", {"id": sid}, token=token)["data"]["posShiftReport"]
    assert rep["salesCount"] == 3 and rep["net"] == 720_000 and rep["flaggedCount"] == 1
    cash = next(m for m in rep["byMethod"] if m["method"] == "cash")
    assert cash == {"method": "cash", "charged": 240_000, "expected": 740_000}
    outsider = token_for(make_cashier(make_register()))
    assert gql("query($id: ID!) { posShiftReport(id: $id) { net } }", {"id": sid}, token=outsider)["data"][
        "posShiftReport"] is None
    assert gql("query($id: ID!) { posShift(id: $id) { id } }", {"id": sid}, token=outsider)["data"]["posShift"] is None
