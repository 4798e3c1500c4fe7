"""Demo data for the POS: one register per showroom / supermarket-counter warehouse."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from channels.models import ChannelKind
from inventory.models import ChannelWarehouse, Warehouse, WarehouseKind

from .models import PosRegister

POS_CHANNEL_KINDS = (ChannelKind.SHOWROOM, ChannelKind.SUPERMARKET, ChannelKind.EVENT)


@transaction.atomic
def ensure_demo_registers() -> list[PosRegister]:
    """Idempotent: for each active showroom/supermarket warehouse linked to a showroom/supermarket/event
    channel, make sure a register exists and that the warehouse's staff are assigned to it."""
    out = []
    warehouses = Warehouse.objects.filter(kind__in=(WarehouseKind.SHOWROOM, WarehouseKind.SUPERMARKET),
                                          is_active=True).prefetch_related("staff")
    for wh in warehouses:
        link = (ChannelWarehouse.objects.filter(warehouse=wh, channel__kind__in=POS_CHANNEL_KINDS)
                .select_related("channel").order_by("sort_order", "pk").first())
        if link is None:
            continue
        register, _created = PosRegister.objects.get_or_create(
            code=slugify(f"quay-{wh.slug}")[:64],
            defaults={"name": f"Quầy 1 – {wh.name}"[:120], "warehouse": wh, "channel": link.channel},
        )
        register.staff.add(*wh.staff.all())
        out.append(register)
    return out
