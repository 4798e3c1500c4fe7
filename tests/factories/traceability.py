"""Factories for traceability tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from producers.models import MemberRole, ProducerMember
from traceability import services
from traceability.models import Batch

from .catalog import make_certificate, make_product, make_user, make_variant, n


def make_producer_user(producer, **extra):
    user = make_user(**extra)
    ProducerMember.objects.create(producer=producer, user=user, role=MemberRole.OWNER)
    return user


def make_trace_staff(**extra):
    return make_user(perms=["accounts.manage_traceability"], is_staff=True, **extra)


def make_batch(*, variant=None, producer=None, quantity: int = 100, lot_code: str | None = None,
               production_date: dt.date | None = None, expiry_date: dt.date | None = None, **extra) -> Batch:
    if variant is None:
        product = make_product(producer=producer, **({"short_name": extra.pop("short_name")} if "short_name" in extra else {}))
        make_certificate(product, stars=4)
        variant = make_variant(product)
    made = production_date or (timezone.localdate() - dt.timedelta(days=10))
    return services.batch_create(user=make_trace_staff(), data=services.BatchInput(
        variant_id=variant.pk, lot_code=lot_code or f"L{n():05d}", production_date=made,
        expiry_date=expiry_date or made + dt.timedelta(days=365), quantity=quantity,
        origin_commune=extra.pop("origin_commune", "Xã Hoằng Thanh"), origin_farm=extra.pop("origin_farm", ""),
        origin_cooperative=extra.pop("origin_cooperative", "HTX Nước mắm Ba Làng"), notes=""))
