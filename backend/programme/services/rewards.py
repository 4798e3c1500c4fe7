"""Rewards: rates per star level per year (set by decision; the plan's 10/20/100 million đồng by default),
one reward line per newly certified product with its decision and payment status."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from certification.models import OcopCertificate
from core.errors import DomainError, NotFound

from .. import access
from ..models import Decision, Dossier, DossierKind, PaymentStatus, RewardLine, RewardRate


@transaction.atomic
def reward_rate_set(*, user, year: int, stars: int, amount: int, basis: str = "") -> RewardRate:
    access.require_office(user)
    if stars not in (3, 4, 5):
        raise DomainError(_("Mức thưởng chỉ áp dụng cho sản phẩm 3, 4, 5 sao."), field="stars", code="INVALID")
    if not isinstance(amount, int) or amount < 0:
        raise DomainError(_("Mức thưởng phải là số tiền (đồng) không âm."), field="amount", code="INVALID")
    rate, _created = RewardRate.objects.update_or_create(year=year, stars=stars, defaults={
        "amount": amount, "basis": (basis or "").strip()[:255], "is_demo": False})
    return rate


def reward_line_create(*, dossier: Dossier, certificate: OcopCertificate, decision: Decision) -> RewardLine | None:
    """Newly certified products only (a renewal is not rewarded again)."""
    if dossier.kind != DossierKind.NEW:
        return None
    rate = RewardRate.objects.filter(year=decision.date.year, stars=certificate.stars).first()
    if rate is None:
        raise DomainError(_("Chưa có mức thưởng năm %(y)s cho sản phẩm %(s)s sao.")
                          % {"y": decision.date.year, "s": certificate.stars}, field="rewards", code="REQUIRED")
    return RewardLine.objects.create(dossier=dossier, certificate=certificate, producer=dossier.producer,
                                     stars=certificate.stars, amount=rate.amount, decision_number=decision.number,
                                     decided_on=decision.date)


@transaction.atomic
def reward_mark_paid(*, user, line_id: int, paid_on: dt.date, reference: str) -> RewardLine:
    access.require_office(user)
    line = RewardLine.objects.select_for_update().filter(pk=line_id).first()
    if line is None:
        raise NotFound(_("Không tìm thấy khoản thưởng."), field="reward")
    if line.status == PaymentStatus.PAID:
        raise DomainError(_("Khoản thưởng đã chi ngày %(d)s.") % {"d": line.paid_on.strftime("%d/%m/%Y")},
                          field="reward", code="INVALID_STATUS")
    if not (reference or "").strip():
        raise DomainError(_("Thiếu số chứng từ chi."), field="reference", code="REQUIRED")
    line.status, line.paid_on, line.payment_reference = PaymentStatus.PAID, paid_on, reference.strip()[:100]
    line.save()
    return line
