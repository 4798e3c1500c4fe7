"""Checkout reservations: held for other buyers, usable by the own order, expiring."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from inventory.availability import availability_for_variants
from inventory.errors import InsufficientStock, InvalidQuantity
from inventory.models import Reservation
from inventory.reservations import (
    ReservationLine,
    reservation_create,
    reservation_release,
    reservation_replace,
    reservations_delete_expired,
)
from inventory.services import LineRequest, available_in_channel, stock_allocate
from inventory.tasks import reservations_expire_task
from tests.factories.inventory import make_order_line, make_stocked_variant
from tests.inventory.conftest import snapshot

pytestmark = pytest.mark.django_db


def test_reservation_holds_stock_from_other_buyers(reserving, two_warehouses):
    a, b = two_warehouses
    variant = make_stocked_variant(reserving, {a: 3, b: 2})
    rows = reservation_create("checkout-1", [ReservationLine(variant.pk, 4)], reserving)
    assert sorted((r.warehouse_id, r.quantity_reserved) for r in rows) == sorted([(a.pk, 3), (b.pk, 1)])
    assert all(r.expires_at > timezone.now() + dt.timedelta(minutes=14) for r in rows)
    assert available_in_channel(variant.pk, reserving) == 1
    assert available_in_channel(variant.pk, reserving, checkout_token="checkout-1") == 5
    with pytest.raises(InsufficientStock):
        reservation_create("checkout-2", [(variant.pk, 2)], reserving)
    other = make_order_line(reserving, variant, 2)
    with pytest.raises(InsufficientStock):
        stock_allocate(lines=[LineRequest(other.pk, variant.pk, 2)], channel=reserving)
    # the checkout's own order may use its reservation, which is then consumed
    own = make_order_line(reserving, variant, 4)
    stock_allocate(lines=[LineRequest(own.pk, variant.pk, 4)], channel=reserving, checkout_token="checkout-1")
    assert not Reservation.objects.filter(checkout_token="checkout-1").exists()
    assert available_in_channel(variant.pk, reserving) == 1


def test_replace_changes_quantities_and_failure_keeps_previous(reserving, two_warehouses):
    a, _b = two_warehouses
    variant = make_stocked_variant(reserving, {a: 5})
    reservation_replace("c1", [{"variant_id": variant.pk, "quantity": 2}], reserving)
    reservation_replace("c1", [(variant.pk, 5)], reserving)  # own hold does not block its replacement
    assert list(Reservation.objects.values_list("quantity_reserved", flat=True)) == [5]
    reservation_replace("c2", [], reserving)
    before = snapshot()
    with pytest.raises(InsufficientStock):
        reservation_replace("c1", [(variant.pk, 6)], reserving)
    with pytest.raises(InvalidQuantity):
        reservation_replace("c1", [(variant.pk, 0)], reserving)
    assert snapshot() == before
    assert reservation_release("c1") == 1
    assert available_in_channel(variant.pk, reserving) == 5


def test_channel_without_reservations_holds_nothing(channel, two_warehouses):
    a, _b = two_warehouses
    variant = make_stocked_variant(channel, {a: 5})
    assert reservation_create("c1", [(variant.pk, 5)], channel) == []
    assert available_in_channel(variant.pk, channel) == 5


def test_expired_reservations_do_not_count_and_are_cleaned_up(reserving, two_warehouses):
    a, _b = two_warehouses
    variant = make_stocked_variant(reserving, {a: 5})
    past = timezone.now() - dt.timedelta(hours=1)
    reservation_create("old", [(variant.pk, 5)], reserving, now=past)
    assert availability_for_variants([variant.pk], reserving) == {variant.pk: 5}
    line = make_order_line(reserving, variant, 5)
    stock_allocate(lines=[LineRequest(line.pk, variant.pk, 5)], channel=reserving)
    assert reservations_expire_task.delay().get() == 1
    assert reservations_delete_expired() == 0


def test_hold_and_completion_query_budgets(reserving, two_warehouses, django_assert_max_num_queries):
    """A hold decision is: channel warehouses, lock (ids only), read the locked rows with others' live
    holds, drop the own holds, insert (+ savepoint). Completion adds the allocation writes."""
    a, b = two_warehouses
    variant = make_stocked_variant(reserving, {a: 3, b: 3})
    with django_assert_max_num_queries(7):
        reservation_replace("c1", [(variant.pk, 4)], reserving)
    line = make_order_line(reserving, variant, 4)
    with django_assert_max_num_queries(9):
        stock_allocate(lines=[LineRequest(line.pk, variant.pk, 4)], channel=reserving, checkout_token="c1")
    assert not Reservation.objects.exists()
