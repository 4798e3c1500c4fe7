"""EPCIS 2.0 JSON-LD export of our TraceEvents (ObjectEvents), valid against GS1's JSON schema
(standards/epcis/EPCIS-JSON-Schema.json)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable

from django.utils import timezone

from . import digital_link as dl
from .locations import order_uri
from .models import TraceEvent

EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/epcis-context.jsonld"
VN_TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(VN_TZ).isoformat(timespec="milliseconds")


def event_json(event: TraceEvent, *, base_url: str | None = None) -> dict:
    batch = event.batch
    gtin, lot = batch.variant.gtin, batch.lot_code
    out: dict = {
        "type": "ObjectEvent",
        "eventID": event.event_id,
        "eventTime": _iso(event.event_time),
        "eventTimeZoneOffset": event.event_time_zone_offset,
        "recordTime": _iso(event.created_at),
        "action": event.action,
        "bizStep": event.biz_step,
        "disposition": event.disposition,
    }
    if event.quantity is not None:
        out["epcList"] = []
        out["quantityList"] = [{"epcClass": dl.build_uri(gtin=gtin, lot=lot, base_url=base_url),
                                "quantity": event.quantity}]
    else:
        prefix = dl.build_uri(gtin=gtin, lot=lot, base_url=base_url) + "/21/"
        out["epcList"] = [prefix + dl.encode_value(s) for s in event.serials]
    if event.read_point:
        out["readPoint"] = {"id": event.read_point}
    if event.biz_location:
        out["bizLocation"] = {"id": event.biz_location}
    if event.order_id:
        out["bizTransactionList"] = [{"type": "inv", "bizTransaction": order_uri(event.order)}]
    if event.action == "ADD" and event.biz_step == "commissioning":
        ilmd = {"cbvmda:lotNumber": lot, "cbvmda:itemExpirationDate": batch.expiry_date.isoformat()
                if batch.expiry_date else None}
        out["ilmd"] = {k: v for k, v in ilmd.items() if v is not None}
    return out


def document(events: Iterable[TraceEvent], *, base_url: str | None = None, doc_id: str | None = None) -> dict:
    doc: dict = {
        "@context": [EPCIS_CONTEXT],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": _iso(timezone.now()),
        "epcisBody": {"eventList": [event_json(e, base_url=base_url) for e in events]},
    }
    if doc_id:
        doc["id"] = doc_id
    return doc
