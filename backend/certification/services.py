"""OCOP certificate rules: stars and score agree, the issuing level fits the stars and the decision date,
validity 36 months by default, status changes (suspend / revoke / reinstate) logged and never overwritten.
Expiry by date is the daily job in certification.expiry."""

from __future__ import annotations

import calendar
import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from catalog.models import Category, Product
from core.errors import DomainError, FieldError, ValidationFailed

from .models import (
    SCORE_BANDS,
    VALIDITY_MONTHS,
    CertificateStatus,
    CertificateStatusChange,
    IssuingLevel,
    OcopCertificate,
)
from .signals import certificates_status_changed

# District-level recognition ended with the two-level local government reform (district level abolished).
DISTRICT_LEVEL_CUTOFF = dt.date(2025, 7, 1)

_EDITABLE = ("stars", "score", "certificate_number", "decision_number", "decision_date", "issuing_level", "group",
             "issued_on", "expires_on")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the last day of the month when it does not exist, e.g. 29/2)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_expiry(issued_on: dt.date) -> dt.date:
    return add_months(issued_on, VALIDITY_MONTHS)


def default_issuing_level(stars: int) -> str:
    return IssuingLevel.CENTRAL if stars == 5 else IssuingLevel.PROVINCE


def certificate_errors(*, stars: int, score: int, issuing_level: str, decision_date: dt.date, issued_on: dt.date,
                       expires_on: dt.date, certificate_number: str, decision_number: str) -> list[FieldError]:
    """Every rule a certificate breaks (empty when it is consistent)."""
    errors: list[FieldError] = []
    if stars not in SCORE_BANDS:
        errors.append(FieldError("stars", "INVALID", _("Số sao OCOP phải từ 1 đến 5.")))
    elif not (SCORE_BANDS[stars][0] <= score <= SCORE_BANDS[stars][1]):
        low, high = SCORE_BANDS[stars]
        errors.append(FieldError("score", "INVALID_SCORE",
                                 _("Điểm %(score)s không khớp với hạng %(stars)s sao (cần từ %(low)s đến %(high)s).")
                                 % {"score": score, "stars": stars, "low": low, "high": high}))
    if not 0 <= score <= 100:
        errors.append(FieldError("score", "INVALID_SCORE", _("Điểm phải từ 0 đến 100.")))
    if not (certificate_number or "").strip():
        errors.append(FieldError("certificate_number", "REQUIRED", _("Thiếu số giấy chứng nhận.")))
    if not (decision_number or "").strip():
        errors.append(FieldError("decision_number", "REQUIRED", _("Thiếu số quyết định công nhận.")))
    if issuing_level not in IssuingLevel.values:
        errors.append(FieldError("issuing_level", "INVALID", _("Cấp công nhận không hợp lệ.")))
    elif stars == 5 and issuing_level != IssuingLevel.CENTRAL:
        errors.append(FieldError("issuing_level", "INVALID",
                                 _("Sản phẩm 5 sao do cấp Trung ương công nhận.")))
    elif stars != 5 and issuing_level == IssuingLevel.CENTRAL:
        errors.append(FieldError("issuing_level", "INVALID",
                                 _("Cấp Trung ương chỉ công nhận sản phẩm 5 sao; 3–4 sao do cấp tỉnh công nhận.")))
    elif issuing_level == IssuingLevel.DISTRICT and decision_date >= DISTRICT_LEVEL_CUTOFF:
        errors.append(FieldError("issuing_level", "INVALID",
                                 _("Cấp huyện chỉ được ghi cho quyết định trước ngày 01/07/2025.")))
    if issued_on < decision_date:
        errors.append(FieldError("issued_on", "INVALID_DATE", _("Ngày cấp không được trước ngày quyết định.")))
    if expires_on <= issued_on:
        errors.append(FieldError("expires_on", "INVALID_DATE", _("Ngày hết hạn phải sau ngày cấp.")))
    return errors


def _log(certificate: OcopCertificate, *, from_status: str, to_status: str, reason: str, user) -> None:
    CertificateStatusChange.objects.create(certificate=certificate, from_status=from_status, to_status=to_status,
                                           reason=reason, user=user if getattr(user, "pk", None) else None)


def _check_number_free(number: str, exclude_pk: int | None = None) -> None:
    qs = OcopCertificate.objects.filter(certificate_number__iexact=number.strip())
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise DomainError(_("Số giấy chứng nhận %(n)s đã tồn tại.") % {"n": number}, field="certificate_number",
                          code="UNIQUE")


def certificate_create(*, product: Product, stars: int, score: int, certificate_number: str, decision_number: str,
                       decision_date: dt.date, issued_on: dt.date | None = None, expires_on: dt.date | None = None,
                       issuing_level: str | None = None, group: Category | None = None, user=None,
                       is_demo: bool = False) -> OcopCertificate:
    issued_on = issued_on or decision_date
    expires_on = expires_on or default_expiry(issued_on)
    issuing_level = issuing_level or default_issuing_level(stars)
    errors = certificate_errors(stars=stars, score=score, issuing_level=issuing_level, decision_date=decision_date,
                                issued_on=issued_on, expires_on=expires_on, certificate_number=certificate_number,
                                decision_number=decision_number)
    if errors:
        raise ValidationFailed(errors)
    _check_number_free(certificate_number)
    cert = OcopCertificate.objects.create(
        product=product, stars=stars, score=score, certificate_number=certificate_number.strip(),
        decision_number=decision_number.strip(), decision_date=decision_date, issuing_level=issuing_level,
        group=group or product.category, issued_on=issued_on, expires_on=expires_on, is_demo=is_demo,
        status=CertificateStatus.VALID,
    )
    _log(cert, from_status="", to_status=CertificateStatus.VALID, reason=_("Cấp chứng nhận."), user=user)
    return cert


def certificate_update(*, certificate: OcopCertificate, user=None, **changes) -> OcopCertificate:
    """Correct the recorded facts of a certificate; its status changes only through suspend/revoke/expire."""
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise DomainError(_("Không thể sửa trường %(f)s.") % {"f": ", ".join(sorted(unknown))},
                          field=sorted(unknown)[0], code="INVALID")
    if certificate.status == CertificateStatus.REVOKED:
        raise DomainError(_("Chứng nhận đã bị thu hồi, không thể sửa."), code="INVALID_STATUS")
    changed = [f for f, v in changes.items() if getattr(certificate, f) != v]
    if not changed:
        return certificate
    for field in changed:
        setattr(certificate, field, changes[field])
    if "issued_on" in changed and "expires_on" not in changes:
        certificate.expires_on = default_expiry(certificate.issued_on)
    errors = certificate_errors(stars=certificate.stars, score=certificate.score,
                                issuing_level=certificate.issuing_level, decision_date=certificate.decision_date,
                                issued_on=certificate.issued_on, expires_on=certificate.expires_on,
                                certificate_number=certificate.certificate_number,
                                decision_number=certificate.decision_number)
    if errors:
        raise ValidationFailed(errors)
    if "certificate_number" in changed:
        _check_number_free(certificate.certificate_number, exclude_pk=certificate.pk)
    certificate.save()
    _log(certificate, from_status=certificate.status, to_status=certificate.status,
         reason=_("Sửa thông tin: %(f)s") % {"f": ", ".join(changed)}, user=user)
    return certificate


def _change_status(certificate: OcopCertificate, *, to_status: str, allowed_from: tuple[str, ...], reason: str,
                   user, reason_required: bool = True) -> OcopCertificate:
    reason = (reason or "").strip()
    if reason_required and not reason:
        raise DomainError(_("Hãy ghi rõ lý do."), field="reason", code="REQUIRED")
    current = OcopCertificate.objects.select_for_update().get(pk=certificate.pk)
    if current.status not in allowed_from:
        raise DomainError(_("Không thể chuyển chứng nhận từ trạng thái “%(a)s” sang “%(b)s”.")
                          % {"a": current.get_status_display(), "b": CertificateStatus(to_status).label},
                          field="id", code="INVALID_STATUS")
    from_status = current.status
    current.status = to_status
    current.status_reason = reason
    current.save(update_fields=["status", "status_reason", "updated_at"])
    _log(current, from_status=from_status, to_status=to_status, reason=reason, user=user)
    transaction.on_commit(lambda: certificates_status_changed.send(
        sender=OcopCertificate, certificate_ids=[current.pk], product_ids=[current.product_id], to_status=to_status))
    return current


def certificate_suspend(*, certificate: OcopCertificate, reason: str, user=None) -> OcopCertificate:
    """Suspend a valid certificate: the product leaves every channel at once (the gate sees the status)."""
    return _change_status(certificate, to_status=CertificateStatus.SUSPENDED, allowed_from=(CertificateStatus.VALID,),
                          reason=reason, user=user)


def certificate_revoke(*, certificate: OcopCertificate, reason: str, user=None) -> OcopCertificate:
    """Revoke a certificate for good (from valid or suspended)."""
    return _change_status(certificate, to_status=CertificateStatus.REVOKED,
                          allowed_from=(CertificateStatus.VALID, CertificateStatus.SUSPENDED), reason=reason, user=user)


def certificate_reinstate(*, certificate: OcopCertificate, reason: str, user=None) -> OcopCertificate:
    """Lift a suspension (the certificate is valid again if its dates still are)."""
    return _change_status(certificate, to_status=CertificateStatus.VALID, allowed_from=(CertificateStatus.SUSPENDED,),
                          reason=reason, user=user)



def certificate_expire(*, certificate: OcopCertificate, user=None) -> OcopCertificate:
    """Mark a valid certificate past its date as expired (staff in the admin; the daily job expires in bulk)."""
    return _change_status(certificate, to_status=CertificateStatus.EXPIRED, allowed_from=(CertificateStatus.VALID,),
                          reason=_("Hết hạn ngày %(d)s.") % {"d": certificate.expires_on.strftime("%d/%m/%Y")},
                          user=user, reason_required=False)
