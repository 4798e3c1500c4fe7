"""`audit_record(...)`: the one way to write the staff action log (audit.models.AuditEntry)."""

from __future__ import annotations

from .context import current_actor, current_ip
from .models import AuditEntry


def audit_record(action: str, obj_type: str, obj_id, summary: str, *, actor=None, data: dict | None = None) -> AuditEntry:
    actor = actor if getattr(actor, "is_authenticated", False) else current_actor()
    return AuditEntry.objects.create(action=action, object_type=obj_type, object_id=str(obj_id)[:64],
                                     summary=summary[:500], actor=actor,
                                     actor_email=getattr(actor, "email", "") or "", ip=current_ip(),
                                     data=data or {})
