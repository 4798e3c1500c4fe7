"""Producers' sales, computed from their own order LINES (OrderLine.producer), never whole orders.

Canceled and draft orders are excluded; returned units (quantity_returned) are subtracted.
Dates are local (Asia/Ho_Chi_Minh).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F, QuerySet, Sum
from django.db.models.functions import TruncDay, TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from orders.models import OrderLine, OrderStatus

PERIODS = {"day": (TruncDay, 30), "week": (TruncWeek, 12), "month": (TruncMonth, 12)}
EXCLUDED = (OrderStatus.CANCELED, OrderStatus.DRAFT)


def producer_lines(producer_id: int) -> QuerySet[OrderLine]:
    return OrderLine.objects.filter(producer_id=producer_id).exclude(order__status__in=EXCLUDED)


@dataclass
class Bucket:
    start: dt.date
    units: int = 0
    revenue: int = 0


@dataclass
class ChannelSales:
    channel_id: int
    channel_name: str
    channel_kind: str
    units: int
    revenue: int


@dataclass
class TopProduct:
    name: str
    sku: str
    units: int
    revenue: int


@dataclass
class SalesReport:
    period: str
    start: dt.date
    end: dt.date
    buckets: list[Bucket] = field(default_factory=list)
    channels: list[ChannelSales] = field(default_factory=list)
    top_products: list[TopProduct] = field(default_factory=list)
    units: int = 0
    revenue: int = 0


def _period_start(period: str, today: dt.date) -> tuple[dt.date, list[dt.date]]:
    _trunc, count = PERIODS[period]
    if period == "day":
        starts = [today - dt.timedelta(days=i) for i in range(count - 1, -1, -1)]
    elif period == "week":
        monday = today - dt.timedelta(days=today.weekday())
        starts = [monday - dt.timedelta(weeks=i) for i in range(count - 1, -1, -1)]
    else:
        starts = []
        y, m = today.year, today.month
        for _i in range(count):
            starts.append(dt.date(y, m, 1))
            y, m = (y - 1, 12) if m == 1 else (y, m - 1)
        starts.reverse()
    return starts[0], starts


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def sales_report(*, producer_id: int, period: str = "day", today: dt.date | None = None) -> SalesReport:
    if period not in PERIODS:
        raise DomainError(_("Kỳ báo cáo phải là ngày, tuần hoặc tháng."), field="period")
    today = today or timezone.localdate()
    start, starts = _period_start(period, today)
    end = today + dt.timedelta(days=1)
    lines = producer_lines(producer_id).filter(order__created_at__gte=_local_midnight(start),
                                               order__created_at__lt=_local_midnight(end))
    net_units = F("quantity") - F("quantity_returned")
    net_revenue = (F("quantity") - F("quantity_returned")) * F("unit_price")
    trunc = PERIODS[period][0]
    rows = (lines.annotate(b=trunc("order__created_at", tzinfo=timezone.get_current_timezone()))
            .values("b").annotate(u=Sum(net_units), r=Sum(net_revenue)))
    by_start = {(r["b"].date() if isinstance(r["b"], dt.datetime) else r["b"]): r for r in rows}
    report = SalesReport(period=period, start=start, end=today)
    for s in starts:
        r = by_start.get(s)
        report.buckets.append(Bucket(s, int(r["u"] or 0) if r else 0, int(r["r"] or 0) if r else 0))
    for r in (lines.values("order__channel_id", "order__channel__name", "order__channel__kind")
              .annotate(u=Sum(net_units), rv=Sum(net_revenue)).order_by("-rv", "order__channel__name")):
        report.channels.append(ChannelSales(r["order__channel_id"], r["order__channel__name"],
                                            r["order__channel__kind"], int(r["u"] or 0), int(r["rv"] or 0)))
    for r in (lines.values("product_name", "product_sku").annotate(u=Sum(net_units), rv=Sum(net_revenue))
              .order_by("-rv", "product_sku")[:5]):
        report.top_products.append(TopProduct(r["product_name"], r["product_sku"], int(r["u"] or 0),
                                              int(r["rv"] or 0)))
    report.units = sum(b.units for b in report.buckets)
    report.revenue = sum(b.revenue for b in report.buckets)
    return report
