"""A minimal order for tests that only need an Order row to point at."""

from __future__ import annotations

from orders.models import Order, OrderStatus
from orders.numbers import next_order_number


def make_order(channel, *, status: str = OrderStatus.UNFULFILLED, total: int = 100_000, **extra) -> Order:
    return Order.objects.create(number=next_order_number(), channel=channel, status=status, subtotal_amount=total,
                                total_amount=total, **extra)
