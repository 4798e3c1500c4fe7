"""POS pages: the PWA shell, its manifest and service worker, the register catalogue, receipts,
staff reports and the reconciliation page. Views only translate input and output."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.errors import DomainError
from orders.models import OrderEvent

from .access import register_for_user, registers_for_user, shift_for_user
from .catalogue import lookup_code, register_catalogue
from .js_labels import js_labels
from .models import PosShift
from .receipt_access import is_receipt_staff, may_view_receipt
from .receipts import receipt_context, receipt_email_send, receipt_order, receipt_pdf
from .reconciliation import reconciliation_resolve, reconciliations_for_user
from .reports import daily_report, daily_report_csv, z_report, z_report_csv

PWA_DIR = Path(settings.THEME_DIR) / "pos"
LOGIN_URL = "/pos/dang-nhap/"


def app(request):
    vietqr = {"bin": settings.VIETQR_BANK_BIN, "account": settings.VIETQR_ACCOUNT_NUMBER,
              "name": settings.VIETQR_ACCOUNT_NAME}
    return render(request, "pos/app.html", {"vietqr": vietqr, "labels": js_labels()})


def manifest(request):
    return HttpResponse((PWA_DIR / "manifest.webmanifest").read_bytes(), content_type="application/manifest+json")


@never_cache
def service_worker(request):
    resp = HttpResponse((PWA_DIR / "sw.js").read_bytes(), content_type="text/javascript; charset=utf-8")
    resp["Service-Worker-Allowed"] = "/pos/"
    return resp


@login_required(login_url=LOGIN_URL)
def catalogue(request, register_id: int):
    try:
        register = register_for_user(request.user, register_id)
    except DomainError as exc:
        return JsonResponse({"error": exc.message, "code": exc.code}, status=403)
    return JsonResponse(register_catalogue(register))


@login_required(login_url=LOGIN_URL)
def lookup(request, register_id: int):
    try:
        register = register_for_user(request.user, register_id)
    except DomainError as exc:
        return JsonResponse({"error": exc.message, "code": exc.code}, status=403)
    return JsonResponse(lookup_code(register, request.GET.get("code", "")))


def _receipt_or_404(token, request=None):
    """The receipt for the register's staff, or for whoever holds the signed customer link (pos.receipt_access);
    to anyone else it does not exist."""
    order = receipt_order(token)
    if order is None or (request is not None and not may_view_receipt(request, order)):
        raise Http404(_("Không tìm thấy hoá đơn."))
    return order


def receipt(request, token):
    order = _receipt_or_404(token, request)
    staff = is_receipt_staff(request.user, order)
    reprint = request.GET.get("in-lai") == "1" and staff
    if reprint:
        OrderEvent.objects.create(order=order, type="receipt_reprinted", user=request.user)
    return render(request, "pos/receipt.html", {**receipt_context(order), "for_pdf": False, "autoprint": reprint,
                                                "can_email": staff})


def receipt_pdf_view(request, token):
    order = _receipt_or_404(token, request)
    resp = HttpResponse(receipt_pdf(order), content_type="application/pdf")
    resp["Content-Disposition"] = f'inline; filename="hoa-don-{order.number}.pdf"'
    return resp


@require_POST
@login_required(login_url=LOGIN_URL)
def receipt_email(request, token):
    order = _receipt_or_404(token)
    if not registers_for_user(request.user).filter(pk=order.pos_sale.register_id).exists():
        raise Http404
    email = (request.POST.get("email") or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        messages.error(request, _("Địa chỉ email không hợp lệ."))
    else:
        receipt_email_send(order_id=order.pk, to=email, user=request.user)
        messages.success(request, _("Đã gửi hoá đơn tới %(e)s.") % {"e": email})
    return redirect(reverse("pos:receipt", args=[order.token]))


@login_required(login_url=LOGIN_URL)
def reports_index(request):
    registers = registers_for_user(request.user)
    shifts = (PosShift.objects.filter(register__in=registers).select_related("register__warehouse", "opened_by")
              .order_by("-opened_at")[:50])
    return render(request, "pos/reports_index.html", {"shifts": shifts, "today": timezone.localdate(),
                                                      "open_flags": reconciliations_for_user(request.user)
                                                      .filter(resolved_at__isnull=True).count()})


def _shift_or_404(request, shift_id: int) -> PosShift:
    try:
        return shift_for_user(request.user, shift_id)
    except DomainError:
        raise Http404 from None


@login_required(login_url=LOGIN_URL)
def shift_report(request, shift_id: int):
    shift = _shift_or_404(request, shift_id)
    return render(request, "pos/z_report.html", {"shift": shift, "report": z_report(shift)})


@login_required(login_url=LOGIN_URL)
def shift_report_csv(request, shift_id: int):
    shift = _shift_or_404(request, shift_id)
    resp = HttpResponse("\ufeff" + z_report_csv(z_report(shift)), content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="bao-cao-ca-{shift.pk}.csv"'
    return resp


def _day(request) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("ngay", ""))
    except ValueError:
        return timezone.localdate()


def _scope(user) -> list[int]:
    return list(registers_for_user(user).values_list("pk", flat=True))


@login_required(login_url=LOGIN_URL)
def daily(request):
    day = _day(request)
    return render(request, "pos/daily_report.html", {"report": daily_report(day, register_ids=_scope(request.user)),
                                                     "day": day})


@login_required(login_url=LOGIN_URL)
def daily_csv(request):
    day = _day(request)
    resp = HttpResponse("\ufeff" + daily_report_csv(daily_report(day, register_ids=_scope(request.user))),
                        content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="bao-cao-ngay-{day.isoformat()}.csv"'
    return resp


@login_required(login_url=LOGIN_URL)
def reconciliation(request):
    if request.method == "POST":
        try:
            reconciliation_resolve(user=request.user, reconciliation_id=int(request.POST.get("id", "0") or 0),
                                   note=request.POST.get("note", ""))
            messages.success(request, _("Đã ghi nhận xử lý."))
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("pos:reconciliation")
    items = reconciliations_for_user(request.user)[:200]
    return render(request, "pos/reconciliation.html", {"items": items})
