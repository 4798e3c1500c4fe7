"""Supervision after rating: inspections (date, inspectors, findings), samples and test results with
their documents, non-conformities with deadlines, and the outcome: a warning, or suspension / revocation
through `certification.services` (the product leaves every channel at once)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from certification.models import OcopCertificate
from certification.services import certificate_revoke, certificate_suspend
from core.errors import DomainError, NotFound

from .. import access
from ..models import Inspection, InspectionOutcome, NonConformity, Sample, SampleResult
from .common import as_file, clean_reason, read_document


@transaction.atomic
def inspection_plan(*, user, certificate: OcopCertificate, planned_on: dt.date, inspectors: str = "",
                    is_demo: bool = False) -> Inspection:
    access.require_office(user)
    return Inspection.objects.create(certificate=certificate, planned_on=planned_on,
                                     inspectors=(inspectors or "").strip()[:255], is_demo=is_demo)


def _open(inspection_id: int) -> Inspection:
    item = Inspection.objects.select_for_update().select_related("certificate").filter(pk=inspection_id).first()
    if item is None:
        raise NotFound(_("Không tìm thấy đợt kiểm tra."), field="inspection")
    if item.outcome != InspectionOutcome.PENDING:
        raise DomainError(_("Đợt kiểm tra đã có kết luận."), field="inspection", code="INVALID_STATUS")
    return item


@transaction.atomic
def inspection_record(*, user, inspection_id: int, inspected_on: dt.date, findings: str,
                      inspectors: str = "") -> Inspection:
    access.require_office(user)
    item = _open(inspection_id)
    if not (findings or "").strip():
        raise DomainError(_("Ghi kết quả kiểm tra."), field="findings", code="REQUIRED")
    item.inspected_on, item.findings = inspected_on, findings.strip()
    if inspectors:
        item.inspectors = inspectors.strip()[:255]
    item.save()
    return item


@transaction.atomic
def sample_add(*, user, inspection_id: int, name: str, laboratory: str = "", result: str = SampleResult.PENDING,
               note: str = "", upload=None) -> Sample:
    access.require_office(user)
    item = _open(inspection_id)
    if not (name or "").strip():
        raise DomainError(_("Tên mẫu: không được để trống."), field="name", code="REQUIRED")
    if result not in SampleResult.values:
        raise DomainError(_("Kết quả mẫu không hợp lệ."), field="result", code="INVALID")
    sample = Sample(inspection=item, name=name.strip()[:200], laboratory=(laboratory or "").strip()[:200],
                    result=result, result_note=(note or "").strip())
    if upload is not None:
        data, content_type, ext = read_document(upload, label=_("Phiếu kết quả kiểm nghiệm"))
        sample.document.save(f"{item.pk}-mau.{ext}", as_file(data, f"mau.{ext}"), save=False)
        sample.document_type = content_type
    sample.save()
    return sample


@transaction.atomic
def nonconformity_add(*, user, inspection_id: int, description: str, deadline: dt.date) -> NonConformity:
    access.require_office(user)
    item = _open(inspection_id)
    if not (description or "").strip():
        raise DomainError(_("Nội dung không phù hợp: không được để trống."), field="description", code="REQUIRED")
    if item.inspected_on and deadline < item.inspected_on:
        raise DomainError(_("Hạn khắc phục phải sau ngày kiểm tra."), field="deadline", code="INVALID_DATE")
    return NonConformity.objects.create(inspection=item, description=description.strip(), deadline=deadline)


@transaction.atomic
def nonconformity_resolve(*, user, nonconformity_id: int, resolved_on: dt.date) -> NonConformity:
    access.require_office(user)
    nc = NonConformity.objects.select_for_update().filter(pk=nonconformity_id).first()
    if nc is None:
        raise NotFound(_("Không tìm thấy nội dung không phù hợp."), field="nonconformity")
    nc.resolved_on = resolved_on
    nc.save(update_fields=["resolved_on"])
    return nc


@transaction.atomic
def inspection_conclude(*, user, inspection_id: int, outcome: str, reason: str = "") -> Inspection:
    """Conclude: conforming, a warning, or the certificate suspended / revoked (through certification)."""
    access.require_office(user)
    item = _open(inspection_id)
    if outcome not in InspectionOutcome.values or outcome == InspectionOutcome.PENDING:
        raise DomainError(_("Kết luận không hợp lệ."), field="outcome", code="INVALID")
    if item.inspected_on is None:
        raise DomainError(_("Ghi kết quả kiểm tra trước khi kết luận."), field="inspection", code="INVALID_STATUS")
    reason = clean_reason(reason, required=outcome != InspectionOutcome.CONFORMING)
    if outcome == InspectionOutcome.SUSPENDED:
        certificate_suspend(certificate=item.certificate, reason=reason, user=user)
    elif outcome == InspectionOutcome.REVOKED:
        certificate_revoke(certificate=item.certificate, reason=reason, user=user)
    item.outcome, item.outcome_reason = outcome, reason
    item.save(update_fields=["outcome", "outcome_reason"])
    return item
