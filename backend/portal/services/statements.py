"""Monthly statements for a producer, as data, CSV and PDF (WeasyPrint).

A statement is a list of lines, per channel: the sales that became payable in the month (paid and
delivered/collected) and, as their own line, the money given back in the month for earlier or
current payable sales. Commission at the centre's rate is charged on sales and returned on refunds.
The statement's totals are the sums of its lines, nothing else."""

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
from .sales import _local_midnight, payable_lines, refunds

MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


SALES, REFUNDS = "sales", "refunds"


@dataclass
class StatementLine:
    kind: str  # SALES | REFUNDS
    channel_id: int
    channel_name: str
    amount: int  # negative for refunds
    rate_bp: int
    commission: int  # negative for refunds (commission given back)

    @property
    def payable(self) -> int:
        return self.amount - self.commission

    @property
    def label(self) -> str:
        return _("Doanh số đã thanh toán và giao") if self.kind == SALES else _("Hoàn tiền / trả hàng trong tháng")


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
    lines: list[StatementLine] = field(default_factory=list)
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
    window = (_local_midnight(start), _local_midnight(end))
    rates = dict(CommissionRate.objects.values_list("channel_id", "rate_bp"))
    st = Statement(producer=producer, month=month.strip(), start=start, end=end - dt.timedelta(days=1))
    sold = (payable_lines(producer.pk, *window).values("order__channel_id", "order__channel__name")
            .annotate(a=Sum(F("quantity") * F("unit_price"))))
    given_back = (refunds(producer.pk, *window).values("order_line__order__channel_id",
                                                       "order_line__order__channel__name").annotate(a=Sum("amount")))
    for r in sold:
        rate, amount = rates.get(r["order__channel_id"], 0), int(r["a"] or 0)
        st.lines.append(StatementLine(SALES, r["order__channel_id"], r["order__channel__name"], amount, rate,
                                      commission(amount, rate)))
    for r in given_back:
        rate, amount = rates.get(r["order_line__order__channel_id"], 0), int(r["a"] or 0)
        st.lines.append(StatementLine(REFUNDS, r["order_line__order__channel_id"],
                                      r["order_line__order__channel__name"], -amount, rate, -commission(amount, rate)))
    st.lines.sort(key=lambda ln: (ln.channel_name, ln.kind != SALES))
    by_channel: dict[int, list[StatementLine]] = {}
    for ln in st.lines:
        by_channel.setdefault(ln.channel_id, []).append(ln)
    for cid, lns in by_channel.items():
        gross = sum(ln.amount for ln in lns if ln.kind == SALES)
        returns = -sum(ln.amount for ln in lns if ln.kind == REFUNDS)
        com = sum(ln.commission for ln in lns)
        st.channels.append(StatementChannel(cid, lns[0].channel_name, gross, returns, gross - returns, lns[0].rate_bp,
                                            com, sum(ln.payable for ln in lns)))
    st.gross = sum(c.gross for c in st.channels)
    st.returns = sum(c.returns for c in st.channels)
    st.net = sum(ln.amount for ln in st.lines)
    st.commission = sum(ln.commission for ln in st.lines)
    st.payable = sum(ln.payable for ln in st.lines)
    return st


def statement_csv(st: Statement) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow([_("Chủ thể"), st.producer.name, _("Mã số thuế"), st.producer.tax_code, _("Tháng"), st.month])
    w.writerow([_("Kênh bán"), _("Khoản"), _("Số tiền"), _("Tỉ lệ hoa hồng (%)"), _("Hoa hồng"),
                _("Phải trả chủ thể")])
    for ln in st.lines:
        w.writerow([ln.channel_name, ln.label, ln.amount, f"{ln.rate_bp / 100:.2f}", ln.commission, ln.payable])
    w.writerow([_("Tổng cộng"), "", st.net, "", st.commission, st.payable])
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
