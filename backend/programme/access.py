"""Who may see and do what in the programme. Every view, resolver and service goes through these.

- the provincial coordination office (role `office`, or a superuser): everything;
- a commune/ward officer: dossiers of producers in their own commune(s) only;
- a council member: only the dossiers assigned to them;
- producers: their own dossiers (through `portal.access`);
- the trade promotion centre (VIEW_REPORTS): reads the programme report.
Objects out of scope are "not found", so guessing IDs reveals nothing."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.permissions import Perm, has_perm
from core.errors import NotFound, PermissionDenied

from .models import Dossier, ProgrammeRole, Role


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def has_role(user, role: str) -> bool:
    return _active(user) and ProgrammeRole.objects.filter(user_id=user.pk, role=role).exists()


def is_office(user) -> bool:
    return _active(user) and (user.is_superuser or has_role(user, Role.OFFICE))


def officer_wards(user) -> set[str]:
    if not _active(user):
        return set()
    return set(ProgrammeRole.objects.filter(user_id=user.pk, role=Role.COMMUNE_OFFICER)
               .values_list("ward_code", flat=True))


def is_council_member(user) -> bool:
    return has_role(user, Role.COUNCIL_MEMBER)


def is_programme_staff(user) -> bool:
    return is_office(user) or bool(officer_wards(user)) or is_council_member(user)


def can_read_report(user) -> bool:
    return is_office(user) or has_perm(user, Perm.VIEW_REPORTS)


def require_office(user) -> None:
    if not is_office(user):
        raise PermissionDenied(_("Chỉ Văn phòng Điều phối NTM tỉnh được thực hiện thao tác này."))


def require_report_reader(user) -> None:
    if not can_read_report(user):
        raise PermissionDenied(_("Bạn không có quyền xem báo cáo chương trình OCOP."))


def visible_dossiers(user) -> QuerySet[Dossier]:
    """Dossiers the user may see as programme staff (the office: all; officers: their communes;
    council members: those assigned to them)."""
    qs = Dossier.objects.all()
    if is_office(user):
        return qs
    if not _active(user):
        return qs.none()
    wards = officer_wards(user)
    from_wards = qs.filter(ward_code__in=wards) if wards else qs.none()
    assigned = qs.filter(assignments__member_id=user.pk)
    return (from_wards | assigned).distinct()


def officer_dossier(user, dossier_id) -> Dossier:
    """A dossier of the officer's own commune (the office may act everywhere)."""
    qs = Dossier.objects.select_related("producer", "product", "cycle", "group")
    if not is_office(user):
        qs = qs.filter(ward_code__in=officer_wards(user))
    return _get(qs, dossier_id)


def assigned_dossier(user, dossier_id) -> Dossier:
    """A dossier assigned to this council member."""
    qs = Dossier.objects.select_related("council", "criteria_set", "product", "producer").filter(
        assignments__member_id=getattr(user, "pk", None)) if _active(user) else Dossier.objects.none()
    return _get(qs, dossier_id)


def _get(qs: QuerySet[Dossier], dossier_id) -> Dossier:
    try:
        return qs.get(pk=int(dossier_id))
    except (Dossier.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Không tìm thấy hồ sơ."), field="dossier") from None
