"""Staff opening a record that holds a customer's personal data in the admin is written to the audit log."""

from __future__ import annotations

from .models import AuditAction
from .services import audit_record


class PersonalDataAccessLogged:
    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            meta = self.model._meta
            audit_record(AuditAction.PERSONAL_DATA_VIEWED, meta.model_name, object_id,
                         f"{request.user.email} → {meta.verbose_name} {object_id}", actor=request.user)
        return response
