"""Item 7 of issue 14: posSaleSync checks permission before anything about a sale is looked up or returned;
receipts open for the shop's staff or through the signed, expiring customer link; an underpaid sale is never
paid and holds the shift close until confirmed; the register device is bound to its shift."""

from __future__ import annotations

import uuid

import pytest
from django.conf import settings as django_settings
from graphql_relay import to_global_id

from core.errors import DomainError
from orders.models import ChargeStatus, Order
from pos.models import PosReconciliation, ReconciliationKind
from pos.receipts import receipt_url
from pos.sales import PaymentInput, sale_sync
from pos.shifts import shift_close
from tests.factories import make_user
from tests.factories.pos import make_cashier, make_register

from .conftest import gql_sale, sale_input

pytestmark = pytest.mark.django_db
SYNC = """mutation($i: [PosSaleInput!]!) { posSaleSync(input: $i) { results { clientUuid status orderNumber orderToken
  receiptUrl errors { field code } } errors { code } } }"""


def sync(gql, token, sales):
    return gql(SYNC, {"i": sales}, token=token)["data"]["posSaleSync"]["results"]


def test_replayed_uuid_reveals_nothing_to_others(gql, token_for, shift, cashier, stocked):
    sale = gql_sale(shift, stocked[1])
    [first] = sync(gql, token_for(cashier), [sale])
    assert first["status"] == "created" and first["orderToken"]
    consumer = make_user("khach@ocop.demo")
    [replay] = sync(gql, token_for(consumer), [sale])
    assert replay == {"clientUuid": sale["clientUuid"], "status": "error", "orderNumber": None, "orderToken": None,
                      "receiptUrl": None, "errors": [{"field": "shiftId", "code": "PERMISSION_DENIED"}]}
    # staff of another shop, posting the same UUID into their own open shift
    other_register = make_register()
    other = make_cashier(other_register)
    other_shift = gql(
        "mutation($r: ID!) { posShiftOpen(registerId: $r, openingFloat: 0) { shift { id } deviceToken } }",
        {"r": to_global_id("PosRegister", other_register.pk)}, token=token_for(other))["data"]["posShiftOpen"]
    foreign = dict(sale, shiftId=other_shift["shift"]["id"], deviceToken=other_shift["deviceToken"])
    [replay] = sync(gql, token_for(other), [foreign])
    assert replay["orderNumber"] is None and replay["orderToken"] is None
    assert replay["errors"] == [{"field": "shiftId", "code": "PERMISSION_DENIED"}]
    [own] = sync(gql, token_for(cashier), [sale])  # the shop's own till still gets its duplicate answer
    assert own["status"] == "duplicate" and own["orderNumber"] == first["orderNumber"]


def test_receipt_opens_for_staff_or_the_signed_link_only(client, shift, cashier, stocked, settings):
    [res] = sale_sync(user=cashier, sales=[sale_input(shift, stocked[1])])
    bare = f"/pos/hoa-don/{res.order.token}/"
    link = receipt_url(res.order).removeprefix(django_settings.PUBLIC_BASE_URL.rstrip("/"))
    assert link.startswith(bare + "?k=")
    assert client.get(bare).status_code == 404
    assert client.get(bare + "pdf/").status_code == 404
    assert client.get(bare + "?k=forged:signature").status_code == 404
    assert client.get(link).status_code == 200
    client.force_login(make_cashier(make_register()))  # another shop's staff
    assert client.get(bare).status_code == 404
    client.force_login(cashier)
    assert client.get(bare).status_code == 200
    client.logout()
    settings.POS_RECEIPT_LINK_DAYS = -1  # the link has expired
    assert client.get(link).status_code == 404


def test_underpaid_sale_is_never_paid_and_holds_the_shift_close(gql, token_for, shift, cashier, stocked):
    online = gql_sale(shift, stocked[1], payments=[{"method": "cash", "amount": 1}])
    [refused] = sync(gql, token_for(cashier), [online])
    assert refused["errors"][0]["code"] == "PAYMENTS_MISMATCH" and not Order.objects.exists()

    [res] = sale_sync(user=cashier, sales=[sale_input(shift, stocked[1], offline=True,
                                                      payments=[PaymentInput(method="cash", amount=1)])])
    order = Order.objects.get(pk=res.order.pk)
    assert order.charge_status != ChargeStatus.FULL and order.total_charged_amount == 1
    assert order.total_amount == 120_000
    flag = PosReconciliation.objects.get(sale__order=order)
    assert flag.kind == ReconciliationKind.PAYMENT and flag.amount == 119_999
    with pytest.raises(DomainError) as exc:
        shift_close(user=cashier, shift_id=shift.pk, counts={500_000: 1}, confirm_difference=False)
    assert exc.value.code == "UNDERPAID_SALES" and "119.999" in exc.value.message
    closed = shift_close(user=cashier, shift_id=shift.pk, counts={500_000: 1}, confirm_difference=True,
                         note="Khách thiếu tiền khi mất mạng; đã báo quản lý")
    assert closed.status == "closed"


def test_register_device_is_bound_to_its_shift(gql, token_for, register, cashier, stocked):
    opened = gql("mutation($r: ID!) { posShiftOpen(registerId: $r, openingFloat: 0) { shift { id pk } deviceToken "
                 "errors { code } } }", {"r": to_global_id("PosRegister", register.pk)},
                 token=token_for(cashier))["data"]["posShiftOpen"]
    assert opened["errors"] == [] and len(opened["deviceToken"]) >= 40

    class Shift:
        pk = opened["shift"]["pk"]

    def sale(**extra):
        return dict(gql_sale(Shift, stocked[1], client_uuid=str(uuid.uuid4())), **extra)

    for token in (None, "another-device"):
        [denied] = sync(gql, token_for(cashier), [sale(deviceToken=token)])
        assert denied["errors"] == [{"field": "deviceToken", "code": "PERMISSION_DENIED"}]
    [ok] = sync(gql, token_for(cashier), [sale(deviceToken=opened["deviceToken"])])
    assert ok["status"] == "created"
    assert Order.objects.count() == 1
