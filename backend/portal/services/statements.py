"""Monthly statements for a producer: gross sales, returns, commission at the centre's rate per
channel, amount payable — as data, CSV and PDF (WeasyPrint)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import Perm, has_perm
from channels.models import Channel
from core.errors import DomainError, PermissionDenied
from producers.models import Producer

from ..models import CommissionRate
from .sales import _local_midnight, producer_lines

MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass
class StatementChannel:
    channel_id: int
    channel_name: str
    gross: int
    returns: int
    net: int
    rate_bp: int
    commission: int
    payable: int


@dataclass
class Statement:
    producer: Producer
    month: str
    start: dt.date
    end: dt.date
    channels: list[StatementChannel] = field(default_factory=list)
    gross: int = 0
    returns: int = 0
    net: int = 0
    commission: int = 0
    payable: int = 0


def parse_month(month: str) -> tuple[dt.date, dt.date]:
    m = MONTH_RE.match((month or "").strip())
    if not m:
        raise DomainError(_("Tháng phải có dạng NNNN-TT (ví dụ 2026-05)."), field="month", code="INVALID_DATE")
    start = dt.date(int(m.group(1)), int(m.group(2)), 1)
    end = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return start, end


def commission(net: int, rate_bp: int) -> int:
    """Integer VND, rounded half up."""
    return (net * rate_bp + 5000) // 10000 if net > 0 else 0


def build_statement(*, producer: Producer, month: str) -> Statement:
    start, end = parse_month(month)
    lines = producer_lines(producer.pk).filter(order__created_at__gte=_local_midnight(start),
                                               order__created_at__lt=_local_midnight(end))
    rates = dict(CommissionRate.objects.values_list("channel_id", "rate_bp"))
    st = Statement(producer=producer, month=month.strip(), start=start, end=end - dt.timedelta(days=1))
    rows = (lines.values("order__channel_id", "order__channel__name")
            .annotate(g=Sum(F("quantity") * F("unit_price")), r=Sum(F("quantity_returned") * F("unit_price")))
            .order_by("order__channel__name"))
    for r in rows:
        gross, returns = int(r["g"] or 0), int(r["r"] or 0)
        net = gross - returns
        rate = rates.get(r["order__channel_id"], 0)
        com = commission(net, rate)
        st.channels.append(StatementChannel(r["order__channel_id"], r["order__channel__name"], gross, returns, net,
                                            rate, com, net - com))
    st.gross = sum(c.gross for c in st.channels)
    st.returns = sum(c.returns for c in st.channels)
    st.net = sum(c.net for c in st.channels)
    st.commission = sum(c.commission for c in st.channels)
    st.payable = sum(c.payable for c in st.channels)
    return st


def statement_csv(st: Statement) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow([_("Chủ thể"), st.producer.name, _("Mã số thuế"), st.producer.tax_code, _("Tháng"), st.month])
    w.writerow([_("Kênh bán"), _("Doanh số"), _("Hàng trả"), _("Doanh số thuần"), _("Tỉ lệ hoa hồng (%)"),
                _("Hoa hồng"), _("Phải trả chủ thể")])
    for c in st.channels:
        w.writerow([c.channel_name, c.gross, c.returns, c.net, f"{c.rate_bp / 100:.2f}", c.commission, c.payable])
    w.writerow([_("Tổng cộng"), st.gross, st.returns, st.net, "", st.commission, st.payable])
    return out.getvalue()


def statement_pdf(st: Statement) -> bytes:
    from weasyprint import HTML

    html = render_to_string("portal/statement_pdf.html", {"st": st, "generated_at": timezone.localtime()})
    return HTML(string=html).write_pdf()


def require_rate_manager(user) -> None:
    if not (has_perm(user, Perm.MANAGE_PRODUCERS) or has_perm(user, Perm.MANAGE_CHANNELS)):
        raise PermissionDenied(_("Bạn không có quyền đặt tỉ lệ hoa hồng."))


@transaction.atomic
def commission_rate_set(*, user, channel_id, percent) -> CommissionRate:
    require_rate_manager(user)
    channel = Channel.objects.filter(pk=channel_id).first()
    if channel is None:
        raise DomainError(_("Không tìm thấy kênh bán."), field="channel", code="NOT_FOUND")
    try:
        bp = round(float(str(percent).replace(",", ".")) * 100)
    except (TypeError, ValueError):
        raise DomainError(_("Tỉ lệ hoa hồng phải là số phần trăm."), field="rate") from None
    if not 0 <= bp <= 10000:
        raise DomainError(_("Tỉ lệ hoa hồng phải từ 0 đến 100 %."), field="rate")
    rate, _created = CommissionRate.objects.update_or_create(channel=channel, defaults={"rate_bp": bp,
                                                                                       "updated_by": user})
    return rate
