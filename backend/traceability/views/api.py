"""JSON for staff: stamp lookup for the POS and the EPCIS 2.0 export."""

from __future__ import annotations

import datetime as dt
import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from graphql_relay import to_global_id

from accounts.permissions import Perm, has_perm

from .. import epcis, services
from ..models import Batch, TraceEvent
from ..permissions import can_use_trace_admin, scope_batches
from .auth import api_login_required as login_required


def _is_sales_staff(user) -> bool:
    return (user.is_staff or has_perm(user, Perm.MANAGE_POS) or has_perm(user, Perm.MANAGE_TRACEABILITY)
            or user.assigned_warehouses.exists())


@require_GET
@login_required
def stamp_api(request: HttpRequest) -> JsonResponse:
    """GET /truy-xuat/api/tem/?uri=… → the stamp's variant and status, and a warning if any."""
    if not _is_sales_staff(request.user):
        return JsonResponse({"error": _("Bạn không có quyền tra cứu tem.")}, status=403)
    info = services.stamp_lookup(request.GET.get("uri", ""))
    variant = info.variant
    body = {
        "ok": info.ok,
        "status": info.status,
        "warning": info.warning,
        "serial": info.stamp.serial if info.stamp else (info.link.serial if info.link else None),
        "lot": info.stamp.batch.lot_code if info.stamp else None,
        "variant": None if variant is None else {
            "id": to_global_id("ProductVariant", variant.pk), "pk": variant.pk, "sku": variant.sku,
            "gtin": variant.gtin, "name": str(variant),
        },
    }
    return JsonResponse(body, status=200 if info.status != "invalid" else 400,
                        json_dumps_params={"ensure_ascii": False})


def _parse_moment(value: str, *, end: bool) -> dt.datetime | None:
    moment = parse_datetime(value)
    if moment is None:
        day = parse_date(value)
        if day is None:
            return None
        moment = dt.datetime.combine(day + dt.timedelta(days=1) if end else day, dt.time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


@require_GET
@login_required
def epcis_export(request: HttpRequest) -> HttpResponse:
    """GET /truy-xuat/epcis/?batch=<id> or ?from=…&to=… → EPCISDocument (JSON-LD)."""
    user = request.user
    if not can_use_trace_admin(user):
        return JsonResponse({"error": _("Bạn không có quyền xuất dữ liệu truy xuất.")}, status=403)
    batches = scope_batches(Batch.objects.all(), user)
    events = TraceEvent.objects.filter(batch__in=batches)
    batch_id = request.GET.get("batch")
    if batch_id:
        if not batch_id.isdigit() or not batches.filter(pk=int(batch_id)).exists():
            return JsonResponse({"error": _("Không tìm thấy lô hàng."), "field": "batch"}, status=404)
        events = events.filter(batch_id=int(batch_id))
    start, stop = request.GET.get("from"), request.GET.get("to")
    if not batch_id and not (start or stop):
        return JsonResponse({"error": _("Hãy chọn lô hàng (batch) hoặc khoảng thời gian (from, to)."),
                             "field": "batch"}, status=400)
    for name, value, end in (("from", start, False), ("to", stop, True)):
        if value:
            moment = _parse_moment(value, end=end)
            if moment is None:
                return JsonResponse({"error": _("Thời điểm không hợp lệ (dùng YYYY-MM-DD hoặc ISO 8601)."),
                                     "field": name}, status=400)
            events = events.filter(event_time__lt=moment) if end else events.filter(event_time__gte=moment)
    events = events.select_related("batch__variant", "order").order_by("event_time", "pk")
    doc = epcis.document(events, doc_id=request.build_absolute_uri())
    return HttpResponse(json.dumps(doc, ensure_ascii=False), content_type="application/ld+json; charset=utf-8")
