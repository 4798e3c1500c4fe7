"""The 6-month and annual programme report, built from the data (a selector: reads only).

The report is a JSON-ready dict, so a submitted report can be frozen as it was (`ReportSnapshot`) and
the page, the XLSX/PDF exports and GraphQL all read the same structure. The 6-month report covers
1 January – 30 June and is due 15/6, the annual report the calendar year and is due 1/12 (the plan's
calendar): a report made before the period ends counts the data up to that day; stock figures (in force,
expiring) are taken at the period's end or today, whichever comes first.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import Count, Sum
from django.utils import timezone

from certification.models import CertificateStatus, OcopCertificate
from channels.models import ChannelKind
from events.models import Event
from orders.models import Order, OrderStatus
from producers.models import LegalForm

from .models import (
    CentralProposal,
    Cycle,
    Dossier,
    DossierStatus,
    Inspection,
    InspectionOutcome,
    NonConformity,
    PaymentStatus,
    ProposalStatus,
    ReportPeriod,
    ReportSnapshot,
    RewardLine,
    SampleResult,
    UpgradeItem,
    UpgradePlan,
    UpgradeStatus,
)

DUE = {ReportPeriod.HALF_YEAR: (6, 15), ReportPeriod.YEAR: (12, 1)}
STARS = (3, 4, 5)
EXPIRING_DAYS = 90
SALES_EXCLUDED = (OrderStatus.DRAFT, OrderStatus.CANCELED)


def due_on(year: int, period: str) -> dt.date:
    month, day = DUE[ReportPeriod(period)]
    return dt.date(year, month, day)


def period_bounds(year: int, period: str) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 6, 30) if period == ReportPeriod.HALF_YEAR else dt.date(year, 12, 31)


def _by_stars(counter: Counter, amounts: Counter | None = None) -> list[dict]:
    rows = []
    for s in STARS:
        row = {"stars": s, "count": counter.get(s, 0)}
        if amounts is not None:
            row["amount"] = amounts.get(s, 0)
        rows.append(row)
    return rows


def _named_counts(counter: Counter) -> list[dict]:
    return [{"name": name, "count": n} for name, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]


def _certified(start: dt.date, end: dt.date) -> dict:
    certs = list(OcopCertificate.objects.filter(decision_date__range=(start, end), stars__gte=3)
                 .select_related("group", "group__parent", "product__producer"))
    legal = dict(LegalForm.choices)
    return {
        "total": len(certs),
        "by_stars": _by_stars(Counter(c.stars for c in certs)),
        "by_group": _named_counts(Counter((c.group.parent or c.group).name if c.group else "—" for c in certs)),
        "by_commune": _named_counts(Counter(c.product.producer.ward_name for c in certs)),
        "by_legal_form": _named_counts(Counter(str(legal.get(c.product.producer.legal_form, "—")) for c in certs)),
    }


def _in_force(end: dt.date) -> dict:
    rows = Counter(dict(OcopCertificate.objects.filter(status=CertificateStatus.VALID, issued_on__lte=end,
                                                       expires_on__gt=end, stars__gte=3)
                        .values_list("stars").annotate(n=Count("pk")).values_list("stars", "n")))
    return {"total": sum(rows.values()), "by_stars": _by_stars(rows)}


def _expiry(start: dt.date, end: dt.date) -> dict:
    soon = end + dt.timedelta(days=EXPIRING_DAYS)
    return {
        "expiring_within_days": EXPIRING_DAYS,
        "expiring": OcopCertificate.objects.filter(status=CertificateStatus.VALID, expires_on__gt=end,
                                                   expires_on__lte=soon).count(),
        "expired": OcopCertificate.objects.filter(expires_on__range=(start, end)).exclude(
            status=CertificateStatus.REVOKED).count(),
    }


def _rewards(start: dt.date, end: dt.date) -> dict:
    lines = list(RewardLine.objects.filter(decided_on__range=(start, end)).values_list("stars", "amount", "status"))
    counts, amounts = Counter(), Counter()
    for stars, amount, _status in lines:
        counts[stars] += 1
        amounts[stars] += amount
    return {"total": sum(a for _s, a, _st in lines), "count": len(lines),
            "paid": sum(a for _s, a, st in lines if st == PaymentStatus.PAID),
            "by_stars": _by_stars(counts, amounts)}


def _upgrade(year: int) -> dict:
    plans = UpgradePlan.objects.filter(year=year)
    by_status = Counter(plans.values_list("status", flat=True))
    amount = UpgradeItem.objects.filter(plan__year=year).aggregate(s=Sum("amount"))["s"] or 0
    return {"plans": sum(by_status.values()), "amount": amount,
            "upgraded": by_status.get(UpgradeStatus.UPGRADED, 0),
            "not_upgraded": by_status.get(UpgradeStatus.NOT_UPGRADED, 0),
            "in_progress": by_status.get(UpgradeStatus.IN_PROGRESS, 0) + by_status.get(UpgradeStatus.PLANNED, 0)}


def _supervision(start: dt.date, end: dt.date) -> dict:
    done = Inspection.objects.filter(inspected_on__range=(start, end))
    outcomes = Counter(done.values_list("outcome", flat=True))
    return {
        "inspections": done.count(),
        "by_outcome": [{"outcome": o, "count": outcomes.get(o, 0)} for o in InspectionOutcome.values],
        "samples_failed": done.filter(samples__result=SampleResult.FAIL).count(),
        "nonconformities_open": NonConformity.objects.filter(inspection__in=done, resolved_on__isnull=True).count(),
    }


def _sales(start: dt.date, end: dt.date) -> list[dict]:
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    rows = {k: (n, r) for k, n, r in Order.objects.filter(created_at__gte=since, created_at__lt=until)
            .exclude(status__in=SALES_EXCLUDED).values_list("channel__kind")
            .annotate(n=Count("pk"), r=Sum("total_amount")).values_list("channel__kind", "n", "r")}
    return [{"channel_kind": kind, "orders": rows.get(kind, (0, 0))[0], "revenue": rows.get(kind, (0, 0))[1] or 0}
            for kind in ChannelKind.values]


def _events(start: dt.date, end: dt.date) -> dict:
    events = Event.objects.filter(start_date__lte=end, end_date__gte=start)
    revenue = (Order.objects.filter(channel__event__in=events).exclude(status__in=SALES_EXCLUDED)
               .aggregate(s=Sum("total_amount"))["s"] or 0)
    return {"held": events.count(), "revenue": revenue}


def _dossiers(year: int) -> list[dict]:
    counts = Counter(Dossier.objects.filter(cycle__year=year).values_list("status", flat=True))
    return [{"status": s, "count": counts.get(s, 0)} for s in DossierStatus.values]


def _central(start: dt.date, end: dt.date) -> dict:
    qs = CentralProposal.objects.filter(proposed_on__range=(start, end))
    return {"proposed": qs.count(), "recorded": qs.filter(status=ProposalStatus.RECORDED).count(),
            "five_stars": qs.filter(central_stars=5).count()}


def build_report(*, year: int, period: str) -> dict:
    """The report computed from today's data."""
    period = ReportPeriod(period).value
    start, end = period_bounds(year, period)
    as_of = min(end, timezone.localdate())
    cycle = Cycle.objects.filter(year=year).first()
    certified = _certified(start, end)
    return {
        "year": year, "period": period, "start": start.isoformat(), "end": end.isoformat(),
        "due_on": due_on(year, period).isoformat(), "generated_at": timezone.now().isoformat(),
        "dossiers_by_stage": _dossiers(year),
        "certified_in_period": certified,
        "as_of": as_of.isoformat(),
        "certificates_in_force": _in_force(as_of),
        "target": {"certified": cycle.target_certified if cycle else 0, "achieved": certified["total"]},
        "expiry": _expiry(start, as_of),
        "central_proposals": _central(start, end),
        "rewards": _rewards(start, end),
        "upgrade_support": _upgrade(year),
        "supervision": _supervision(start, end),
        "sales": _sales(start, end),
        "events": _events(start, end),
    }


def programme_report(*, year: int, period: str) -> dict:
    """The submitted snapshot if there is one (frozen), else the report from today's data."""
    snapshot = ReportSnapshot.objects.filter(year=year, period=ReportPeriod(period).value).first()
    if snapshot is not None:
        return {**snapshot.data, "submitted_at": snapshot.submitted_at.isoformat()}
    return {**build_report(year=year, period=period), "submitted_at": None}

