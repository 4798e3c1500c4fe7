"""Placing orders and the staff actions, on real PostgreSQL with the stock ledger."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from certification.models import OcopCertificate
from checkout.models import Checkout
from core.errors import DomainError
from inventory.models import Stock, StockMovement
from inventory.services import ledger_drift, stock_receive
from orders.models import ChargeStatus, Order, OrderStatus
from orders.services import (
    expire_unpaid_orders,
    order_cancel,
    order_create_from_checkout,
    order_fulfill,
    order_mark_delivered,
    order_mark_paid,
)
from payments.models import TransactionItem
from tests.domain_errors import raises_domain
from tests.factories import make_product_type, make_user
from tests.factories.checkout import make_ready_checkout, make_stocked_variant

db = pytest.mark.django_db


def _stock(variant, warehouse) -> tuple[int, int]:
    s = Stock.objects.get(product_variant=variant, warehouse=warehouse)
    return s.quantity, s.quantity_allocated


@db
def test_cod_order_allocates_stock_with_vat_lines_and_email(channel, depot, django_capture_on_commit_callbacks):
    pt = make_product_type(vat_rate=10)
    a = make_stocked_variant(channel, depot, quantity=5, price=110_000, product_type=pt)
    b = make_stocked_variant(channel, depot, quantity=5, price=54_000)  # product type default 8 %
    checkout = make_ready_checkout(channel, [(a, 2), (b, 1)])
    with django_capture_on_commit_callbacks(execute=True):
        order = order_create_from_checkout(checkout_token=checkout.token)
    assert order.status == OrderStatus.UNFULFILLED and order.charge_status == ChargeStatus.NONE
    assert (order.subtotal_amount, order.shipping_amount, order.total_amount) == (274_000, 20_000, 294_000)
    lines = {ln.variant_id: ln for ln in order.lines.all()}
    assert (lines[a.pk].vat_rate, lines[a.pk].vat_amount) == (10, 20_000)
    assert (lines[b.pk].vat_rate, lines[b.pk].vat_amount) == (8, 4_000)
    assert lines[a.pk].producer_id == a.product.producer_id
    assert order.vat_amount == 24_000
    assert _stock(a, depot) == (5, 2) and _stock(b, depot) == (5, 1)
    assert Order.objects.filter(pk=order.pk).values_list("number", flat=True)[0] > 0
    assert Checkout.objects.get(pk=checkout.pk).completed_order_id == order.pk
    assert TransactionItem.objects.get(order=order).method == "cod"
    assert len(mail.outbox) == 1 and f"#{order.number}" in mail.outbox[0].subject
    assert mail.outbox[0].to == ["khach@example.vn"]


@db
def test_completing_twice_returns_the_same_order(channel, depot):
    v = make_stocked_variant(channel, depot, quantity=5)
    checkout = make_ready_checkout(channel, [(v, 2)])
    first = order_create_from_checkout(checkout_token=checkout.token)
    again = order_create_from_checkout(checkout_token=checkout.token)
    assert first.pk == again.pk and Order.objects.count() == 1 and _stock(v, depot) == (5, 2)


@db
def test_product_expired_between_cart_and_payment_places_nothing(channel, depot):
    v = make_stocked_variant(channel, depot, quantity=5)
    checkout = make_ready_checkout(channel, [(v, 1)])
    OcopCertificate.objects.filter(product=v.product).update(expires_on=timezone.localdate())
    with raises_domain("PRODUCT_NOT_PUBLISHED", "lines") as exc:
        order_create_from_checkout(checkout_token=checkout.token)
    assert "không còn được bán" in exc.value.message
    assert Order.objects.count() == 0 and _stock(v, depot) == (5, 0)


@db
def test_stock_sold_out_meanwhile_places_nothing(channel, depot):
    from inventory.services import stock_write_off

    v = make_stocked_variant(channel, depot, quantity=2)
    checkout = make_ready_checkout(channel, [(v, 2)])
    stock_write_off(variant_id=v.pk, warehouse_id=depot.pk, quantity=1)
    with raises_domain("INSUFFICIENT_STOCK", "quantity") as exc:
        order_create_from_checkout(checkout_token=checkout.token)
    assert exc.value.code == "INSUFFICIENT_STOCK"
    assert Order.objects.count() == 0 and _stock(v, depot) == (1, 0)


@db
def test_tampered_checkout_token_is_not_found(channel, depot):
    with raises_domain("NOT_FOUND", "id") as exc:
        order_create_from_checkout(checkout_token="not-a-uuid")
    assert exc.value.code == "NOT_FOUND"
    owner = make_user()
    v = make_stocked_variant(channel, depot)
    checkout = make_ready_checkout(channel, [(v, 1)], user=owner)
    with raises_domain("NOT_FOUND", "id"):  # another account's checkout
        order_create_from_checkout(checkout_token=checkout.token, user=make_user())
    assert Order.objects.count() == 0


@db
def test_collection_point_allocates_only_there(channel, depot, showroom):
    v = make_stocked_variant(channel, depot, quantity=10)
    stock_receive(variant_id=v.pk, warehouse_id=showroom.pk, quantity=3)
    order = order_create_from_checkout(checkout_token=make_ready_checkout(
        channel, [(v, 2)], collection_point=showroom, payment="vietqr").token)
    assert _stock(v, showroom) == (3, 2) and _stock(v, depot) == (10, 0)
    assert order.collection_point_id == showroom.pk and order.shipping_amount == 0
    assert order.status == OrderStatus.UNCONFIRMED and order.expires_at is not None


@db
def test_fulfil_from_a_chosen_warehouse_moves_the_allocation(channel, depot, showroom, staff):
    v = make_stocked_variant(channel, depot, quantity=4)
    stock_receive(variant_id=v.pk, warehouse_id=showroom.pk, quantity=4)
    order = order_create_from_checkout(checkout_token=make_ready_checkout(channel, [(v, 3)]).token)
    assert _stock(v, depot) == (4, 3)
    order_fulfill(order_id=order.pk, warehouse_id=showroom.pk, user=staff, tracking_number="VTP123")
    assert _stock(v, depot) == (4, 0) and _stock(v, showroom) == (1, 0)
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED and order.lines.get().quantity_fulfilled == 3
    sale = StockMovement.objects.get(reason="sale")
    assert (sale.quantity, sale.warehouse_id, sale.reference_id) == (-3, showroom.pk, str(order.number))
    order_mark_delivered(order_id=order.pk, user=staff)
    assert Order.objects.get(pk=order.pk).status == OrderStatus.DELIVERED
    with raises_domain("INVALID_STATUS", "status"):
        order_cancel(order_id=order.pk, user=staff)
    assert ledger_drift() == []


@db
def test_fulfil_from_a_warehouse_without_stock_changes_nothing(channel, depot, showroom, staff):
    v = make_stocked_variant(channel, depot, quantity=4)
    order = order_create_from_checkout(checkout_token=make_ready_checkout(channel, [(v, 3)]).token)
    with raises_domain("INSUFFICIENT_STOCK", "warehouse") as exc:
        order_fulfill(order_id=order.pk, warehouse_id=showroom.pk, user=staff)
    assert "không đủ hàng" in exc.value.message
    assert _stock(v, depot) == (4, 3) and Order.objects.get(pk=order.pk).status == OrderStatus.UNFULFILLED


@db
def test_cancel_returns_stock(channel, depot, staff):
    v = make_stocked_variant(channel, depot, quantity=4)
    order = order_create_from_checkout(checkout_token=make_ready_checkout(channel, [(v, 3)]).token)
    order_cancel(order_id=order.pk, user=staff, reason="khách đổi ý")
    assert _stock(v, depot) == (4, 0) and Order.objects.get(pk=order.pk).status == OrderStatus.CANCELED
    with raises_domain("INVALID_STATUS", "status"):
        order_cancel(order_id=order.pk, user=staff)


@db
def test_vietqr_mark_paid_and_unpaid_expiry(channel, depot, staff):
    channel.unpaid_order_expiry_minutes = 30
    channel.save()
    v = make_stocked_variant(channel, depot, quantity=5)
    paid = order_create_from_checkout(checkout_token=make_ready_checkout(channel, [(v, 1)], payment="vietqr").token)
    unpaid = order_create_from_checkout(checkout_token=make_ready_checkout(channel, [(v, 2)], payment="vietqr").token)
    assert _stock(v, depot) == (5, 3)
    order_mark_paid(order_id=paid.pk, user=staff, psp_reference="FT2611")
    paid.refresh_from_db()
    assert (paid.charge_status, paid.status, paid.total_charged_amount) == ("full", "unfulfilled", paid.total_amount)
    with raises_domain("INVALID_STATUS", "id"):
        order_mark_paid(order_id=paid.pk, user=staff)
    assert expire_unpaid_orders(now=timezone.now() + dt.timedelta(minutes=29)) == []
    assert expire_unpaid_orders(now=timezone.now() + dt.timedelta(minutes=31)) == [unpaid.number]
    assert Order.objects.get(pk=unpaid.pk).status == OrderStatus.CANCELED
    assert Order.objects.get(pk=paid.pk).status == OrderStatus.UNFULFILLED
    assert _stock(v, depot) == (5, 1)


@db
def test_expire_command(channel, depot, capsys):
    v = make_stocked_variant(channel, depot, quantity=5)
    order = order_create_from_checkout(checkout_token=make_ready_checkout(channel, [(v, 2)], payment="vietqr").token)
    Order.objects.filter(pk=order.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    call_command("expire_unpaid_orders")
    assert str(order.number) in capsys.readouterr().out
    assert _stock(v, depot) == (5, 0)


def _race(n: int, fn) -> list:
    barrier = threading.Barrier(n)
    results: list = [None] * n

    def run(i):
        try:
            barrier.wait()
            results[i] = fn(i)
        except Exception as exc:  # collected and asserted by the caller
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_double_clicked_place_order_creates_one_order(channel, depot):
    v = make_stocked_variant(channel, depot, quantity=5)
    checkout = make_ready_checkout(channel, [(v, 2)])
    results = _race(4, lambda i: order_create_from_checkout(checkout_token=checkout.token).pk)
    assert all(isinstance(r, int) for r in results), results
    assert len(set(results)) == 1 and Order.objects.count() == 1
    assert _stock(v, depot) == (5, 2)


@pytest.mark.django_db(transaction=True)
def test_two_buyers_for_the_last_unit(channel, depot):
    v = make_stocked_variant(channel, depot, quantity=1)
    checkouts = [make_ready_checkout(channel, [(v, 1)], email=f"k{i}@example.vn") for i in range(2)]
    results = _race(2, lambda i: order_create_from_checkout(checkout_token=checkouts[i].token))
    assert sum(isinstance(r, Order) for r in results) == 1
    assert sum(isinstance(r, DomainError) for r in results) == 1
    assert Order.objects.count() == 1 and _stock(v, depot) == (1, 1)
