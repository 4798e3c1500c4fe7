"""The event report: sales by day, producer, product and payment method; top products; visitors and
leads; revenue per producer to settle with them. Totals come from the event channel's orders."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.db.models import F, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from orders.models import Order, OrderLine, OrderStatus
from payments.models import TransactionItem

from .closeout import CloseOut, event_close_out
from .models import Event

EXCLUDED = (OrderStatus.DRAFT, OrderStatus.CANCELED)


@dataclass
class EventReport:
    event: Event
    orders: int = 0
    units: int = 0
    revenue: int = 0
    by_day: list[dict] = field(default_factory=list)
    by_producer: list[dict] = field(default_factory=list)
    by_product: list[dict] = field(default_factory=list)
    by_payment_method: list[dict] = field(default_factory=list)
    visitors: int = 0
    leads: int = 0
    daily_stats: list[dict] = field(default_factory=list)
    close_out: CloseOut | None = None

    @property
    def top_products(self) -> list[dict]:
        return self.by_product[:10]


def event_report(event: Event) -> EventReport:
    orders = Order.objects.filter(channel_id=event.channel_id).exclude(status__in=EXCLUDED)
    lines = OrderLine.objects.filter(order__in=orders)
    net_units = F("quantity") - F("quantity_returned")
    net_revenue = F("unit_price") * (F("quantity") - F("quantity_returned"))
    report = EventReport(event=event)
    report.orders = orders.count()
    agg = lines.aggregate(units=Sum(net_units), revenue=Sum(net_revenue))
    report.units, report.revenue = agg["units"] or 0, agg["revenue"] or 0
    tz = timezone.get_current_timezone()
    report.by_day = [
        {"date": r["day"], "units": r["units"], "revenue": r["revenue"]}
        for r in lines.annotate(day=TruncDate("order__created_at", tzinfo=tz)).values("day")
        .annotate(units=Sum(net_units), revenue=Sum(net_revenue)).order_by("day")
    ]
    report.by_producer = [
        {"producer_id": r["producer_id"], "producer": r["producer__name"] or "—", "tax_code": r["producer__tax_code"],
         "units": r["units"], "revenue": r["revenue"]}
        for r in lines.values("producer_id", "producer__name", "producer__tax_code")
        .annotate(units=Sum(net_units), revenue=Sum(net_revenue)).order_by("-revenue", "producer__name")
    ]
    report.by_product = [
        {"sku": r["product_sku"], "name": r["product_name"], "units": r["units"], "revenue": r["revenue"]}
        for r in lines.values("product_sku", "product_name")
        .annotate(units=Sum(net_units), revenue=Sum(net_revenue)).order_by("-revenue", "product_sku")
    ]
    report.by_payment_method = [
        {"method": r["method"], "amount": (r["charged"] or 0) - (r["refunded"] or 0)}
        for r in TransactionItem.objects.filter(order__in=orders).values("method")
        .annotate(charged=Sum("amount_charged"), refunded=Sum("amount_refunded")).order_by("method")
    ]
    report.daily_stats = list(event.daily_stats.values("date", "visitors", "leads", "note"))
    report.visitors = sum(s["visitors"] for s in report.daily_stats)
    report.leads = sum(s["leads"] for s in report.daily_stats)
    report.close_out = event_close_out(event)
    return report


def report_csv(report: EventReport) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["muc", "khoa", "so_luong", "doanh_thu_vnd"])
    w.writerow(["tong", report.event.name, report.units, report.revenue])
    for r in report.by_day:
        w.writerow(["ngay", r["date"].isoformat(), r["units"], r["revenue"]])
    for r in report.by_producer:
        w.writerow(["chu_the", r["producer"], r["units"], r["revenue"]])
    for r in report.by_product:
        w.writerow(["san_pham", f'{r["sku"]} {r["name"]}', r["units"], r["revenue"]])
    for r in report.by_payment_method:
        w.writerow(["thanh_toan", r["method"], "", r["amount"]])
    w.writerow(["khach_tham_quan", "", report.visitors, ""])
    w.writerow(["dau_moi", "", report.leads, ""])
    return out.getvalue()
