"""Order reads: who may see which order, and list query shapes (no N+1)."""

from __future__ import annotations

import uuid

from django.db.models import Count, Q, QuerySet

from accounts.permissions import Perm, has_perm
from payments.providers.base import prepaid_methods

from .models import ChargeStatus, Order, OrderStatus


def order_reference(order: Order) -> str:
    """What the customer writes in the bank transfer (tag 62/08 of the VietQR)."""
    return f"OCOP{order.number}"


def unpaid_prepaid_q() -> Q:
    """An order paid in advance (VietQR, Stripe) that is still waiting for its money: the one spelling
    of the rule, for the payment page, the API, the card flow and the expiry job."""
    return Q(status=OrderStatus.UNCONFIRMED, charge_status=ChargeStatus.NONE, payment_method__in=prepaid_methods())


PAID = (ChargeStatus.FULL, ChargeStatus.OVERCHARGED)
IN_STORE = "in_store"


def is_payable(order: Order) -> bool:
    """Producers are owed an order's lines once it is paid AND the goods reached the customer
    (delivered, or handed over in store; a till sale is paid at the till, a shortfall is the centre's
    reconciliation, not the producer's). Unpaid cash-on-delivery stays unpaid until collected."""
    paid = order.charge_status in PAID or order.origin == "pos"
    handed_over = order.status in (OrderStatus.DELIVERED, OrderStatus.RETURNED) or (
        order.delivery_method == IN_STORE and order.status != OrderStatus.CANCELED)
    return paid and handed_over


def is_unpaid_prepaid(order: Order) -> bool:
    return (order.status == OrderStatus.UNCONFIRMED and order.charge_status == ChargeStatus.NONE
            and order.payment_method in prepaid_methods())


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
