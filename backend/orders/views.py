"""Order confirmation page (customer) and the staff order pages under /quan-ly/don-hang/."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.permissions import Perm, has_perm
from core.errors import DomainError
from inventory.models import Warehouse
from payments.providers import provider_for

from . import services
from .models import OrderStatus
from .selectors import order_detail_qs, order_for_viewer, staff_orders


def payment_context(order) -> dict:
    """What the order's payment provider shows on the order page (VietQR details, the Stripe form)."""
    provider = provider_for(order.payment_method)
    return provider.page_context(order) if provider else {}


@require_GET
def order_confirmation(request: HttpRequest, token) -> HttpResponse:
    order = order_for_viewer(token, request.user)
    if order is None:
        raise Http404
    ctx = {"order": order, "lines": list(order.lines.all()), "reference": services.order_reference(order)}
    ctx.update(payment_context(order))
    return render(request, "orders/confirmation.html", ctx)


def _staff(request: HttpRequest):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_perm(request.user, Perm.MANAGE_ORDERS):
        raise PermissionDenied
    return None


def staff_list(request: HttpRequest) -> HttpResponse:
    if (resp := _staff(request)) is not None:
        return resp
    status = request.GET.get("trang-thai", "")
    q = request.GET.get("q", "")
    page = Paginator(staff_orders(status=status if status in OrderStatus.values else "", q=q), 50).get_page(
        request.GET.get("trang"))
    return render(request, "orders/staff/list.html", {"page": page, "status": status, "q": q,
                                                      "statuses": OrderStatus.choices})


def staff_detail(request: HttpRequest, number: int) -> HttpResponse:
    if (resp := _staff(request)) is not None:
        return resp
    order = order_detail_qs().filter(number=number).first()
    if order is None:
        raise Http404
    warehouses = Warehouse.objects.filter(is_active=True, channelwarehouse__channel=order.channel).order_by(
        "channelwarehouse__sort_order", "pk")
    return render(request, "orders/staff/detail.html", {
        "order": order, "lines": list(order.lines.all()), "warehouses": warehouses,
        "allocated_at": order.collection_point_id or "",
        "transactions": list(order.transactions.all()), "events": list(order.events.all())})


@require_POST
def staff_action(request: HttpRequest, number: int, action: str) -> HttpResponse:
    if (resp := _staff(request)) is not None:
        return resp
    order = order_detail_qs().filter(number=number).first()
    if order is None:
        raise Http404
    user = request.user
    try:
        if action == "xac-nhan":
            services.order_confirm(order_id=order.pk, user=user)
        elif action == "da-thanh-toan":
            services.order_mark_paid(order_id=order.pk, user=user, psp_reference=request.POST.get("reference", ""))
        elif action == "giao-hang":
            wid = request.POST.get("warehouse", "")
            if not wid.isdigit():
                raise DomainError(_("Vui lòng chọn kho xuất hàng."), field="warehouse")
            services.order_fulfill(order_id=order.pk, warehouse_id=int(wid), user=user,
                                   tracking_number=request.POST.get("tracking_number", ""))
        elif action == "da-nhan":
            services.order_mark_delivered(order_id=order.pk, user=user)
        elif action == "huy":
            services.order_cancel(order_id=order.pk, user=user, reason=request.POST.get("reason", ""))
        elif action == "hoan-tien":
            services.order_mark_refunded(order_id=order.pk, user=user, note=request.POST.get("note", ""))
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã cập nhật đơn hàng #%(n)s.") % {"n": order.number})
    return redirect(f"/quan-ly/don-hang/{order.number}/")
