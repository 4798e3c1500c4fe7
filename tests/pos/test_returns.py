"""Returns against the original receipt: chosen lines and quantities, never more than sold."""

from __future__ import annotations

import pytest
from graphql_relay import to_global_id

from inventory.models import MovementReason, Stock, StockMovement
from orders.models import OrderStatus
from pos.reports import z_report
from pos.sales import sale_sync

from .conftest import sale_input

RETURN = """mutation($i: PosReturnInput!) { posReturnCreate(input: $i) { posReturn { amount orderNumber refundMethod }
  errors { field code message } } }"""
RECEIPT = """query($c: String!) { posReceipt(code: $c) { number total lines { id quantity quantityReturned } } }"""


@pytest.fixture
def sold(shift, cashier, stocked):
    [res] = sale_sync(user=cashier, sales=[sale_input(shift, stocked[1], 3)])
    return res.order


def _ret(gql, token, shift, receipt, line, qty, *, restock=True, method="cash"):
    return gql(RETURN, {"i": {"shiftId": to_global_id("PosShift", shift.pk), "receipt": receipt, "refundMethod": method,
                              "lines": [{"lineId": to_global_id("OrderLine", line.pk), "quantity": qty,
                                         "restock": restock}]}}, token=token)["data"]["posReturnCreate"]


@pytest.mark.django_db
def test_return_by_number_restocks_and_refunds(gql, token_for, shift, cashier, sold, stocked):
    token = token_for(cashier)
    line = sold.lines.get()
    res = _ret(gql, token, shift, str(sold.number), line, 1)
    assert res["errors"] == [] and res["posReturn"]["amount"] == 120_000
    assert Stock.objects.get(product_variant=stocked[1]).quantity == 3  # 5 − 3 + 1
    assert StockMovement.objects.filter(reason=MovementReason.RETURN, reference_type="pos_return").count() == 1
    line.refresh_from_db()
    sold.refresh_from_db()
    assert line.quantity_returned == 1 and sold.total_refunded_amount == 120_000
    rep = z_report(shift)
    assert rep["returns_amount"] == 120_000 and rep["by_method"]["cash"]["refunded"] == 120_000


@pytest.mark.django_db
def test_return_by_qr_url_with_write_off(gql, token_for, shift, cashier, sold, stocked):
    url = f"https://ocop.example/pos/hoa-don/{sold.token}/"
    receipt = gql(RECEIPT, {"c": url}, token=token_for(cashier))["data"]["posReceipt"]
    assert receipt["number"] == sold.number and receipt["lines"][0]["quantity"] == 3
    res = _ret(gql, token_for(cashier), shift, url, sold.lines.get(), 3, restock=False, method="vietqr")
    assert res["errors"] == []
    assert Stock.objects.get(product_variant=stocked[1]).quantity == 2  # returned then written off
    reasons = list(StockMovement.objects.filter(reference_type="pos_return").values_list("reason", flat=True))
    assert reasons == [MovementReason.RETURN, MovementReason.WRITE_OFF]
    sold.refresh_from_db()
    assert sold.status == OrderStatus.RETURNED


@pytest.mark.django_db
def test_never_more_than_sold_across_returns(gql, token_for, shift, cashier, sold, stocked):
    token = token_for(cashier)
    line = sold.lines.get()
    assert _ret(gql, token, shift, str(sold.number), line, 2)["errors"] == []
    over = _ret(gql, token, shift, str(sold.number), line, 2)
    assert over["errors"][0]["code"] == "RETURN_EXCEEDS_SOLD"
    assert "chỉ còn có thể trả 1" in over["errors"][0]["message"]
    line.refresh_from_db()
    assert line.quantity_returned == 2
    assert Stock.objects.get(product_variant=stocked[1]).quantity == 4


@pytest.mark.django_db
def test_unknown_receipt_and_foreign_cashier(gql, token_for, shift, cashier, sold):
    from tests.factories.pos import make_cashier, make_register

    res = _ret(gql, token_for(cashier), shift, "99999999", sold.lines.get(), 1)
    assert res["errors"][0]["code"] == "NOT_FOUND" and res["errors"][0]["field"] == "receipt"
    other_register = make_register()
    outsider = make_cashier(other_register)
    denied = _ret(gql, token_for(outsider), shift, str(sold.number), sold.lines.get(), 1)
    assert denied["errors"][0]["code"] == "PERMISSION_DENIED"
    from pos.shifts import shift_open

    own_shift = shift_open(user=outsider, register_id=other_register.pk, opening_float=0)
    elsewhere = _ret(gql, token_for(outsider), own_shift, str(sold.number), sold.lines.get(), 1)
    assert elsewhere["errors"][0]["code"] == "NOT_FOUND"  # another location's receipt
    assert gql(RECEIPT, {"c": str(sold.number)}, token=token_for(outsider))["data"]["posReceipt"] is None
    assert gql(RECEIPT, {"c": str(sold.number)}, token=token_for(make_cashier()))["data"]["posReceipt"] is None
