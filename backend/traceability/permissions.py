"""Who may manage which batches: centre staff with MANAGE_TRACEABILITY (all), producer members (their own)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.permissions import Perm, has_perm
from core.errors import PermissionDenied
from producers.selectors import producer_ids_for_user

from .models import Batch


def is_trace_staff(user) -> bool:
    return has_perm(user, Perm.MANAGE_TRACEABILITY)


def managed_producer_ids(user) -> list[int] | None:
    """None = every producer (centre staff); else the producers the user is a member of."""
    if is_trace_staff(user):
        return None
    return producer_ids_for_user(user)


def can_use_trace_admin(user) -> bool:
    scope = managed_producer_ids(user)
    return scope is None or bool(scope)


def can_manage_producer(user, producer_id: int) -> bool:
    scope = managed_producer_ids(user)
    return scope is None or producer_id in scope


def scope_batches(qs: QuerySet[Batch], user) -> QuerySet[Batch]:
    scope = managed_producer_ids(user)
    return qs if scope is None else qs.filter(producer_id__in=scope)


def require_producer(user, producer_id: int) -> None:
    if not can_manage_producer(user, producer_id):
        raise PermissionDenied(_("Bạn không có quyền quản lý lô hàng của chủ thể này."))
