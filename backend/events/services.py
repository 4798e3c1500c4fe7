"""Event services: create an event with its channel, stand warehouse and POS registers; participants;
daily visitor counts; send goods to the stand; close the event."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from catalog.models import Product, ProductChannelListing, ProductVariantChannelListing
from channels.models import Channel, ChannelKind
from inventory.models import ChannelWarehouse, Warehouse, WarehouseKind
from inventory.transfers import TransferLineInput, transfer_create, transfer_ship
from pos.models import PosRegister, PosShift, ShiftStatus
from producers.models import Producer

from .closeout import event_close_out
from .errors import EventError
from .models import Event, EventDailyStat, EventKind, EventParticipant, EventStatus


def _unique_slug(model, base: str, field: str = "slug") -> str:
    candidate, i = base, 2
    while model.objects.filter(**{field: candidate}).exists():
        candidate, i = f"{base}-{i}", i + 1
    return candidate


@transaction.atomic
def event_create(*, name: str, kind: str, venue: str, start_date: dt.date, end_date: dt.date,
                 organiser: str = "", street_address: str = "", ward_name: str = "", province_name: str = "Thanh Hóa",
                 register_count: int = 1, staff: list | None = None, user=None) -> Event:
    """Creates the event with its own channel (kind event), warehouse (the stand) and registers."""
    if not (name or "").strip():
        raise EventError(_("Vui lòng nhập tên sự kiện."), field="name", code="REQUIRED")
    if kind not in EventKind.values:
        raise EventError(_("Loại sự kiện không hợp lệ."), field="kind")
    if not (venue or "").strip():
        raise EventError(_("Vui lòng nhập địa điểm."), field="venue", code="REQUIRED")
    if start_date is None or end_date is None or end_date < start_date:
        raise EventError(_("Ngày kết thúc không được trước ngày bắt đầu."), field="endDate", code="INVALID_DATES")
    if not 0 <= register_count <= 200:
        raise EventError(_("Số quầy thu ngân phải từ 0 đến 200."), field="registerCount")
    base = slugify(name)[:80] or "su-kien"
    slug = _unique_slug(Event, base)
    channel = Channel.objects.create(name=name.strip()[:250], slug=_unique_slug(Channel, f"su-kien-{slug}"),
                                     kind=ChannelKind.EVENT, is_active=True)
    warehouse = Warehouse.objects.create(
        name=(_("Gian hàng %(name)s") % {"name": name.strip()})[:250], slug=_unique_slug(Warehouse, f"gian-hang-{slug}"),
        kind=WarehouseKind.EVENT_STAND, street_address=street_address or venue, ward_name=ward_name,
        province_name=province_name)
    ChannelWarehouse.objects.create(channel=channel, warehouse=warehouse, sort_order=0)
    if staff:
        warehouse.staff.set(staff)
    for i in range(1, register_count + 1):
        register = PosRegister.objects.create(name=(_("Quầy %(n)s – %(name)s") % {"n": i, "name": name.strip()})[:120],
                                              code=_unique_slug(PosRegister, f"{slug[:48]}-quay-{i}", "code"),
                                              warehouse=warehouse, channel=channel)
        if staff:
            register.staff.set(staff)
    today = timezone.localdate()
    status = EventStatus.OPEN if start_date <= today <= end_date else EventStatus.PLANNED
    return Event.objects.create(name=name.strip(), slug=slug, kind=kind, venue=venue.strip(),
                                street_address=street_address, ward_name=ward_name, province_name=province_name,
                                start_date=start_date, end_date=end_date, organiser=organiser, status=status,
                                channel=channel, warehouse=warehouse,
                                created_by=user if getattr(user, "is_authenticated", False) else None)


def _ensure_open(event: Event) -> None:
    if event.status == EventStatus.CLOSED:
        raise EventError(_("Sự kiện đã kết thúc."), code="EVENT_CLOSED")


@transaction.atomic
def participant_add(*, event: Event, producer: Producer, stand_number: str, products: list[Product],
                    price_channel_slug: str = "online") -> EventParticipant:
    """A producer takes a stand and brings products; they are listed in the event's channel at the
    producer's online price (the listing gate still decides whether they may be sold)."""
    _ensure_open(event)
    stand_number = (stand_number or "").strip()
    if not stand_number:
        raise EventError(_("Vui lòng nhập số gian hàng."), field="standNumber", code="REQUIRED")
    foreign = [p.name for p in products if p.producer_id != producer.pk]
    if foreign:
        raise EventError(_("Sản phẩm không thuộc chủ thể này: %(p)s") % {"p": ", ".join(foreign)}, field="products",
                         code="NOT_PARTICIPANT")
    if EventParticipant.objects.filter(event=event, stand_number=stand_number).exclude(producer=producer).exists():
        raise EventError(_("Gian hàng %(s)s đã có chủ thể khác.") % {"s": stand_number}, field="standNumber",
                         code="STAND_TAKEN")
    participant, _created = EventParticipant.objects.update_or_create(
        event=event, producer=producer, defaults={"stand_number": stand_number})
    participant.products.add(*products)
    now = timezone.now()
    for product in products:
        ProductChannelListing.objects.update_or_create(
            product=product, channel=event.channel, defaults={"is_published": True, "published_at": now})
        prices = ProductVariantChannelListing.objects.filter(variant__product=product, channel__slug=price_channel_slug)
        for listing in prices:
            ProductVariantChannelListing.objects.get_or_create(
                variant_id=listing.variant_id, channel=event.channel,
                defaults={"price_amount": listing.price_amount, "cost_price_amount": listing.cost_price_amount})
    return participant


def daily_stat_record(*, event: Event, date: dt.date, visitors: int = 0, leads: int = 0, note: str = ""
                      ) -> EventDailyStat:
    if visitors < 0 or leads < 0:
        raise EventError(_("Số khách và số đầu mối không được âm."), field="visitors")
    if not event.start_date <= date <= event.end_date:
        raise EventError(_("Ngày nằm ngoài thời gian sự kiện."), field="date", code="INVALID_DATES")
    stat, _created = EventDailyStat.objects.update_or_create(event=event, date=date, defaults={
        "visitors": visitors, "leads": leads, "note": note})
    return stat


@transaction.atomic
def event_stock_send(*, event: Event, source_warehouse_id: int, lines: list[tuple[int, int]], user=None):
    """Goods leave a showroom or producer store for the stand (a shipped transfer; the stand
    receives it with inventory's transfer_receive, recording any damaged or missing items)."""
    _ensure_open(event)
    transfer = transfer_create(source_id=source_warehouse_id, destination_id=event.warehouse_id,
                               lines=[TransferLineInput(variant_id=v, quantity=q) for v, q in lines], user=user)
    return transfer_ship(transfer_id=transfer.pk, user=user)


@transaction.atomic
def event_stock_return(*, event: Event, destination_warehouse_id: int, lines: list[tuple[int, int]], user=None):
    """Unsold goods go back from the stand (shipped now; received at the destination)."""
    transfer = transfer_create(source_id=event.warehouse_id, destination_id=destination_warehouse_id,
                               lines=[TransferLineInput(variant_id=v, quantity=q) for v, q in lines], user=user)
    return transfer_ship(transfer_id=transfer.pk, user=user)


@transaction.atomic
def event_close(*, event: Event, user=None) -> Event:
    """Close the event: no open POS shift (its sales may not be synced yet), no goods left at the
    stand. Freezes the close-out and stops selling in the event's channel."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    _ensure_open(event)
    open_shifts = PosShift.objects.filter(register__warehouse=event.warehouse, status=ShiftStatus.OPEN).count()
    if open_shifts:
        raise EventError(_("Còn %(n)s ca bán hàng chưa đóng: hãy đồng bộ và đóng ca trước khi kết thúc sự kiện.")
                         % {"n": open_shifts}, code="UNSYNCED_SALES")
    close_out = event_close_out(event)
    if close_out.remaining_total:
        raise EventError(_("Gian hàng còn %(n)s sản phẩm: hãy chuyển hàng về hoặc ghi huỷ trước khi kết thúc.")
                         % {"n": close_out.remaining_total}, code="STOCK_REMAINING")
    event.close_out = close_out.as_dict()
    event.status = EventStatus.CLOSED
    event.closed_at = timezone.now()
    event.save(update_fields=["close_out", "status", "closed_at"])
    Channel.objects.filter(pk=event.channel_id).update(is_active=False)
    Warehouse.objects.filter(pk=event.warehouse_id).update(is_active=False)
    PosRegister.objects.filter(warehouse=event.warehouse).update(is_active=False)
    return event
