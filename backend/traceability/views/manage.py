"""Batch and stamp management under /truy-xuat/quan-ly/ (centre staff: all; producers: their own)."""

from __future__ import annotations

import csv
import io
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import DomainError

from .. import labels, services
from ..forms import BatchForm, DocumentForm, IssueForm, SheetForm, VoidForm
from ..models import Batch, Stamp, StampScanAlert
from ..permissions import can_use_trace_admin, is_trace_staff, scope_batches
from .auth import page_login_required as login_required

T = "traceability/manage/"


def trace_admin_required(view):
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not can_use_trace_admin(request.user):
            raise DjangoPermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _batches(user) -> QuerySet[Batch]:
    return scope_batches(Batch.objects.select_related("variant__product", "producer"), user)


def _batch_or_404(user, pk: int) -> Batch:
    return get_object_or_404(_batches(user), pk=pk)


@trace_admin_required
def batch_list(request: HttpRequest) -> HttpResponse:
    batches = _batches(request.user).order_by("-created_at")[:200]
    return render(request, T + "batch_list.html", {"batches": batches, "is_staff": is_trace_staff(request.user)})


@trace_admin_required
def batch_create(request: HttpRequest) -> HttpResponse:
    form = BatchForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            batch = services.batch_create(user=request.user, data=services.BatchInput(
                variant_id=d["variant"].pk, lot_code=d["lot_code"], production_date=d["production_date"],
                expiry_date=d["expiry_date"], quantity=d["quantity"], origin_commune=d["origin_commune"],
                origin_farm=d["origin_farm"], origin_cooperative=d["origin_cooperative"], notes=d["notes"]))
        except DomainError as exc:
            form.add_error(_form_field(exc.field, form), exc.message)
        else:
            messages.success(request, _("Đã tạo lô %(lot)s.") % {"lot": batch.lot_code})
            return redirect("traceability:manage_batch", pk=batch.pk)
    return render(request, T + "batch_form.html", {"form": form}, status=400 if form.errors else 200)


def _form_field(field: str | None, form) -> str | None:
    mapping = {"lotCode": "lot_code", "productionDate": "production_date", "expiryDate": "expiry_date"}
    name = mapping.get(field or "", field)
    return name if name in form.fields else None


@trace_admin_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_or_404(request.user, pk)
    runs = (batch.stamps.values("issue_run").annotate(n=Count("pk")).order_by("issue_run"))
    status_counts = dict(batch.stamps.values_list("status").annotate(n=Count("pk")))
    return render(request, T + "batch_detail.html", {
        "batch": batch, "runs": runs, "status_counts": status_counts, "issue_form": IssueForm(),
        "document_form": DocumentForm(), "sheet_form": SheetForm(), "void_form": VoidForm(),
        "documents": batch.documents.all(), "remaining": batch.quantity - batch.stamps_issued,
        "recent_stamps": batch.stamps.order_by("-pk")[:20],
    })


@require_POST
@trace_admin_required
def stamps_issue(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_or_404(request.user, pk)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Số tem cần phát hành phải là số nguyên dương."))
        return redirect("traceability:manage_batch", pk=batch.pk)
    try:
        result = services.stamps_issue(user=request.user, batch_id=batch.pk, count=form.cleaned_data["count"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã phát hành %(n)s tem (đợt %(run)s).") % {"n": len(result.serials),
                                                                              "run": result.issue_run})
    return redirect("traceability:manage_batch", pk=batch.pk)


def _selected_stamps(request: HttpRequest, batch: Batch) -> tuple[list[Stamp], SheetForm]:
    form = SheetForm(request.GET)
    if not form.is_valid():
        raise Http404
    stamps = batch.stamps.order_by("pk")
    if form.cleaned_data.get("run"):
        stamps = stamps.filter(issue_run=form.cleaned_data["run"])
    if form.cleaned_data.get("limit"):
        stamps = stamps[: form.cleaned_data["limit"]]
    return list(stamps.only("pk", "serial")), form


@trace_admin_required
def stamps_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """A4 sheet of QR labels (?run=N, ?w=&h= label size in mm, ?limit=, ?error=m|q|h)."""
    batch = _batch_or_404(request.user, pk)
    stamps, form = _selected_stamps(request, batch)
    title = batch.variant.product.short_name or batch.variant.product.name
    uris = services.stamp_uris(batch, [s.serial for s in stamps])
    out = io.BytesIO()
    try:
        labels.write_sheet([labels.Label(uri=u, title=title, serial=s.serial) for u, s in zip(uris, stamps, strict=True)],
                           out, spec=form.spec(), title=f"{title} – {batch.lot_code}")
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("traceability:manage_batch", pk=batch.pk)
    response = HttpResponse(out.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tem-{batch.pk}-{timezone.localdate():%Y%m%d}.pdf"'
    return response


@trace_admin_required
def stamps_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """CSV of stamp URIs for a print shop: serial, uri, lot, gtin, product."""
    batch = _batch_or_404(request.user, pk)
    stamps, _form = _selected_stamps(request, batch)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["serial", "uri", "gtin14", "lot", "product"])
    name = batch.variant.product.short_name or batch.variant.product.name
    gtin14 = batch.variant.gtin.zfill(14)
    for stamp, uri in zip(stamps, services.stamp_uris(batch, [s.serial for s in stamps]), strict=True):
        writer.writerow([stamp.serial, uri, gtin14, batch.lot_code, name])
    response = HttpResponse("\ufeff" + buf.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tem-{batch.pk}.csv"'
    return response


@require_POST
@trace_admin_required
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_or_404(request.user, pk)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập tên tài liệu và chọn tệp."))
        return redirect("traceability:manage_batch", pk=batch.pk)
    try:
        services.batch_document_add(user=request.user, batch=batch, title=form.cleaned_data["title"],
                                    kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã thêm tài liệu."))
    return redirect("traceability:manage_batch", pk=batch.pk)


@require_POST
@trace_admin_required
def stamps_applied(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch_or_404(request.user, pk)
    run = request.POST.get("run")
    n = services.stamps_mark_applied(user=request.user, batch=batch,
                                     issue_run=int(run) if run and run.isdigit() else None)
    messages.success(request, _("Đã ghi nhận %(n)s tem đã dán lên sản phẩm.") % {"n": n})
    return redirect("traceability:manage_batch", pk=batch.pk)


@require_POST
@trace_admin_required
def stamp_void(request: HttpRequest, serial: str) -> HttpResponse:
    stamp = get_object_or_404(Stamp.objects.select_related("batch__producer").filter(
        batch__in=_batches(request.user)), serial=serial)
    form = VoidForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Hãy ghi lý do huỷ tem."), field="reason")
        services.stamp_void(user=request.user, stamp=stamp, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã huỷ tem %(serial)s.") % {"serial": serial})
    return redirect("traceability:manage_batch", pk=stamp.batch_id)


@login_required
def alert_list(request: HttpRequest) -> HttpResponse:
    """Serials scanned from many places (possible copied stamps): centre staff only."""
    if not is_trace_staff(request.user):
        raise DjangoPermissionDenied
    alerts = StampScanAlert.objects.select_related("stamp__batch__variant__product").order_by("is_resolved",
                                                                                                "-created_at")[:200]
    return render(request, T + "alerts.html", {"alerts": alerts})


@require_POST
@login_required
def alert_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_trace_staff(request.user):
        raise DjangoPermissionDenied
    StampScanAlert.objects.filter(pk=pk).update(is_resolved=True)
    return redirect("traceability:manage_alerts")
