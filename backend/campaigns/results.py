"""Campaign results: orders, units, revenue, discount given and new customers, by channel and
day, compared with the same length of time just before the campaign.

An order counts for a campaign only if the campaign's own promotions or vouchers discounted it: a
line priced by one of its catalogue promotions, its order promotion, or one of its voucher codes.
The discount reported is what the campaign gave, not other campaigns' discounts on the same order.
The baseline window is attributed the same way."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Min, Q, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from orders.models import Order, OrderLine, OrderStatus

from .models import Campaign, VoucherCode

EXCLUDED = (OrderStatus.DRAFT, OrderStatus.CANCELED)


@dataclass
class Totals:
    orders: int = 0
    units: int = 0
    revenue: int = 0
    discount: int = 0
    new_customers: int = 0


@dataclass
class CampaignResults:
    campaign: Campaign
    start: dt.datetime
    end: dt.datetime
    before_start: dt.datetime
    totals: Totals
    before: Totals
    by_channel: dict[str, Totals] = field(default_factory=dict)
    by_day: dict[dt.date, Totals] = field(default_factory=dict)
    by_channel_day: dict[tuple[str, dt.date], Totals] = field(default_factory=dict)

    def change_percent(self, attr: str) -> float | None:
        before = getattr(self.before, attr)
        if not before:
            return None
        return round((getattr(self.totals, attr) - before) * 100 / before, 1)


def _customer_key(email: str | None, user_id: int | None) -> str | None:
    if user_id:
        return f"u{user_id}"
    return f"e{email.lower()}" if email else None


@dataclass(frozen=True)
class Attribution:
    """What is the campaign's own: its promotions (catalogue and order) and its voucher codes."""

    promotion_ids: frozenset[int]
    voucher_codes: frozenset[str]

    @classmethod
    def of(cls, campaign: Campaign) -> Attribution:
        return cls(frozenset(campaign.promotions.values_list("pk", flat=True)),
                   frozenset(VoucherCode.objects.filter(voucher__campaign=campaign).values_list("code", flat=True)))

    def order_q(self) -> Q:
        return (Q(promotion_id__in=self.promotion_ids) | Q(voucher_code__in=self.voucher_codes)
                | Q(pk__in=OrderLine.objects.filter(promotion_id__in=self.promotion_ids).values("order_id")))

    def owns_order_discount(self, order: dict) -> bool:
        return order["promotion_id"] in self.promotion_ids or order["voucher_code"] in self.voucher_codes


def _compute(own: Attribution, channel_ids: list[int], start: dt.datetime, end: dt.datetime):
    orders = list(
        Order.objects.filter(own.order_q(), channel_id__in=channel_ids, created_at__gte=start, created_at__lt=end)
        .exclude(status__in=EXCLUDED)
        .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
        .values("pk", "channel__slug", "day", "total_amount", "discount_amount", "user_email", "user_id",
                "promotion_id", "voucher_code")
    )
    for o in orders:  # only the order-level discount this campaign gave
        o["discount_amount"] = o["discount_amount"] if own.owns_order_discount(o) else 0
    line_rows = (OrderLine.objects.filter(order_id__in=[o["pk"] for o in orders]).values("order_id")
                 .annotate(units=Coalesce(Sum("quantity"), 0),
                           line_discount=Coalesce(Sum(F("unit_discount") * F("quantity"),
                                                      filter=Q(promotion_id__in=own.promotion_ids)), 0)))
    lines = {r["order_id"]: r for r in line_rows}
    keys = {_customer_key(o["user_email"], o["user_id"]) for o in orders} - {None}
    emails = [k[1:] for k in keys if k.startswith("e")]
    user_ids = [int(k[1:]) for k in keys if k.startswith("u")]
    first_seen: dict[str, dt.datetime] = {}
    for row in (Order.objects.exclude(status__in=EXCLUDED).filter(user_id__in=user_ids)
                .values("user_id").annotate(first=Min("created_at"))):
        first_seen[f"u{row['user_id']}"] = row["first"]
    for row in (Order.objects.exclude(status__in=EXCLUDED).filter(user__isnull=True, user_email__in=emails)
                .values("user_email").annotate(first=Min("created_at"))):
        first_seen[f"e{row['user_email'].lower()}"] = row["first"]
    return orders, lines, first_seen


def _add(t: Totals, order: dict, line: dict | None, is_new: bool) -> None:
    t.orders += 1
    t.units += (line or {}).get("units", 0)
    t.revenue += order["total_amount"]
    t.discount += order["discount_amount"] + (line or {}).get("line_discount", 0)
    t.new_customers += 1 if is_new else 0


def campaign_results(campaign: Campaign) -> CampaignResults:
    channel_ids = list(campaign.channels.values_list("pk", flat=True))
    start, end = campaign.start_date, min(campaign.end_date, max(timezone.now(), campaign.start_date))
    if end <= start:
        end = campaign.end_date
    length = end - start
    before_start = start - length
    result = CampaignResults(campaign, start, end, before_start, Totals(), Totals())
    own = Attribution.of(campaign)
    for window_start, window_end, target in ((start, end, "now"), (before_start, start, "before")):
        orders, lines, first_seen = _compute(own, channel_ids, window_start, window_end)
        counted_new: set[str] = set()
        for o in orders:
            key = _customer_key(o["user_email"], o["user_id"])
            is_new = bool(key) and key not in counted_new and first_seen.get(key) is not None \
                and first_seen[key] >= window_start
            if is_new:
                counted_new.add(key)
            line = lines.get(o["pk"])
            if target == "before":
                _add(result.before, o, line, is_new)
                continue
            _add(result.totals, o, line, is_new)
            _add(result.by_channel.setdefault(o["channel__slug"], Totals()), o, line, is_new)
            _add(result.by_day.setdefault(o["day"], Totals()), o, line, is_new)
            _add(result.by_channel_day.setdefault((o["channel__slug"], o["day"]), Totals()), o, line, is_new)
    return result


def results_csv(results: CampaignResults) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["kenh", "ngay", "don_hang", "so_luong", "doanh_thu_vnd", "giam_gia_vnd", "khach_moi"])
    for (channel, day), t in sorted(results.by_channel_day.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        writer.writerow([channel, day.isoformat(), t.orders, t.units, t.revenue, t.discount, t.new_customers])
    t, b = results.totals, results.before
    writer.writerow(["TONG", "", t.orders, t.units, t.revenue, t.discount, t.new_customers])
    writer.writerow(["TRUOC_CHIEN_DICH", "", b.orders, b.units, b.revenue, b.discount, b.new_customers])
    return out.getvalue()


def daily_revenue_series(results: CampaignResults) -> list[tuple[str, int]]:
    days = defaultdict(int)
    day = results.start.astimezone(timezone.get_current_timezone()).date()
    last = results.end.astimezone(timezone.get_current_timezone()).date()
    while day <= last:
        days[day] = 0
        day += dt.timedelta(days=1)
    for d, t in results.by_day.items():
        days[d] = t.revenue
    return [(d.strftime("%d/%m"), v) for d, v in sorted(days.items())]
