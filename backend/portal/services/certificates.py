"""Certificate scans: producers upload (PDF/JPEG/PNG/WebP, content-sniffed, ≤10 MB); the centre
verifies one into an OcopCertificate (stars, score, numbers, dates) or rejects it with a reason."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import Perm, has_perm
from catalog.models import Product
from certification.models import CertificateStatus, IssuingLevel, OcopCertificate
from certification.services import certificate_create
from core.errors import DomainError, FieldError, NotFound, PermissionDenied

from ..models import CertificateUpload, ReviewStatus
from .validation import raise_if

MAX_BYTES = 10 * 1024 * 1024
SIGNATURES: list[tuple[str, str]] = [("application/pdf", "pdf"), ("image/jpeg", "jpg"), ("image/png", "png"),
                                     ("image/webp", "webp")]


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) decided by the file's first bytes, or None."""
    if head.startswith(b"%PDF-"):
        return SIGNATURES[0]
    if head.startswith(b"\xff\xd8\xff"):
        return SIGNATURES[1]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return SIGNATURES[2]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return SIGNATURES[3]
    return None


def _read_upload(upload) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_BYTES:
        raise DomainError(_("Bản scan chứng nhận quá lớn: tối đa 10 MB."), field="file", code="FILE_TOO_LARGE")
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise DomainError(_("Bản scan chứng nhận quá lớn: tối đa 10 MB."), field="file", code="FILE_TOO_LARGE")
    if not data:
        raise DomainError(_("Bản scan chứng nhận: tệp rỗng."), field="file", code="REQUIRED")
    return data


@transaction.atomic
def certificate_upload(*, user, product: Product, upload, note: str = "") -> CertificateUpload:
    if upload is None:
        raise DomainError(_("Bản scan chứng nhận: hãy chọn tệp."), field="file", code="REQUIRED")
    data = _read_upload(upload)
    kind = sniff(data[:16])
    if kind is None:
        raise DomainError(_("Bản scan chứng nhận phải là tệp PDF, JPEG, PNG hoặc WebP."), field="file",
                          code="INVALID_FILE_TYPE")
    content_type, ext = kind
    item = CertificateUpload(product=product, content_type=content_type, size=len(data),
                             note=(note or "").strip()[:2000], uploaded_by=user)
    item.file.save(f"{product.pk}.{ext}", ContentFile(data), save=False)
    item.save()
    return item


def _require_cert_reviewer(user) -> None:
    if not (has_perm(user, Perm.MODERATE_LISTINGS) or has_perm(user, Perm.MANAGE_CERTIFICATES)):
        raise PermissionDenied(_("Bạn không có quyền xác minh chứng nhận."))


def _pending(upload_id: int) -> CertificateUpload:
    item = CertificateUpload.objects.select_for_update().select_related("product").filter(pk=upload_id).first()
    if item is None:
        raise NotFound(_("Không tìm thấy bản scan."), field="upload")
    if item.status != ReviewStatus.PENDING:
        raise DomainError(_("Bản scan đã được xử lý."), field="upload", code="INVALID_STATUS")
    return item


def _date(value, field: str, label: str, errors: list[FieldError]) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        errors.append(FieldError(field, "INVALID_DATE", _("%(l)s: ngày không hợp lệ.") % {"l": label}))
        return None


@transaction.atomic
def certificate_verify(*, user, upload_id: int, stars, score, certificate_number: str, decision_number: str,
                       decision_date, issued_on, expires_on, issuing_level: str = IssuingLevel.PROVINCE
                       ) -> OcopCertificate:
    """The centre checks the scan and records the certificate it shows."""
    _require_cert_reviewer(user)
    item = _pending(upload_id)
    errors: list[FieldError] = []
    try:
        stars, score = int(stars), int(score)
    except (TypeError, ValueError):
        raise DomainError(_("Số sao và điểm phải là số."), field="stars") from None
    d_date = _date(decision_date, "decision_date", _("Ngày quyết định"), errors)
    issued = _date(issued_on, "issued_on", _("Ngày cấp"), errors) if issued_on else d_date
    expires = _date(expires_on, "expires_on", _("Ngày hết hạn"), errors) if expires_on else None
    raise_if(errors)
    cert = certificate_create(
        product=item.product, stars=stars, score=score, certificate_number=certificate_number or "",
        decision_number=decision_number or "", decision_date=d_date, issued_on=issued, expires_on=expires,
        issuing_level=issuing_level or None, user=user)
    item.status, item.certificate, item.reviewed_by, item.reviewed_at = (ReviewStatus.APPROVED, cert, user,
                                                                         timezone.now())
    item.save()
    return cert


@transaction.atomic
def certificate_reject(*, user, upload_id: int, reason: str) -> CertificateUpload:
    _require_cert_reviewer(user)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Lý do từ chối: không được để trống."), field="reason", code="REQUIRED")
    item = _pending(upload_id)
    item.status, item.reason, item.reviewed_by, item.reviewed_at = (ReviewStatus.REJECTED, reason, user,
                                                                    timezone.now())
    item.save()
    return item


EXPIRING_WINDOW_DAYS = 90  # "Sắp hết hạn" on the overview: certificates ending within this many days


def certificates_expiring(producer, today: dt.date | None = None) -> list[tuple[OcopCertificate, int]]:
    """(certificate, days left) of the producer's valid certificates that end within the window,
    soonest first: a certificate with 407 days left is not "expiring"."""
    today = today or timezone.localdate()
    certs = (OcopCertificate.objects.filter(product__producer=producer, status=CertificateStatus.VALID,
                                            expires_on__gt=today,
                                            expires_on__lte=today + dt.timedelta(days=EXPIRING_WINDOW_DAYS))
             .select_related("product").order_by("expires_on", "pk"))
    return [(c, days_left(c, today)) for c in certs]


def days_left(cert: OcopCertificate, today: dt.date | None = None) -> int:
    return (cert.expires_on - (today or timezone.localdate())).days
