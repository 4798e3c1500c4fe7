"""Demo event (idempotent): the OCOP and Thanh Hóa food market at Quảng trường Lam Sơn, with
three producers' stands. Dates are set from the day the demo is loaded (demo values)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from catalog.models import Product
from producers.models import Producer

from .models import Event
from .services import event_create, participant_add

NAME = "Chợ phiên sản phẩm OCOP và ẩm thực Thanh Hóa – Quảng trường Lam Sơn"
STANDS = {"le-gia": "A01", "lam-thu": "A02", "lam-tham": "A03"}
FAIR_STAFF = "pos.hoicho@ocop.demo"  # the fair's own team; the showroom's staff are not assigned to it


def _ensure_team(event: Event, staff: list) -> None:
    """The stand and its registers are staffed by the fair's team only (older demo databases gave the
    showroom's staff the fair too)."""
    event.warehouse.staff.set(staff)
    for register in event.warehouse.pos_registers.all():
        register.staff.set(staff)


@transaction.atomic
def ensure_demo_event(today: dt.date | None = None) -> Event | None:
    staff = list(User.objects.filter(email=FAIR_STAFF))
    existing = Event.objects.filter(name=NAME).first()
    if existing is not None:
        _ensure_team(existing, staff)
        return existing
    day = today or timezone.localdate()
    event = event_create(name=NAME, kind="fair", venue="Quảng trường Lam Sơn", street_address="Quảng trường Lam Sơn",
                         ward_name="Phường Hạc Thành", province_name="Thanh Hóa", start_date=day,
                         end_date=day + dt.timedelta(days=6), organiser="Trung tâm Xúc tiến Thương mại Thanh Hóa",
                         register_count=2, staff=staff)
    for slug, stand in STANDS.items():
        producer = Producer.objects.filter(slug=slug).first()
        if producer is None:
            continue
        products = list(Product.objects.filter(producer=producer, moderation_status="approved")[:4])
        if products:
            participant_add(event=event, producer=producer, stand_number=stand, products=products)
    return event
