"""Decisions: the province's decision (number, date, signer) turns council results into certificates
through `certification.services` (36 months), so the listing gate, the storefront badge and the expiry
job act at once; new certifications get their reward line and close any upgrade plan. 5★ candidates go to
the central council first; its result is recorded the same way."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from certification.models import IssuingLevel, OcopCertificate
from certification.services import certificate_create
from core.errors import DomainError, FieldError, NotFound, ValidationFailed

from .. import access
from ..models import (
    CentralProposal,
    Cycle,
    Decision,
    DecisionLevel,
    Dossier,
    DossierStatus,
    ProposalStatus,
)
from .common import transition
from .rewards import reward_line_create
from .scoring import stars_for
from .upgrade import upgrade_outcome_record

MIN_CERTIFIED_STARS = 3
CENTRAL_STARS = 5


def _decision(*, user, cycle: Cycle, number: str, date, signer: str, level: str) -> Decision:
    errors: list[FieldError] = []
    if not (number or "").strip():
        errors.append(FieldError("number", "REQUIRED", _("Thiếu số quyết định.")))
    elif Decision.objects.filter(number__iexact=number.strip()).exists():
        errors.append(FieldError("number", "UNIQUE", _("Số quyết định %(n)s đã có.") % {"n": number.strip()}))
    if not isinstance(date, dt.date):
        errors.append(FieldError("date", "INVALID_DATE", _("Ngày quyết định không hợp lệ.")))
    if not (signer or "").strip():
        errors.append(FieldError("signer", "REQUIRED", _("Thiếu người ký quyết định.")))
    if errors:
        raise ValidationFailed(errors)
    return Decision.objects.create(cycle=cycle, level=level, number=number.strip(), date=date, signer=signer.strip(),
                                   created_by=user)


def certificate_number_for(dossier: Dossier, decision: Decision) -> str:
    return f"OCOP-TH-{decision.date.year}-{dossier.pk:05d}"


def _certify(dossier: Dossier, decision: Decision, *, stars: int, score: int, level: str, user) -> OcopCertificate:
    cert = certificate_create(product=dossier.product, stars=stars, score=score,
                              certificate_number=certificate_number_for(dossier, decision),
                              decision_number=decision.number, decision_date=decision.date, issuing_level=level,
                              group=dossier.group, user=user, is_demo=dossier.is_demo)
    transition(dossier, to=DossierStatus.CERTIFIED, allowed_from=(DossierStatus.SCORED, DossierStatus.PROPOSED_CENTRAL),
               user=user, reason=_("Quyết định %(n)s: %(s)s sao.") % {"n": decision.number, "s": stars},
               decision=decision, certificate=cert)
    dossier.refresh_from_db()
    reward_line_create(dossier=dossier, certificate=cert, decision=decision)
    upgrade_outcome_record(dossier=dossier, stars=stars)
    return cert


@transaction.atomic
def decision_issue(*, user, cycle: Cycle, number: str, date, signer: str, dossier_ids: list[int]) -> Decision:
    """The provincial decision for scored dossiers (3★/4★ certified, below 3★ not). All or nothing."""
    access.require_office(user)
    if not dossier_ids:
        raise DomainError(_("Quyết định cần ít nhất một hồ sơ."), field="dossiers", code="REQUIRED")
    dossiers = list(Dossier.objects.select_for_update().filter(pk__in=dossier_ids, cycle=cycle).order_by("pk"))
    if len(dossiers) != len(set(dossier_ids)):
        raise NotFound(_("Không tìm thấy hồ sơ trong chu trình này."), field="dossiers")
    errors: list[FieldError] = []
    for d in dossiers:
        if d.status != DossierStatus.SCORED or d.result_stars is None:
            errors.append(FieldError("dossiers", "INVALID_STATUS",
                                     _("Hồ sơ #%(id)s (%(p)s) chưa có kết quả của hội đồng.") % {"id": d.pk, "p": d.product}))
        elif d.result_stars >= CENTRAL_STARS:
            errors.append(FieldError("dossiers", "INVALID_STATUS",
                                     _("Hồ sơ #%(id)s đạt từ 90 điểm: đề nghị Trung ương đánh giá 5 sao, không ra quyết định cấp tỉnh.")
                                     % {"id": d.pk}))
    if errors:
        raise ValidationFailed(errors)
    decision = _decision(user=user, cycle=cycle, number=number, date=date, signer=signer,
                         level=DecisionLevel.PROVINCE)
    for d in dossiers:
        if d.result_stars >= MIN_CERTIFIED_STARS:
            _certify(d, decision, stars=d.result_stars, score=d.result_score, level=IssuingLevel.PROVINCE, user=user)
        else:
            transition(d, to=DossierStatus.NOT_CERTIFIED, allowed_from=(DossierStatus.SCORED,), user=user,
                       reason=_("Quyết định %(n)s: không đạt (%(s)s điểm).") % {"n": decision.number, "s": d.result_score},
                       decision=decision)
    return decision


@transaction.atomic
def central_propose(*, user, dossier_id: int, proposed_on: dt.date, letter_number: str = "") -> CentralProposal:
    access.require_office(user)
    dossier = Dossier.objects.filter(pk=dossier_id).first()
    if dossier is None:
        raise NotFound(_("Không tìm thấy hồ sơ."), field="dossier")
    if dossier.status != DossierStatus.SCORED or (dossier.result_stars or 0) < CENTRAL_STARS:
        raise DomainError(_("Chỉ đề nghị Trung ương hồ sơ có kết quả hội đồng từ 90 điểm."), field="dossier",
                          code="INVALID_STATUS")
    transition(dossier, to=DossierStatus.PROPOSED_CENTRAL, allowed_from=(DossierStatus.SCORED,), user=user,
               reason=_("Đề nghị Trung ương đánh giá, công nhận 5 sao."))
    return CentralProposal.objects.create(dossier=dossier, proposed_on=proposed_on,
                                          letter_number=(letter_number or "").strip())


@transaction.atomic
def central_result_record(*, user, dossier_id: int, score: int, number: str, date, signer: str) -> CentralProposal:
    """The central council's result: 90+ → a central 5★ certificate; lower → back to the province as a
    scored dossier capped at 4★ (the province then decides as usual)."""
    access.require_office(user)
    proposal = CentralProposal.objects.select_for_update().select_related("dossier").filter(
        dossier_id=dossier_id).first()
    if proposal is None or proposal.status != ProposalStatus.PENDING:
        raise DomainError(_("Hồ sơ không có đề nghị 5 sao đang chờ kết quả."), field="dossier", code="INVALID_STATUS")
    if not isinstance(score, int) or not 0 <= score <= 100:
        raise DomainError(_("Điểm phải từ 0 đến 100."), field="score", code="INVALID_SCORE")
    stars = stars_for(score)
    proposal.status, proposal.central_score, proposal.central_stars = ProposalStatus.RECORDED, score, stars
    proposal.save()
    dossier = proposal.dossier
    if stars == CENTRAL_STARS:
        decision = _decision(user=user, cycle=dossier.cycle, number=number, date=date, signer=signer,
                             level=DecisionLevel.CENTRAL)
        _certify(dossier, decision, stars=stars, score=score, level=IssuingLevel.CENTRAL, user=user)
    else:
        capped = min(dossier.result_score or score, 89)
        transition(dossier, to=DossierStatus.SCORED, allowed_from=(DossierStatus.PROPOSED_CENTRAL,), user=user,
                   reason=_("Trung ương chấm %(s)s điểm: chưa đạt 5 sao, tỉnh xem xét công nhận.") % {"s": score},
                   result_score=capped, result_stars=stars_for(capped))
    return proposal
