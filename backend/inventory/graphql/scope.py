"""Who may see and change which warehouses, for the GraphQL layer."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from core.errors import PermissionDenied
from core.graphql import user_from_info

from ..errors import WarehouseForbidden
from ..selectors import warehouse_ids_for_user


def scope_for(info) -> list[int] | None:
    """None = every warehouse; otherwise the user's own. Users with no warehouse at all are refused."""
    user = user_from_info(info)
    scope = warehouse_ids_for_user(user)
    if scope is not None and not scope:
        raise PermissionDenied(_("Bạn không có quyền xem hoặc thay đổi tồn kho."))
    return scope


def restrict(qs: QuerySet, scope: list[int] | None, *fields: str) -> QuerySet:
    if scope is None:
        return qs
    cond = Q()
    for field in fields:
        cond |= Q(**{f"{field}__in": scope})
    return qs.filter(cond)


def require_warehouse(info, warehouse_id: int, field: str = "warehouse") -> None:
    scope = scope_for(info)
    if scope is not None and warehouse_id not in scope:
        raise WarehouseForbidden(field=field)
