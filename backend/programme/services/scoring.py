"""Councils and scoring: the office forms a council and assigns forwarded dossiers to its members; each
member scores every criterion (0…max, with a note); closing the council fixes each dossier's result
by the set's rule (average of the members), maps the total to stars by certification's bands and caps
it when a required criterion fails. Nothing can be scored after the council closes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certification.models import SCORE_BANDS
from core.errors import DomainError, FieldError, NotFound, ValidationFailed

from .. import access
from ..models import (
    Assignment,
    Council,
    CouncilStatus,
    CriteriaSet,
    Cycle,
    Dossier,
    DossierStatus,
    ProgrammeRole,
    Role,
    Score,
)
from .common import transition
from .criteria import criteria_set_for


def stars_for(score: int) -> int:
    return next(stars for stars, (low, high) in SCORE_BANDS.items() if low <= score <= high)


@dataclass
class CouncilResult:
    score: int
    stars: int
    capped: bool
    failed_required: list[str] = field(default_factory=list)
    by_criterion: dict[int, Decimal] = field(default_factory=dict)
    members: int = 0


def council_result(dossier: Dossier, scores: list[Score] | None = None) -> CouncilResult:
    """The council's result from its members' scores (average per criterion, summed, rounded half up)."""
    cset = dossier.criteria_set
    criteria = list(cset.criteria.all())
    scores = scores if scores is not None else list(dossier.scores.all())
    per: dict[int, list[int]] = defaultdict(list)
    for s in scores:
        per[s.criterion_id].append(s.points)
    averages = {c.pk: (Decimal(sum(per[c.pk])) / len(per[c.pk]) if per[c.pk] else Decimal(0)) for c in criteria}
    total = int(sum(averages.values(), Decimal(0)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    failed = [c.code for c in criteria if c.required and averages[c.pk] < c.min_points]
    stars = stars_for(min(total, 100))
    capped = bool(failed) and stars > cset.required_cap_stars
    return CouncilResult(score=min(total, 100), stars=min(stars, cset.required_cap_stars) if failed else stars,
                         capped=capped, failed_required=failed, by_criterion=averages,
                         members=len({s.member_id for s in scores}))


@transaction.atomic
def council_create(*, user, cycle: Cycle, name: str, members: list) -> Council:
    access.require_office(user)
    if not (name or "").strip():
        raise DomainError(_("Tên hội đồng: không được để trống."), field="name", code="REQUIRED")
    if not members:
        raise DomainError(_("Hội đồng cần ít nhất một thành viên."), field="members", code="REQUIRED")
    council = Council.objects.create(cycle=cycle, name=name.strip())
    council.members.set(members)
    for m in members:
        ProgrammeRole.objects.get_or_create(user=m, role=Role.COUNCIL_MEMBER, ward_code="")
    return council


@transaction.atomic
def dossier_assign(*, user, dossier_id: int, council: Council, members: list | None = None,
                   criteria_set: CriteriaSet | None = None) -> Dossier:
    """Put a forwarded dossier before an open council; the given members (default: all) score it."""
    access.require_office(user)
    dossier = Dossier.objects.select_related("group").filter(pk=dossier_id).first()
    if dossier is None:
        raise NotFound(_("Không tìm thấy hồ sơ."), field="dossier")
    if council.status != CouncilStatus.OPEN:
        raise DomainError(_("Hội đồng đã kết thúc phiên chấm."), field="council", code="INVALID_STATUS")
    cset = criteria_set or criteria_set_for(dossier.group)
    if cset is None:
        raise DomainError(_("Chưa có bộ tiêu chí cho nhóm “%(g)s”.") % {"g": dossier.group}, field="criteria_set",
                          code="REQUIRED")
    council_members = list(council.members.all())
    chosen = list(members) if members else council_members
    if any(m not in council_members for m in chosen):
        raise DomainError(_("Chỉ phân công được thành viên của hội đồng."), field="members", code="INVALID")
    dossier = transition(dossier, to=DossierStatus.IN_EVALUATION, allowed_from=(DossierStatus.FORWARDED,), user=user,
                         reason=_("Chuyển hội đồng: %(c)s") % {"c": council.name}, council=council, criteria_set=cset)
    Assignment.objects.bulk_create([Assignment(dossier=dossier, member=m) for m in chosen])
    return dossier


def _scoring_target(user, dossier_id: int) -> Dossier:
    dossier = access.assigned_dossier(user, dossier_id)
    if dossier.council is None or dossier.council.status != CouncilStatus.OPEN:
        raise DomainError(_("Hội đồng đã kết thúc, không thể chấm điểm nữa."), field="council", code="INVALID_STATUS")
    if dossier.status != DossierStatus.IN_EVALUATION:
        raise DomainError(_("Hồ sơ không ở bước chấm điểm."), field="dossier", code="INVALID_STATUS")
    return dossier


@transaction.atomic
def scores_save(*, user, dossier_id: int, scores: dict[str, tuple], submit: bool = False) -> list[Score]:
    """Save a member's scores {criterion code: (points, note)}; all or nothing. `submit` also requires
    every criterion to be scored and marks the member's scoring as done."""
    dossier = _scoring_target(user, dossier_id)
    Council.objects.select_for_update().get(pk=dossier.council_id)  # closing waits for us, and we for it
    criteria = {c.code: c for c in dossier.criteria_set.criteria.all()}
    errors: list[FieldError] = []
    clean: dict[str, tuple[int, str]] = {}
    for code, (raw, note) in scores.items():
        criterion = criteria.get(code)
        if criterion is None:
            errors.append(FieldError(code, "NOT_FOUND", _("Tiêu chí %(c)s không thuộc bộ tiêu chí của hồ sơ.") % {"c": code}))
            continue
        if raw in (None, ""):
            continue
        try:
            points = int(str(raw).strip())
        except ValueError:
            points = None
        if points is None or not 0 <= points <= criterion.max_points:
            errors.append(FieldError(code, "INVALID_SCORE", _("Tiêu chí %(c)s: điểm phải là số nguyên từ 0 đến %(m)s.")
                                     % {"c": code, "m": criterion.max_points}))
            continue
        clean[code] = (points, (note or "").strip()[:2000])
    if errors:
        raise ValidationFailed(errors)
    existing = {s.criterion_id: s for s in Score.objects.filter(dossier=dossier, member=user)}
    saved = []
    for code, (points, note) in clean.items():
        c = criteria[code]
        s = existing.get(c.pk) or Score(dossier=dossier, member=user, criterion=c)
        s.points, s.note = points, note
        s.save()
        existing[c.pk] = s
        saved.append(s)
    if submit:
        missing = [code for code, c in criteria.items() if c.pk not in existing]
        if missing:
            raise DomainError(_("Còn %(n)s tiêu chí chưa chấm: %(c)s.") % {"n": len(missing), "c": ", ".join(missing)},
                              field="scores", code="REQUIRED")
        Assignment.objects.filter(dossier=dossier, member=user).update(submitted_at=timezone.now())
    return saved


@transaction.atomic
def council_close(*, user, council_id: int) -> Council:
    """End the council's session: every assigned member must have submitted; results are fixed."""
    access.require_office(user)
    council = Council.objects.select_for_update().filter(pk=council_id).first()
    if council is None:
        raise NotFound(_("Không tìm thấy hội đồng."), field="council")
    if council.status == CouncilStatus.CLOSED:
        raise DomainError(_("Hội đồng đã kết thúc lúc %(t)s.") % {"t": timezone.localtime(council.closed_at)
                                                                   .strftime("%H:%M %d/%m/%Y")},
                          field="council", code="INVALID_STATUS")
    dossiers = list(council.dossiers.filter(status=DossierStatus.IN_EVALUATION).select_related("criteria_set"))
    pending = Assignment.objects.filter(dossier__in=dossiers, submitted_at__isnull=True).select_related("member")
    if pending:
        raise DomainError(_("Chưa thể kết thúc: %(n)s phiếu chấm chưa nộp (%(who)s).")
                          % {"n": len(pending), "who": ", ".join(sorted({a.member.email for a in pending}))},
                          field="council", code="INVALID_STATUS")
    for dossier in dossiers:
        result = council_result(dossier)
        reason = _("Hội đồng chấm %(s)s điểm, %(st)s sao.") % {"s": result.score, "st": result.stars}
        if result.capped:
            reason += " " + _("Không đạt tiêu chí bắt buộc %(c)s: tối đa %(m)s sao.") % {
                "c": ", ".join(result.failed_required), "m": dossier.criteria_set.required_cap_stars}
        transition(dossier, to=DossierStatus.SCORED, allowed_from=(DossierStatus.IN_EVALUATION,), user=user,
                   reason=reason, result_score=result.score, result_stars=result.stars, result_capped=result.capped)
    council.status, council.closed_at = CouncilStatus.CLOSED, timezone.now()
    council.save(update_fields=["status", "closed_at"])
    return council
