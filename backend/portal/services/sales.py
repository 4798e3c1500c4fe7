"""Producers' sales, computed from their own order LINES (OrderLine.producer), never whole orders.

Sales count a line once its order is payable (`orders.selectors.is_payable`: paid AND delivered or
collected), on the day it became payable; a refund after that (a return at the till) is subtracted
on the day it happened (`OrderLineRefund`). Unpaid, undelivered, canceled and draft orders count
nothing. Dates are local (Asia/Ho_Chi_Minh).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F, QuerySet, Sum
from django.db.models.functions import TruncDay, TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from orders.models import OrderLine, OrderLineRefund, OrderStatus

PERIODS = {"day": (TruncDay, 30), "week": (TruncWeek, 12), "month": (TruncMonth, 12)}
EXCLUDED = (OrderStatus.CANCELED, OrderStatus.DRAFT, OrderStatus.REFUNDED)


def producer_lines(producer_id: int) -> QuerySet[OrderLine]:
    """The producer's lines in live orders (the order list; money is `payable_lines`)."""
    return OrderLine.objects.filter(producer_id=producer_id).exclude(order__status__in=EXCLUDED)


def payable_lines(producer_id: int, start: dt.datetime, end: dt.datetime) -> QuerySet[OrderLine]:
    """The producer's lines whose orders became payable in [start, end)."""
    return OrderLine.objects.filter(producer_id=producer_id, order__payable_at__gte=start, order__payable_at__lt=end)


def refunds(producer_id: int, start: dt.datetime, end: dt.datetime) -> QuerySet[OrderLineRefund]:
    """Money given back in [start, end) for the producer's lines of payable orders."""
    return OrderLineRefund.objects.filter(order_line__producer_id=producer_id, order_line__order__payable_at__isnull=False,
                                          created_at__gte=start, created_at__lt=end)


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
    window = (_local_midnight(start), _local_midnight(end))
    lines, back = payable_lines(producer_id, *window), refunds(producer_id, *window)
    tz = timezone.get_current_timezone()
    trunc = PERIODS[period][0]
    sold = Sum("quantity"), Sum(F("quantity") * F("unit_price"))
    given_back = Sum("quantity"), Sum("amount")

    def net(rows_in, rows_out, key) -> dict:
        out: dict = {}
        for sign, rows in ((1, rows_in), (-1, rows_out)):
            for r in rows:
                k = key(r)
                units, revenue = out.get(k, (0, 0))
                out[k] = (units + sign * int(r["u"] or 0), revenue + sign * int(r["r"] or 0))
        return out

    def day(r) -> dt.date:
        return r["b"].date() if isinstance(r["b"], dt.datetime) else r["b"]

    by_start = net(lines.annotate(b=trunc("order__payable_at", tzinfo=tz)).values("b").annotate(u=sold[0], r=sold[1]),
                   back.annotate(b=trunc("created_at", tzinfo=tz)).values("b").annotate(u=given_back[0],
                                                                                        r=given_back[1]), day)
    report = SalesReport(period=period, start=start, end=today)
    for s in starts:
        report.buckets.append(Bucket(s, *by_start.get(s, (0, 0))))
    channel_keys = ("order__channel_id", "order__channel__name", "order__channel__kind")
    by_channel = net(lines.values(*channel_keys).annotate(u=sold[0], r=sold[1]),
                     back.values(*[f"order_line__{k}" for k in channel_keys]).annotate(u=given_back[0],
                                                                                        r=given_back[1]),
                     lambda r: tuple(r.get(k, r.get(f"order_line__{k}")) for k in channel_keys))
    for (cid, name, kind), (units, revenue) in sorted(by_channel.items(), key=lambda kv: (-kv[1][1], kv[0][1])):
        report.channels.append(ChannelSales(cid, name, kind, units, revenue))
    by_product = net(lines.values("product_name", "product_sku").annotate(u=sold[0], r=sold[1]),
                     back.values("order_line__product_name", "order_line__product_sku").annotate(u=given_back[0],
                                                                                                r=given_back[1]),
                     lambda r: (r.get("product_name", r.get("order_line__product_name")),
                                r.get("product_sku", r.get("order_line__product_sku"))))
    for (name, sku), (units, revenue) in sorted(by_product.items(), key=lambda kv: (-kv[1][1], kv[0][1]))[:5]:
        report.top_products.append(TopProduct(name, sku, units, revenue))
    report.units = sum(b.units for b in report.buckets)
    report.revenue = sum(b.revenue for b in report.buckets)
    return report
