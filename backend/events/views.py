"""Centre staff pages for events and fairs. Views call the events services; nothing more."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from accounts.permissions import Perm, has_perm
from core.charts import bar_chart_svg
from core.errors import DomainError

from .forms import DailyStatForm, EventForm, ImportForm, ParticipantForm
from .imports import event_sales_import
from .models import Event
from .report import event_report, report_csv
from .services import daily_stat_record, event_close, event_create, participant_add


def _require(request) -> None:
    if not has_perm(request.user, Perm.MANAGE_EVENTS):
        raise PermissionDenied


def _event(pk: int) -> Event:
    return get_object_or_404(Event.objects.select_related("channel", "warehouse"), pk=pk)


@login_required
def event_list(request):
    _require(request)
    return render(request, "events/list.html", {"events": Event.objects.select_related("channel")})


@login_required
def event_new(request):
    _require(request)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = event_create(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã tạo sự kiện cùng kênh bán, gian hàng và quầy thu ngân."))
            return redirect("events:detail", pk=event.pk)
    return render(request, "events/form.html", {"form": form, "title": _("Sự kiện mới")})


@login_required
def event_detail(request, pk: int):
    _require(request)
    event = _event(pk)
    participant_form = ParticipantForm(prefix="p")
    stat_form = DailyStatForm(prefix="s")
    import_form = ImportForm(prefix="i")
    import_errors: list[tuple[int, str]] = []
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "participant":
                participant_form = ParticipantForm(request.POST, prefix="p")
                if participant_form.is_valid():
                    d = participant_form.cleaned_data
                    participant_add(event=event, producer=d["producer"], stand_number=d["stand_number"],
                                    products=list(d["products"]))
                    messages.success(request, _("Đã thêm chủ thể tham gia."))
                    return redirect("events:detail", pk=pk)
            elif action == "stat":
                stat_form = DailyStatForm(request.POST, prefix="s")
                if stat_form.is_valid():
                    daily_stat_record(event=event, **stat_form.cleaned_data)
                    messages.success(request, _("Đã ghi số khách."))
                    return redirect("events:detail", pk=pk)
            elif action == "import":
                import_form = ImportForm(request.POST, request.FILES, prefix="i")
                if import_form.is_valid():
                    upload = import_form.cleaned_data["file"]
                    result = event_sales_import(event=event, data=upload.read(), filename=upload.name,
                                                user=request.user)
                    messages.success(request, _("Đã nhập %(n)s dòng bán hàng.") % {"n": result.row_count})
                    return redirect("events:detail", pk=pk)
            elif action == "close":
                event_close(event=event, user=request.user)
                messages.success(request, _("Đã kết thúc sự kiện."))
                return redirect("events:report", pk=pk)
        except DomainError as exc:
            import_errors = getattr(exc, "rows", [])
            if not import_errors:
                messages.error(request, exc.message)
    report = event_report(event)
    return render(request, "events/detail.html", {
        "event": event, "participants": event.participants.select_related("producer").prefetch_related("products"),
        "participant_form": participant_form, "stat_form": stat_form, "import_form": import_form,
        "import_errors": import_errors, "report": report, "imports": event.imports.all()}, status=400 if import_errors else 200)


def _charts(report) -> dict:
    return {
        "chart_day": bar_chart_svg([(r["date"].strftime("%d/%m"), r["revenue"]) for r in report.by_day],
                                   title=_("Doanh thu theo ngày")),
        "chart_producer": bar_chart_svg([(r["producer"][:18], r["revenue"]) for r in report.by_producer[:12]],
                                        title=_("Doanh thu theo chủ thể"), colour="#e0a100"),
    }


@login_required
def event_report_page(request, pk: int):
    _require(request)
    event = _event(pk)
    report = event_report(event)
    return render(request, "events/report.html", {"event": event, "report": report, **_charts(report)})


@login_required
def event_report_csv(request, pk: int):
    _require(request)
    event = _event(pk)
    response = HttpResponse(report_csv(event_report(event)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bao-cao-{event.slug}.csv"'
    return response


@login_required
def event_report_pdf(request, pk: int):
    _require(request)
    from weasyprint import HTML

    event = _event(pk)
    report = event_report(event)
    html = render_to_string("events/report_pdf.html", {"event": event, "report": report, **_charts(report)})
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bao-cao-{event.slug}.pdf"'
    return response
