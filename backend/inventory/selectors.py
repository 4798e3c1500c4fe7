"""Reads about stock, including which warehouses a user may see and change."""

from __future__ import annotations

from django.db.models import Q

from accounts.permissions import Perm, has_perm

from .models import Warehouse


def warehouse_ids_for_user(user) -> list[int] | None:
    """None means every warehouse (centre staff with inventory rights); else the user's own:
    warehouses they are assigned to (POS staff) and their producer's stores (producer members)."""
    if has_perm(user, Perm.MANAGE_INVENTORY):
        return None
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    return list(
        Warehouse.objects.filter(Q(staff=user) | Q(producer__memberships__user=user)).values_list("pk", flat=True).distinct()
    )


def user_can_manage_warehouse(user, warehouse_id: int) -> bool:
    scope = warehouse_ids_for_user(user)
    return scope is None or warehouse_id in scope
