"""GraphQL for traceability: batches, batchCreate, stampsIssue, stamp(uri), traceEvents(filter).

Type names carry a `Trace` prefix where a generic name could collide with other apps' types.
Everything is scoped: centre staff (MANAGE_TRACEABILITY) see all, producer members their own.
"""

from __future__ import annotations

import graphene
from django.urls import reverse
from graphql import GraphQLError
from graphql_relay import to_global_id

from core.errors import DomainError, PermissionDenied
from core.graphql import BaseMutation, decode_global_id, error_type, user_from_info

from . import epcis, services
from .models import Batch as BatchModel
from .models import TraceEvent as TraceEventModel
from .permissions import can_use_trace_admin, scope_batches
from .views.api import _is_sales_staff

TraceError = error_type("TraceabilityError", ["STAMP_ALREADY_SOLD", "STAMP_VOIDED"])


def _require_trace_user(info):
    user = user_from_info(info)
    if not can_use_trace_admin(user):
        raise GraphQLError("Bạn không có quyền truy cập dữ liệu truy xuất.", extensions={"code": "PERMISSION_DENIED"})
    return user


class Batch(graphene.ObjectType):
    """A production lot (GS1 AI 10) of a product variant."""

    id = graphene.ID(required=True)
    lot_code = graphene.String(required=True)
    variant_id = graphene.ID(required=True, description="ProductVariant global ID.")
    sku = graphene.String(required=True)
    gtin = graphene.String(required=True, description="GTIN-14 as used in Digital Link URIs.")
    product_name = graphene.String(required=True)
    producer_id = graphene.ID(required=True)
    production_date = graphene.Date(required=True)
    expiry_date = graphene.Date()
    quantity = graphene.Int(required=True)
    stamps_issued = graphene.Int(required=True)
    origin_commune = graphene.String()
    origin_farm = graphene.String()
    origin_cooperative = graphene.String()
    notes = graphene.String()
    uri = graphene.String(required=True, description="The batch's Digital Link URI (/01/<gtin>/10/<lot>).")

    @staticmethod
    def from_model(b: BatchModel) -> Batch:
        return Batch(
            id=to_global_id("Batch", b.pk), lot_code=b.lot_code, variant_id=to_global_id("ProductVariant", b.variant_id),
            sku=b.variant.sku, gtin=b.variant.gtin.zfill(14), product_name=b.variant.product.name,
            producer_id=to_global_id("Producer", b.producer_id), production_date=b.production_date,
            expiry_date=b.expiry_date, quantity=b.quantity, stamps_issued=b.stamps_issued,
            origin_commune=b.origin_commune, origin_farm=b.origin_farm, origin_cooperative=b.origin_cooperative,
            notes=b.notes, uri=services.batch_uri(b),
        )


class TraceStamp(graphene.ObjectType):
    """What a scanned stamp URI says (for the POS and staff)."""

    ok = graphene.Boolean(required=True, description="Genuine, not sold, not voided.")
    status = graphene.String(required=True, description="issued | applied | sold | voided | unknown | invalid")
    warning = graphene.String()
    serial = graphene.String()
    lot = graphene.String()
    variant_id = graphene.ID()
    sku = graphene.String()
    gtin = graphene.String()
    product_name = graphene.String()
    scan_count = graphene.Int()


class TraceQuantity(graphene.ObjectType):
    epc_class = graphene.String(required=True)
    quantity = graphene.Int(required=True)


class TraceEvent(graphene.ObjectType):
    """An EPCIS 2.0 ObjectEvent."""

    id = graphene.ID(required=True)
    event_id = graphene.String(required=True)
    batch_id = graphene.ID(required=True)
    event_time = graphene.DateTime(required=True)
    event_time_zone_offset = graphene.String(required=True)
    action = graphene.String(required=True)
    biz_step = graphene.String(required=True)
    disposition = graphene.String(required=True)
    read_point = graphene.String()
    biz_location = graphene.String()
    epc_count = graphene.Int(required=True)
    epc_list = graphene.List(graphene.NonNull(graphene.String), required=True, first=graphene.Int(default_value=100))
    quantity_list = graphene.List(graphene.NonNull(TraceQuantity), required=True)
    epcis_json = graphene.JSONString(required=True, description="The event as EPCIS 2.0 JSON-LD.")

    @staticmethod
    def from_model(e: TraceEventModel) -> TraceEvent:
        out = TraceEvent(id=to_global_id("TraceEvent", e.pk), event_id=e.event_id,
                         batch_id=to_global_id("Batch", e.batch_id), event_time=e.event_time,
                         event_time_zone_offset=e.event_time_zone_offset, action=e.action, biz_step=e.biz_step,
                         disposition=e.disposition, read_point=e.read_point or None,
                         biz_location=e.biz_location or None, epc_count=len(e.serials))
        out._model = e
        return out

    @staticmethod
    def resolve_epc_list(root, info, first=100):
        e = root._model
        return services.stamp_uris(e.batch, e.serials[: max(0, min(first, 10_000))])

    @staticmethod
    def resolve_quantity_list(root, info):
        e = root._model
        if e.quantity is None:
            return []
        return [TraceQuantity(epc_class=services.batch_uri(e.batch), quantity=e.quantity)]

    @staticmethod
    def resolve_epcis_json(root, info):
        return epcis.event_json(root._model)


class TraceEventFilterInput(graphene.InputObjectType):
    batch = graphene.ID()
    biz_step = graphene.String()
    time_from = graphene.DateTime(name="from")
    time_to = graphene.DateTime(name="to")


class BatchCreateInput(graphene.InputObjectType):
    variant = graphene.ID(required=True)
    lot_code = graphene.String(required=True)
    production_date = graphene.Date(required=True)
    expiry_date = graphene.Date()
    quantity = graphene.Int(required=True)
    origin_commune = graphene.String()
    origin_farm = graphene.String()
    origin_cooperative = graphene.String()
    notes = graphene.String()


def _batch_qs():
    return BatchModel.objects.select_related("variant__product")


class Query(graphene.ObjectType):
    batches = graphene.List(graphene.NonNull(Batch), required=True, first=graphene.Int(default_value=50),
                            description="Batches the user may manage (newest first).")
    stamp = graphene.Field(TraceStamp, uri=graphene.String(required=True),
                           description="Look up a scanned stamp URI (sales staff, producers, centre staff).")
    trace_events = graphene.List(graphene.NonNull(TraceEvent), required=True, filter=TraceEventFilterInput(),
                                 first=graphene.Int(default_value=100))

    @staticmethod
    def resolve_batches(root, info, first=50):
        user = _require_trace_user(info)
        qs = scope_batches(_batch_qs(), user).order_by("-created_at", "-pk")[: max(0, min(first, 500))]
        return [Batch.from_model(b) for b in qs]

    @staticmethod
    def resolve_stamp(root, info, uri):
        user = user_from_info(info)
        if not (user and user.is_authenticated and (_is_sales_staff(user) or can_use_trace_admin(user))):
            raise GraphQLError("Bạn không có quyền tra cứu tem.", extensions={"code": "PERMISSION_DENIED"})
        info_ = services.stamp_lookup(uri)
        v = info_.variant
        return TraceStamp(ok=info_.ok, status=info_.status, warning=info_.warning or None,
                          serial=info_.stamp.serial if info_.stamp else None,
                          lot=info_.stamp.batch.lot_code if info_.stamp else None,
                          variant_id=to_global_id("ProductVariant", v.pk) if v else None,
                          sku=v.sku if v else None, gtin=v.gtin if v else None,
                          product_name=v.product.name if v else None,
                          scan_count=info_.stamp.scan_count if info_.stamp else None)

    @staticmethod
    def resolve_trace_events(root, info, filter=None, first=100):
        user = _require_trace_user(info)
        qs = TraceEventModel.objects.filter(batch__in=scope_batches(BatchModel.objects.all(), user))
        f = filter or {}
        if f.get("batch"):
            try:
                qs = qs.filter(batch_id=decode_global_id(f["batch"], "Batch", field="batch"))
            except DomainError as exc:
                raise GraphQLError(exc.message) from None
        if f.get("biz_step"):
            qs = qs.filter(biz_step=f["biz_step"])
        if f.get("time_from"):
            qs = qs.filter(event_time__gte=f["time_from"])
        if f.get("time_to"):
            qs = qs.filter(event_time__lt=f["time_to"])
        qs = qs.select_related("batch__variant", "order").order_by("event_time", "pk")[: max(0, min(first, 1000))]
        return [TraceEvent.from_model(e) for e in qs]


class BatchCreate(BaseMutation):
    batch = graphene.Field(Batch)

    class Arguments:
        input = BatchCreateInput(required=True)

    class Meta:
        error_type_class = TraceError

    @classmethod
    def perform_mutation(cls, root, info, input):
        user = user_from_info(info)
        if not can_use_trace_admin(user):
            raise PermissionDenied("Bạn không có quyền tạo lô hàng.")
        data = services.BatchInput(
            variant_id=decode_global_id(input["variant"], "ProductVariant", field="variant"),
            lot_code=input["lot_code"], production_date=input["production_date"],
            expiry_date=input.get("expiry_date"), quantity=input["quantity"],
            origin_commune=input.get("origin_commune") or "", origin_farm=input.get("origin_farm") or "",
            origin_cooperative=input.get("origin_cooperative") or "", notes=input.get("notes") or "")
        batch = services.batch_create(user=user, data=data)
        return {"batch": Batch.from_model(_batch_qs().get(pk=batch.pk))}


class StampsIssue(BaseMutation):
    batch = graphene.Field(Batch)
    issue_run = graphene.Int()
    count = graphene.Int()
    uris = graphene.List(graphene.NonNull(graphene.String), description="The new stamps' Digital Link URIs.")
    pdf_url = graphene.String(description="A4 sheet of QR labels for this run (needs a logged-in session).")
    csv_url = graphene.String()

    class Arguments:
        batch = graphene.ID(required=True)
        count = graphene.Int(required=True)

    class Meta:
        error_type_class = TraceError

    @classmethod
    def perform_mutation(cls, root, info, batch, count):
        user = user_from_info(info)
        if not can_use_trace_admin(user):
            raise PermissionDenied("Bạn không có quyền phát hành tem.")
        batch_id = decode_global_id(batch, "Batch", field="batch")
        result = services.stamps_issue(user=user, batch_id=batch_id, count=count)
        b = _batch_qs().get(pk=batch_id)
        return {"batch": Batch.from_model(b), "issue_run": result.issue_run, "count": len(result.serials),
                "uris": services.stamp_uris(b, result.serials),
                "pdf_url": reverse("traceability:manage_pdf", args=[b.pk]) + f"?run={result.issue_run}",
                "csv_url": reverse("traceability:manage_csv", args=[b.pk]) + f"?run={result.issue_run}"}


class Mutation(graphene.ObjectType):
    batch_create = BatchCreate.Field()
    stamps_issue = StampsIssue.Field()
