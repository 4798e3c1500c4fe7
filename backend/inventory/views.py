"""Staff pages at /kho/ (mobile-first): stock by location, transfers, counts. Scoped like the API:
inventory managers see every warehouse, POS staff their assigned ones, producers their own stores."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import ProductVariant
from core.errors import DomainError

from . import counts, transfers
from .availability import reserved_subquery
from .forms import CountEntryForm, ReceiveForm, TransferForm
from .models import CountStatus, Stock, StockCount, StockTransfer, TransferStatus, Warehouse
from .selectors import warehouse_ids_for_user
from .thresholds import restock_list


def _scope(request: HttpRequest) -> list[int] | None:
    scope = warehouse_ids_for_user(request.user)
    if scope is not None and not scope:
        raise PermissionDenied(_("Bạn không được phân công kho / điểm bán nào."))
    return scope


def _my_warehouses(scope):
    qs = Warehouse.objects.filter(is_active=True)
    return qs if scope is None else qs.filter(pk__in=scope)


def _warehouse_or_404(scope, pk: int) -> Warehouse:
    wh = Warehouse.objects.filter(pk=pk).first()
    if wh is None or (scope is not None and pk not in scope):
        raise Http404(_("Không tìm thấy kho."))
    return wh


def _can(scope, warehouse_id: int) -> bool:
    return scope is None or warehouse_id in scope


@login_required
def index(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    warehouses = list(_my_warehouses(scope).order_by("name"))
    ids = [w.pk for w in warehouses]
    transfers_qs = (StockTransfer.objects.select_related("source", "destination")
                    .filter(Q(source_id__in=ids) | Q(destination_id__in=ids))
                    .exclude(status__in=[TransferStatus.RECEIVED, TransferStatus.CANCELLED]).order_by("-pk")[:20])
    open_counts = StockCount.objects.select_related("warehouse").filter(warehouse_id__in=ids,
                                                                        status=CountStatus.OPEN).order_by("-pk")
    return render(request, "inventory/index.html", {
        "warehouses": warehouses, "transfers": transfers_qs, "open_counts": open_counts,
        "restock": restock_list(warehouse_ids=ids),
    })


@login_required
def warehouse_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    warehouse = _warehouse_or_404(scope, pk)
    stocks = (Stock.objects.filter(warehouse=warehouse).select_related("product_variant__product")
              .annotate(reserved=reserved_subquery(timezone.now(), None))
              .order_by("product_variant__product__name", "product_variant__sku"))
    query = request.GET.get("q", "").strip()
    if query:
        stocks = stocks.filter(Q(product_variant__sku__icontains=query) |
                               Q(product_variant__product__name__icontains=query))
    rows = [{"stock": s, "available": max(s.quantity - s.quantity_allocated - s.reserved, 0)} for s in stocks]
    low = {i.variant_id: i for i in restock_list(warehouse_ids=[warehouse.pk])}
    return render(request, "inventory/warehouse.html", {
        "warehouse": warehouse, "rows": rows, "query": query, "low": low, "restock": list(low.values()),
    })


@login_required
def transfer_create(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    sources = _my_warehouses(scope).order_by("name")
    destinations = Warehouse.objects.filter(is_active=True).order_by("name")
    initial = {"source": request.GET.get("from")}
    form = TransferForm(request.POST or None, sources=sources, destinations=destinations, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            transfer = transfers.transfer_create(
                source_id=form.cleaned_data["source"].pk, destination_id=form.cleaned_data["destination"].pk,
                lines=form.cleaned_lines, kind=form.cleaned_data["kind"], user=request.user,
                note=form.cleaned_data["note"])
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, _("Đã tạo phiếu chuyển CK-%(id)s.") % {"id": transfer.pk})
            return redirect("inventory:transfer", pk=transfer.pk)
    return render(request, "inventory/transfer_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def transfer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    transfer = StockTransfer.objects.select_related("source", "destination").filter(pk=pk).first()
    if transfer is None or not (_can(scope, transfer.source_id) or _can(scope, transfer.destination_id)):
        raise Http404(_("Không tìm thấy phiếu chuyển kho."))
    lines = list(transfer.lines.select_related("product_variant__product"))
    can_ship = transfer.status == TransferStatus.DRAFT and _can(scope, transfer.source_id)
    can_receive = transfer.status == TransferStatus.SHIPPED and _can(scope, transfer.destination_id)
    form = ReceiveForm(request.POST or None, lines=lines) if can_receive else None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "ship" and can_ship:
                transfers.transfer_ship(transfer_id=transfer.pk, user=request.user)
                messages.success(request, _("Đã xuất hàng khỏi %(wh)s.") % {"wh": transfer.source.name})
                return redirect("inventory:transfer", pk=transfer.pk)
            if action == "cancel" and can_ship:
                transfers.transfer_cancel(transfer_id=transfer.pk, user=request.user)
                messages.success(request, _("Đã huỷ phiếu chuyển."))
                return redirect("inventory:transfer", pk=transfer.pk)
            if action == "receive" and form is not None:
                if form.is_valid():
                    transfers.transfer_receive(transfer_id=transfer.pk, lines=form.receive_lines(), user=request.user)
                    messages.success(request, _("Đã nhận hàng vào %(wh)s.") % {"wh": transfer.destination.name})
                    return redirect("inventory:transfer", pk=transfer.pk)
                status = 400
            else:
                raise PermissionDenied(_("Bạn không thể thực hiện thao tác này với phiếu chuyển."))
        except DomainError as exc:
            messages.error(request, exc.message)
            status = 400
    return render(request, "inventory/transfer.html", {
        "transfer": transfer, "lines": lines, "can_ship": can_ship, "can_receive": can_receive, "form": form,
    }, status=status)


@login_required
def count_open(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    warehouse = _warehouse_or_404(scope, pk)
    if request.method != "POST":
        return redirect("inventory:warehouse", pk=warehouse.pk)
    try:
        count = counts.count_create(warehouse_id=warehouse.pk, user=request.user, note=request.POST.get("note", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("inventory:warehouse", pk=warehouse.pk)
    messages.success(request, _("Đã mở phiếu kiểm kê KK-%(id)s.") % {"id": count.pk})
    return redirect("inventory:count", pk=count.pk)


@login_required
def count_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = _scope(request)
    count = StockCount.objects.select_related("warehouse").filter(pk=pk).first()
    if count is None or not _can(scope, count.warehouse_id):
        raise Http404(_("Không tìm thấy phiếu kiểm kê."))
    is_open = count.status == CountStatus.OPEN
    variants = list(ProductVariant.objects.filter(stocks__warehouse_id=count.warehouse_id)
                    .select_related("product").order_by("product__name", "sku"))
    counted = dict(count.lines.values_list("product_variant_id", "counted_quantity"))
    form = CountEntryForm(request.POST or None, variants=variants, counted=counted) if is_open else None
    status = 200
    if request.method == "POST" and is_open:
        try:
            with transaction.atomic():
                if form.is_valid():
                    if form.lines():
                        counts.count_submit(count_id=count.pk, lines=form.lines(), user=request.user)
                    if request.POST.get("action") == "close":
                        counts.count_close(count_id=count.pk, user=request.user)
                        messages.success(request, _("Đã chốt kiểm kê; chênh lệch đã được ghi sổ."))
                    else:
                        messages.success(request, _("Đã lưu số đếm."))
                    return redirect("inventory:count", pk=count.pk)
                status = 400
        except DomainError as exc:
            messages.error(request, exc.message)
            status = 400
    elif request.method == "POST":
        messages.error(request, _("Phiếu kiểm kê đã được chốt trước đó."))
        status = 400
    return render(request, "inventory/count.html", {
        "count": count, "form": form, "report": counts.count_variance(count), "is_open": is_open,
    }, status=status)
