"""Reconciliation of POS sales recorded with less stock than they sold (offline or racing tills)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError, NotFound

from .access import registers_for_user
from .models import PosReconciliation


def reconciliations_for_user(user) -> QuerySet[PosReconciliation]:
    return (PosReconciliation.objects.filter(sale__register__in=registers_for_user(user))
            .select_related("sale__order", "sale__register", "variant__product", "warehouse", "resolved_by"))


@transaction.atomic
def reconciliation_resolve(*, user, reconciliation_id: int, note: str) -> PosReconciliation:
    rec = reconciliations_for_user(user).select_for_update(of=("self",)).filter(pk=reconciliation_id).first()
    if rec is None:
        raise NotFound(_("Không tìm thấy mục cần đối soát."), field="id")
    if rec.resolved_at:
        raise DomainError(_("Mục này đã được xử lý."), field="id", code="INVALID_STATUS")
    if not (note or "").strip():
        raise DomainError(_("Vui lòng ghi cách đã xử lý."), field="note", code="REQUIRED")
    rec.resolved_at = timezone.now()
    rec.resolved_by = user
    rec.resolution_note = note.strip()
    rec.save(update_fields=["resolved_at", "resolved_by", "resolution_note"])
    return rec
