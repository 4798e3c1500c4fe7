"""Order reads: who may see which order, and list query shapes (no N+1)."""

from __future__ import annotations

import uuid

from django.db.models import Count, Q, QuerySet

from accounts.permissions import Perm, has_perm

from .models import Order


def order_list_qs() -> QuerySet[Order]:
    return Order.objects.select_related("channel", "user", "collection_point").annotate(line_count=Count("lines"))


def order_detail_qs() -> QuerySet[Order]:
    return Order.objects.select_related("channel", "user", "collection_point").prefetch_related(
        "lines", "events", "transactions__events", "fulfillments__lines")


def order_for_viewer(token, user) -> Order | None:
    """The order behind a confirmation link. The token alone opens a guest's order; an order that
    belongs to an account is shown only to that account (or order staff)."""
    try:
        token = uuid.UUID(str(token))
    except (TypeError, ValueError):
        return None
    order = order_detail_qs().filter(token=token).first()
    if order is None:
        return None
    if order.user_id and not (getattr(user, "pk", None) == order.user_id or has_perm(user, Perm.MANAGE_ORDERS)):
        return None
    return order


def customer_orders(user) -> QuerySet[Order]:
    if not getattr(user, "is_authenticated", False):
        return Order.objects.none()
    return order_list_qs().filter(Q(user=user)).order_by("-number")


def staff_orders(*, status: str = "", q: str = "") -> QuerySet[Order]:
    qs = order_list_qs().order_by("-number")
    if status:
        qs = qs.filter(status=status)
    q = (q or "").strip().lstrip("#")
    if q:
        cond = Q(user_email__icontains=q) | Q(customer_phone__icontains=q)
        if q.isdigit():
            cond |= Q(number=int(q))
        qs = qs.filter(cond)
    return qs
