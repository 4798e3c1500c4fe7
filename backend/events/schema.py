"""Events GraphQL: eventCreate, eventParticipantAdd, eventClose, eventSalesImport, eventReport. Centre staff only."""

from __future__ import annotations

import graphene
from django.utils.translation import gettext as _
from graphene_file_upload.scalars import Upload
from graphql_relay import to_global_id

from accounts.permissions import Perm
from catalog.models import Product
from core.errors import DomainError
from core.graphql import BaseMutation, decode_global_id, error_type, require_perm
from producers.models import Producer

from .errors import EVENT_ERROR_CODES
from .imports import event_sales_import
from .models import Event, EventKind
from .report import event_report
from .services import event_close, event_create, participant_add

EventError = error_type("EventError", EVENT_ERROR_CODES)
EventKindEnum = graphene.Enum("EventKindEnum", [(k.upper(), k) for k in EventKind.values])


class EventType(graphene.ObjectType):
    class Meta:
        name = "Event"

    id = graphene.ID(required=True)
    name = graphene.String()
    slug = graphene.String()
    kind = graphene.String()
    venue = graphene.String()
    start_date = graphene.Date()
    end_date = graphene.Date()
    organiser = graphene.String()
    status = graphene.String()
    channel = graphene.String(description="Slug of the event's own channel.")
    warehouse_id = graphene.ID(description="The stand (a warehouse).")
    register_ids = graphene.List(graphene.NonNull(graphene.ID))

    resolve_id = staticmethod(lambda root, info: to_global_id("Event", root.pk))
    resolve_kind = staticmethod(lambda root, info: root.kind.upper())
    resolve_status = staticmethod(lambda root, info: root.status.upper())
    resolve_channel = staticmethod(lambda root, info: root.channel.slug)
    resolve_warehouse_id = staticmethod(lambda root, info: to_global_id("Warehouse", root.warehouse_id))
    resolve_register_ids = staticmethod(
        lambda root, info: [to_global_id("PosRegister", r.pk) for r in root.warehouse.pos_registers.all()])


class EventReportRow(graphene.ObjectType):
    key = graphene.String()
    units = graphene.Int()
    revenue = graphene.Int()


class CloseOutLineType(graphene.ObjectType):
    sku = graphene.String()
    name = graphene.String()
    sent = graphene.Int()
    sold = graphene.Int()
    customer_returns = graphene.Int()
    returned = graphene.Int()
    written_off = graphene.Int()
    remaining = graphene.Int()
    difference = graphene.Int()


class EventReportType(graphene.ObjectType):
    class Meta:
        name = "EventReport"

    orders = graphene.Int()
    units = graphene.Int()
    revenue = graphene.Int()
    visitors = graphene.Int()
    leads = graphene.Int()
    by_day = graphene.List(EventReportRow)
    by_producer = graphene.List(EventReportRow)
    by_product = graphene.List(EventReportRow)
    by_payment_method = graphene.List(EventReportRow)
    close_out = graphene.List(CloseOutLineType)
    balanced = graphene.Boolean()


def _report_payload(event: Event) -> dict:
    r = event_report(event)
    return {
        "orders": r.orders, "units": r.units, "revenue": r.revenue, "visitors": r.visitors, "leads": r.leads,
        "by_day": [{"key": x["date"].isoformat(), "units": x["units"], "revenue": x["revenue"]} for x in r.by_day],
        "by_producer": [{"key": x["producer"], "units": x["units"], "revenue": x["revenue"]} for x in r.by_producer],
        "by_product": [{"key": x["sku"], "units": x["units"], "revenue": x["revenue"]} for x in r.by_product],
        "by_payment_method": [{"key": x["method"], "revenue": x["amount"]} for x in r.by_payment_method],
        "close_out": [dict(line.__dict__, difference=line.difference) for line in r.close_out.lines],
        "balanced": r.close_out.balanced,
    }


def _event(gid: str) -> Event:
    event = Event.objects.filter(pk=decode_global_id(gid, "Event")).first()
    if event is None:
        raise DomainError(_("Không tìm thấy sự kiện."), field="id", code="NOT_FOUND")
    return event


class EventCreateInput(graphene.InputObjectType):
    name = graphene.String(required=True)
    kind = EventKindEnum(required=True)
    venue = graphene.String(required=True)
    street_address = graphene.String()
    ward_name = graphene.String()
    province_name = graphene.String()
    start_date = graphene.Date(required=True)
    end_date = graphene.Date(required=True)
    organiser = graphene.String()
    register_count = graphene.Int()


class EventCreate(BaseMutation):
    class Arguments:
        input = EventCreateInput(required=True)

    class Meta:
        error_type_class = EventError
        permissions = (Perm.MANAGE_EVENTS,)

    event = graphene.Field(EventType)

    @classmethod
    def perform_mutation(cls, root, info, input):
        kind = getattr(input["kind"], "value", input["kind"])
        event = event_create(name=input["name"], kind=kind, venue=input["venue"],
                             street_address=input.get("street_address") or "", ward_name=input.get("ward_name") or "",
                             province_name=input.get("province_name") or "Thanh Hóa", start_date=input["start_date"],
                             end_date=input["end_date"], organiser=input.get("organiser") or "",
                             register_count=input.get("register_count", 1) if input.get("register_count") is not None
                             else 1, user=info.context.user)
        return {"event": event}


class EventParticipantAdd(BaseMutation):
    class Arguments:
        event = graphene.ID(required=True)
        producer = graphene.ID(required=True)
        stand_number = graphene.String(required=True)
        products = graphene.List(graphene.NonNull(graphene.ID), required=True)

    class Meta:
        error_type_class = EventError
        permissions = (Perm.MANAGE_EVENTS,)

    event = graphene.Field(EventType)

    @classmethod
    def perform_mutation(cls, root, info, event, producer, stand_number, products):
        ev = _event(event)
        prod = Producer.objects.filter(pk=decode_global_id(producer, "Producer", field="producer")).first()
        if prod is None:
            raise DomainError(_("Không tìm thấy chủ thể."), field="producer", code="NOT_FOUND")
        pks = [decode_global_id(p, "Product", field="products") for p in products]
        items = list(Product.objects.filter(pk__in=pks))
        if len(items) != len(set(pks)):
            raise DomainError(_("Không tìm thấy sản phẩm."), field="products", code="NOT_FOUND")
        participant_add(event=ev, producer=prod, stand_number=stand_number, products=items)
        return {"event": ev}


class EventClose(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        error_type_class = EventError
        permissions = (Perm.MANAGE_EVENTS,)

    event = graphene.Field(EventType)
    report = graphene.Field(EventReportType)

    @classmethod
    def perform_mutation(cls, root, info, id):
        event = event_close(event=_event(id), user=info.context.user)
        return {"event": event, "report": _report_payload(event)}


class EventSalesImport(BaseMutation):
    """Import a stand's daily tally (CSV upload). All rows valid, or nothing is imported."""

    class Arguments:
        event = graphene.ID(required=True)
        file = Upload(required=True)

    class Meta:
        error_type_class = EventError
        permissions = (Perm.MANAGE_EVENTS,)

    imported_rows = graphene.Int()
    order_numbers = graphene.List(graphene.NonNull(graphene.String))

    @classmethod
    def perform_mutation(cls, root, info, event, file):
        result = event_sales_import(event=_event(event), data=file.read(), filename=getattr(file, "name", ""),
                                    user=info.context.user)
        return {"imported_rows": result.row_count, "order_numbers": [str(n) for n in result.order_numbers]}


class Query(graphene.ObjectType):
    events = graphene.List(graphene.NonNull(EventType))
    event = graphene.Field(EventType, id=graphene.ID(), slug=graphene.String())
    event_report = graphene.Field(EventReportType, id=graphene.ID(required=True))

    @staticmethod
    def resolve_events(root, info):
        require_perm(info, Perm.MANAGE_EVENTS)
        return Event.objects.select_related("channel").prefetch_related("warehouse__pos_registers")

    @staticmethod
    def resolve_event(root, info, id=None, slug=None):
        require_perm(info, Perm.MANAGE_EVENTS)
        if id:
            return Event.objects.filter(pk=decode_global_id(id, "Event")).first()
        return Event.objects.filter(slug=slug).first() if slug else None

    @staticmethod
    def resolve_event_report(root, info, id):
        require_perm(info, Perm.MANAGE_EVENTS)
        return _report_payload(_event(id))


class Mutation(graphene.ObjectType):
    event_create = EventCreate.Field()
    event_participant_add = EventParticipantAdd.Field()
    event_close = EventClose.Field()
    event_sales_import = EventSalesImport.Field()


