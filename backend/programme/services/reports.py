"""Submitting a report freezes it: the snapshot is what the page, exports and API show from then on."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError

from .. import access
from ..models import ReportPeriod, ReportSnapshot
from ..reports import build_report


def report_submit(*, user, year: int, period: str) -> ReportSnapshot:
    access.require_office(user)
    period = ReportPeriod(period).value
    existing = ReportSnapshot.objects.filter(year=year, period=period).first()
    if existing is not None:
        raise DomainError(_("Báo cáo đã nộp lúc %(t)s.") % {"t": timezone.localtime(existing.submitted_at)
                                                           .strftime("%H:%M %d/%m/%Y")},
                          field="period", code="ALREADY_EXISTS")
    try:
        with transaction.atomic():
            return ReportSnapshot.objects.create(year=year, period=period, data=build_report(year=year, period=period),
                                                 submitted_by=user)
    except IntegrityError:
        raise DomainError(_("Báo cáo đã được nộp."), field="period", code="ALREADY_EXISTS") from None
