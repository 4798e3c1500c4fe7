"""Helpers shared by the programme services: status transitions with history, uploads sniffed by content."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from core.errors import DomainError
from portal.services.certificates import MAX_BYTES, sniff

from ..models import Dossier, DossierStatus, DossierStatusChange


def transition(dossier: Dossier, *, to: str, allowed_from: tuple[str, ...], user, reason: str = "",
               **fields) -> Dossier:
    """Move a (locked) dossier to `to`, writing a history row; refuses from any other status."""
    current = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if current.status not in allowed_from:
        raise DomainError(_("Không thể chuyển hồ sơ từ “%(a)s” sang “%(b)s”.")
                          % {"a": current.get_status_display(), "b": DossierStatus(to).label},
                          field="status", code="INVALID_STATUS")
    from_status = current.status
    current.status, current.status_reason = to, reason
    for name, value in fields.items():
        setattr(current, name, value)
    current.save()
    DossierStatusChange.objects.create(dossier=current, from_status=from_status, to_status=to, reason=reason,
                                       user=user if getattr(user, "pk", None) else None)
    return current


def read_document(upload, *, label: str) -> tuple[bytes, str, str]:
    """(bytes, content type, extension) of an upload checked by its first bytes (PDF/JPEG/PNG/WebP, ≤ 10 MB)."""
    if upload is None:
        raise DomainError(_("%(l)s: hãy chọn tệp.") % {"l": label}, field="file", code="REQUIRED")
    if getattr(upload, "size", 0) and upload.size > MAX_BYTES:
        raise DomainError(_("%(l)s: tệp quá lớn, tối đa 10 MB.") % {"l": label}, field="file", code="FILE_TOO_LARGE")
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise DomainError(_("%(l)s: tệp quá lớn, tối đa 10 MB.") % {"l": label}, field="file", code="FILE_TOO_LARGE")
    if not data:
        raise DomainError(_("%(l)s: tệp rỗng.") % {"l": label}, field="file", code="REQUIRED")
    kind = sniff(data[:16])
    if kind is None:
        raise DomainError(_("%(l)s phải là tệp PDF, JPEG, PNG hoặc WebP.") % {"l": label}, field="file",
                          code="INVALID_FILE_TYPE")
    return data, kind[0], kind[1]


def as_file(data: bytes, name: str) -> ContentFile:
    return ContentFile(data, name=name)


def clean_reason(reason: str | None, *, required: bool = True) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        raise DomainError(_("Hãy ghi rõ lý do."), field="reason", code="REQUIRED")
    return reason
