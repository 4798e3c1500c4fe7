"""Who may use which register: staff assigned to it, staff of its location (the warehouse's staff),
or POS managers. A fair's register (its warehouse is an event stand) is only for the event's team,
the stand's staff: being assigned to a showroom gives no access to a fair. Enforced on the server for
every shift, sale and return."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.translation import gettext as _

from accounts.permissions import Perm, has_perm
from core.errors import NotFound, PermissionDenied
from inventory.models import WarehouseKind

from .models import PosRegister, PosShift


def registers_for_user(user) -> QuerySet[PosRegister]:
    qs = PosRegister.objects.select_related("warehouse", "channel")
    if has_perm(user, Perm.MANAGE_POS):
        return qs
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return qs.none()
    at_stand = Q(warehouse__kind=WarehouseKind.EVENT_STAND)
    own_place = (Q(staff=user) | Q(warehouse__staff=user)) & ~at_stand
    event_team = at_stand & Q(warehouse__staff=user)
    return qs.filter(pk__in=PosRegister.objects.filter(own_place | event_team).values("pk"))


def registers_to_open(user) -> QuerySet[PosRegister]:
    """The registers offered on the till's first screen: active ones in the user's scope, the user's
    own places before fair stands, then by name."""
    fair_last = Case(When(warehouse__kind=WarehouseKind.EVENT_STAND, then=Value(1)), default=Value(0),
                     output_field=IntegerField())
    return registers_for_user(user).filter(is_active=True).order_by(fair_last, "name", "pk")


def register_for_user(user, register_id: int) -> PosRegister:
    register = PosRegister.objects.select_related("warehouse", "channel").filter(pk=register_id).first()
    if register is None:
        raise NotFound(_("Không tìm thấy quầy thu ngân."), field="register")
    if not registers_for_user(user).filter(pk=register.pk).exists():
        raise PermissionDenied(_("Bạn không được phân công ở quầy này."), field="register")
    return register


def shift_for_user(user, shift_id: int, *, lock: bool = False) -> PosShift:
    qs = PosShift.objects.select_related("register__warehouse", "register__channel")
    if lock:
        qs = qs.select_for_update(of=("self",))
    shift = qs.filter(pk=shift_id).first()
    if shift is None:
        raise NotFound(_("Không tìm thấy ca bán hàng."), field="shift")
    if not registers_for_user(user).filter(pk=shift.register_id).exists():
        raise PermissionDenied(_("Bạn không được phân công ở quầy này."), field="shift")
    return shift
