"""Producer money: a line is payable only once its order is paid AND delivered/collected; money given
back afterwards is deducted in the month it happens, as its own statement line; totals = sum of lines."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from inventory.models import WarehouseKind
from orders.services import (
    order_cancel,
    order_create_from_checkout,
    order_fulfill,
    order_mark_delivered,
    order_mark_paid,
    order_mark_refunded,
)
from portal.models import CommissionRate
from portal.services.sales import sales_report
from portal.services.statements import REFUNDS, SALES, build_statement
from tests.factories import make_warehouse
from tests.factories.checkout import make_ready_checkout, make_stocked_variant
from tests.factories.portal import local_noon, make_order_line

pytestmark = pytest.mark.django_db


def _month(day: dt.date) -> str:
    return day.strftime("%Y-%m")


def _assert_sums(st) -> None:
    assert st.payable == sum(ln.payable for ln in st.lines) == sum(c.payable for c in st.channels)
    assert st.net == sum(ln.amount for ln in st.lines) and st.commission == sum(ln.commission for ln in st.lines)


@pytest.fixture
def shop(channel):
    depot = make_warehouse(channels=[channel], kind=WarehouseKind.DISPLAY_CENTRE, name="Kho Trung tâm XTTM")
    variant = make_stocked_variant(channel, depot, quantity=10, price=300_000)
    CommissionRate.objects.create(channel=channel, rate_bp=1000)
    return depot, variant, variant.product.producer


def _order(channel, variant, quantity=1):
    checkout = make_ready_checkout(channel, [(variant, quantity)])
    return order_create_from_checkout(checkout_token=checkout.token)


def _delivered_and_collected(order, depot):
    order_fulfill(order_id=order.pk, warehouse_id=depot.pk)
    order_mark_delivered(order_id=order.pk)
    order_mark_paid(order_id=order.pk)


def test_cod_order_is_payable_only_when_delivered_and_collected(channel, shop):
    depot, variant, producer = shop
    month = _month(timezone.localdate())
    order = _order(channel, variant, 2)
    order_fulfill(order_id=order.pk, warehouse_id=depot.pk)
    order_mark_delivered(order_id=order.pk)
    assert build_statement(producer=producer, month=month).lines == []  # delivered, cash not collected yet
    order_mark_paid(order_id=order.pk)
    st = build_statement(producer=producer, month=month)
    [line] = st.lines
    assert (line.kind, line.amount, line.commission, line.payable) == (SALES, 600_000, 60_000, 540_000)
    _assert_sums(st)
    assert sales_report(producer_id=producer.pk, period="month").revenue == 600_000


def test_paid_then_canceled_then_refunded_is_never_payable(channel, shop):
    depot, variant, producer = shop
    month = _month(timezone.localdate())
    _delivered_and_collected(_order(channel, variant, 1), depot)
    walked = _order(channel, variant, 2)
    payable = []
    order_mark_paid(order_id=walked.pk)  # paid, not delivered
    payable.append(build_statement(producer=producer, month=month).payable)
    order_cancel(order_id=walked.pk, reason="Khách đổi ý")
    payable.append(build_statement(producer=producer, month=month).payable)
    order_mark_refunded(order_id=walked.pk, note="Đã chuyển trả")
    st = build_statement(producer=producer, month=month)
    payable.append(st.payable)
    assert payable == [270_000, 270_000, 270_000]  # only the delivered, paid order, at every step
    _assert_sums(st)


def test_refund_after_payment_is_deducted_in_its_own_month_as_its_own_line(world):
    CommissionRate.objects.create(channel=world.showroom_channel, rate_bp=1000)
    this_month = timezone.localdate().replace(day=1)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    make_order_line(channel=world.showroom_channel, variant=world.variant_a, quantity=4, unit_price=50_000,
                    payable=True, created_at=local_noon(last_month), returned=1,
                    returned_at=local_noon(this_month))
    before = build_statement(producer=world.producer_a, month=_month(last_month))
    assert [(ln.kind, ln.amount, ln.payable) for ln in before.lines] == [(SALES, 200_000, 180_000)]
    now = build_statement(producer=world.producer_a, month=_month(this_month))
    assert [(ln.kind, ln.amount, ln.commission, ln.payable) for ln in now.lines] == [
        (REFUNDS, -50_000, -5_000, -45_000)]
    _assert_sums(before)
    _assert_sums(now)
