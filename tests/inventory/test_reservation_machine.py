"""A state machine over reserve / change / release / expire / complete / restock / sweep for four
checkouts buying one variant stocked in two warehouses of the channel. After every step: holds plus
allocations never exceed a stock, orders never exceed what was received, the ledger agrees; a hold
or an order is granted exactly when the units are there for that checkout; and every checkout with a
live hold completes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Sum
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from inventory.errors import InsufficientStock
from inventory.ledger import ledger_drift
from inventory.models import Reservation, Stock
from inventory.reservations import reservation_release, reservation_replace, reservations_delete_expired
from inventory.services import LineRequest, stock_allocate, stock_receive
from tests.factories.inventory import make_order_line, make_stocked_variant
from tests.inventory.conftest import overheld_stocks

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

BUYERS = [f"cart-{i}" for i in range(4)]
buyer = st.sampled_from(BUYERS)
units = st.integers(min_value=1, max_value=4)


def test_reservations_state_machine(reserving, two_warehouses):
    channel = reserving
    a, b = two_warehouses

    class Buyers(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.variant = make_stocked_variant(channel, {a: 3, b: 2})
            self.received = 5
            self.holds: dict[str, int] = {}  # live holds, as the model sees them
            self.sold = 0

        def stocks(self) -> list[Stock]:
            return list(Stock.objects.filter(product_variant=self.variant))

        def available_to(self, token: str) -> int:
            """quantity − allocated − others' live holds, per stock, from the database (read, not locked)."""
            now = timezone.now()
            total = 0
            for s in self.stocks():
                others = (Reservation.objects.filter(stock=s, expires_at__gt=now).exclude(checkout_token=token)
                          .aggregate(q=Sum("quantity_reserved"))["q"] or 0)
                total += max(s.quantity - s.quantity_allocated - others, 0)
            return total

        @rule(token=buyer, quantity=units)
        def reserve(self, token, quantity):
            expected = quantity <= self.available_to(token)
            try:
                reservation_replace(token, [(self.variant.pk, quantity)], channel)
                granted = True
            except InsufficientStock as exc:
                granted = False
                assert exc.items[0]["available"] == self.available_to(token)  # says how many are left
            assert granted == expected
            if granted:
                self.holds[token] = quantity

        @rule(token=buyer)
        def release(self, token):
            reservation_release(token)
            self.holds.pop(token, None)

        @rule(token=buyer)
        def expire(self, token):
            Reservation.objects.filter(checkout_token=token).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
            self.holds.pop(token, None)

        @rule(token=buyer, quantity=units)
        def complete(self, token, quantity):
            held = self.holds.get(token)
            want = held or quantity
            expected = held is not None or want <= self.available_to(token)
            line = make_order_line(channel, self.variant, want)
            try:
                stock_allocate(lines=[LineRequest(line.pk, self.variant.pk, want)], channel=channel,
                               checkout_token=token)
                ok = True
            except InsufficientStock:
                ok = False
            assert ok == expected, (token, held, want)
            if ok:
                self.sold += want
                self.holds.pop(token, None)
                assert not Reservation.objects.filter(checkout_token=token).exists()

        @rule(warehouse=st.sampled_from(["a", "b"]), quantity=units)
        def restock(self, warehouse, quantity):
            stock_receive(variant_id=self.variant.pk, warehouse_id=(a if warehouse == "a" else b).pk, quantity=quantity)
            self.received += quantity

        @rule()
        def sweep(self):
            reservations_delete_expired()

        @invariant()
        def holds_within_stock(self):
            assert overheld_stocks(self.variant.pk) == []

        @invariant()
        def orders_within_stock(self):
            allocated = sum(s.quantity_allocated for s in self.stocks())
            assert allocated == self.sold <= self.received
            assert ledger_drift([s.pk for s in self.stocks()]) == []

        @invariant()
        def live_holds_are_the_models(self):
            live = dict(Reservation.objects.filter(product_variant=self.variant, expires_at__gt=timezone.now())
                        .values("checkout_token").annotate(q=Sum("quantity_reserved"))
                        .values_list("checkout_token", "q"))
            assert live == self.holds

    run_state_machine_as_test(Buyers, settings=settings(
        max_examples=25, stateful_step_count=15, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]))
