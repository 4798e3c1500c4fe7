"""Who may use which register: staff assigned to it, staff of its location (the warehouse's staff),
or POS managers. Enforced on the server for every shift, sale and return."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accounts.permissions import Perm, has_perm
from core.errors import NotFound, PermissionDenied

from .models import PosRegister, PosShift


def registers_for_user(user) -> QuerySet[PosRegister]:
    qs = PosRegister.objects.select_related("warehouse", "channel")
    if has_perm(user, Perm.MANAGE_POS):
        return qs
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return qs.none()
    return qs.filter(Q(staff=user) | Q(warehouse__staff=user)).distinct()


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
