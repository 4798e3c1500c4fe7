"""Checkout reservations (Saleor's Reservation): stock held for a checkout for the channel's
`reservation_minutes`. Held units are not available to other buyers until they expire or are released;
`stock_allocate(..., checkout_token=)` lets the checkout's own order use (and consume) them.

Hold decisions are serialised per variant: the stocks of the wanted variants in the candidate
warehouses are locked first (`locks.lock_stocks_matching`, pk order) and the other checkouts' live
holds are read only then, so two buyers can never both take the last unit, a hold released or expired a
moment ago is available at once, and holds never exceed quantity − allocated when they are taken."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from channels.models import Channel

from .errors import DuplicateLine, InsufficientStock
from .locks import lock_stocks_matching
from .models import Reservation
from .planning import plan_by_strategy
from .primitives import channel_warehouse_ids, check_qty


@dataclass(frozen=True)
class ReservationLine:
    variant_id: int
    quantity: int


def _normalise(lines: Iterable) -> list[ReservationLine]:
    out: dict[int, ReservationLine] = {}
    for raw in lines:
        if isinstance(raw, ReservationLine):
            line = raw
        elif isinstance(raw, dict):
            line = ReservationLine(variant_id=raw["variant_id"], quantity=raw["quantity"])
        else:
            variant_id, quantity = raw
            line = ReservationLine(variant_id=variant_id, quantity=quantity)
        check_qty(line.quantity, field="lines")
        if line.variant_id in out:
            raise DuplicateLine()
        out[line.variant_id] = line
    return list(out.values())


@transaction.atomic
def reservation_replace(checkout_token: str, lines: Sequence[ReservationLine | tuple[int, int] | dict],
                        channel: Channel, *, warehouse_ids: Sequence[int] | None = None,
                        now: dt.datetime | None = None) -> list[Reservation]:
    """Replace every reservation of the checkout with the given lines (variant_id, quantity), split
    over the channel's warehouses by its allocation strategy, held for `channel.reservation_minutes`.
    The checkout's own current holds (live or expired) count as available to it.

    With `reservation_minutes == 0` the channel does not reserve: existing holds are released and
    [] is returned. Not enough stock → InsufficientStock (items say how many units this checkout
    could have) and the previous holds stay as they were.
    """
    token = str(checkout_token)
    wanted = _normalise(lines)
    minutes = channel.reservation_minutes or 0
    if minutes <= 0 or not wanted:
        Reservation.objects.filter(checkout_token=token).delete()
        return []
    now = now or timezone.now()
    order = list(warehouse_ids) if warehouse_ids is not None else channel_warehouse_ids(channel)
    priority = {wid: i for i, wid in enumerate(order)}
    locked = lock_stocks_matching([w.variant_id for w in wanted], order, reserved_for=token, now=now)
    # under the lock: a concurrent request of this same checkout has committed its holds by now
    Reservation.objects.filter(checkout_token=token).delete()
    remaining = {s.pk: s.quantity - s.quantity_allocated - s.reserved for s in locked.values()}
    plan, missing = plan_by_strategy(wanted, locked, remaining, strategy=channel.allocation_strategy,
                                     priority=priority)
    if missing:
        raise InsufficientStock(missing, field="lines")
    expires = now + dt.timedelta(minutes=minutes)
    return Reservation.objects.bulk_create([
        Reservation(checkout_token=token, channel=channel, stock=stock, product_variant_id=stock.product_variant_id,
                    warehouse_id=stock.warehouse_id, quantity_reserved=take, expires_at=expires)
        for _line, stock, take in plan
    ])


def reservation_create(checkout_token: str, lines: Sequence[ReservationLine | tuple[int, int] | dict],
                       channel: Channel, *, warehouse_ids: Sequence[int] | None = None,
                       now: dt.datetime | None = None) -> list[Reservation]:
    """Reserve stock for a checkout (same as `reservation_replace`: a checkout holds one set of lines)."""
    return reservation_replace(checkout_token, lines, channel, warehouse_ids=warehouse_ids, now=now)


def reservation_release(checkout_token: str) -> int:
    """Drop every hold of the checkout (emptied, abandoned or completed); returns rows removed. The
    units are available to the next hold decision as soon as this commits."""
    deleted, _by_model = Reservation.objects.filter(checkout_token=str(checkout_token)).delete()
    return deleted


def reservations_for_checkout(checkout_token: str, *, now: dt.datetime | None = None) -> list[Reservation]:
    return list(Reservation.objects.filter(checkout_token=str(checkout_token), expires_at__gt=now or timezone.now()))


def reservations_delete_expired(*, now: dt.datetime | None = None) -> int:
    """Cleanup only: expired holds are already ignored by every availability check and hold decision."""
    deleted, _by_model = Reservation.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted
