"""VietQR transfers confirmed by the bank: credits reported by a signed webhook (the shape the common
Vietnamese bank-notification services send: reference, amount, description, time) or by an imported
CSV statement are matched to orders by the reference in the description (`OCOP<number>`) and amount.

  exact amount still owed → the order is paid;
  less → recorded as a part payment, the order stays unpaid and the transaction is flagged;
  more, no matching order, or an order not waiting for a transfer → flagged for staff, nothing paid.
A bank reference seen before changes nothing (replays, overlapping statements)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import io
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from core.errors import DomainError
from orders.models import ChargeStatus, Order, OrderStatus
from orders.services import order_event_add, order_mark_paid

from .models import BankTransaction, BankTransactionStatus, PaymentMethod

REFERENCE = re.compile(r"OCOP\s*(\d{1,12})", re.IGNORECASE)
AWAITING = (OrderStatus.UNCONFIRMED,)


@dataclass(frozen=True)
class BankCredit:
    bank_reference: str
    amount: int
    description: str
    transacted_at: dt.datetime
    raw: dict


def signature_valid(body: bytes, signature: str) -> bool:
    """HMAC-SHA256 of the raw body with the shared secret, hex, compared in constant time."""
    secret = settings.BANK_WEBHOOK_SECRET
    if not secret or not signature:
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature.strip().lower())


def _when(value) -> dt.datetime:
    parsed = parse_datetime(str(value or "").strip().replace("/", "-"))
    if parsed is None:
        raise DomainError(_("Thời gian giao dịch không hợp lệ."), field="when", code="INVALID_DATE")
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


def credit_from_notification(item: dict) -> BankCredit:
    reference = str(item.get("tid") or item.get("reference") or item.get("id") or "").strip()
    try:
        amount = int(str(item.get("amount", "")).replace(".", "").replace(",", ""))
    except ValueError:
        amount = 0
    if not reference or amount <= 0:
        raise DomainError(_("Thông báo giao dịch thiếu mã tham chiếu hoặc số tiền."), field="data", code="INVALID")
    return BankCredit(reference[:128], amount, str(item.get("description") or "")[:512], _when(item.get("when")),
                      item)


def bank_credit_record(credit: BankCredit, *, source: str) -> tuple[BankTransaction, bool]:
    """Match and record one credit. Returns (transaction, created); a known reference is returned unchanged."""
    known = BankTransaction.objects.filter(bank_reference=credit.bank_reference).first()
    if known is not None:
        return known, False
    try:
        with transaction.atomic():
            return _record(credit, source=source), True
    except IntegrityError:  # the same notification arriving twice at once: the first one wins
        return BankTransaction.objects.get(bank_reference=credit.bank_reference), False


def _record(credit: BankCredit, *, source: str) -> BankTransaction:
    match = REFERENCE.search(credit.description)
    order = None
    if match:
        order = Order.objects.select_for_update().filter(number=int(match.group(1))).first()
    status = BankTransactionStatus.UNMATCHED
    if order is not None:
        owed = order.total_amount - order.total_charged_amount
        awaiting = (order.payment_method == PaymentMethod.VIETQR and order.status in AWAITING
                    and order.charge_status in (ChargeStatus.NONE, ChargeStatus.PARTIAL))
        if not awaiting:
            status = BankTransactionStatus.NOT_AWAITING
        elif credit.amount == owed:
            status = BankTransactionStatus.PAID
        elif credit.amount < owed:
            status = BankTransactionStatus.PARTIAL
        else:
            status = BankTransactionStatus.OVERPAID
    row = BankTransaction.objects.create(
        bank_reference=credit.bank_reference, amount=credit.amount, description=credit.description,
        transacted_at=credit.transacted_at, source=source, status=status, order=order,
        needs_review=status != BankTransactionStatus.PAID, raw=credit.raw)
    if status in (BankTransactionStatus.PAID, BankTransactionStatus.PARTIAL):
        item = order.transactions.filter(method=PaymentMethod.VIETQR).order_by("-pk").first()
        order_mark_paid(order_id=order.pk, psp_reference=credit.bank_reference, amount=credit.amount,
                        external_event_id=f"bank:{credit.bank_reference}", transaction_id=item.pk if item else None)
    elif order is not None:
        order_event_add(order, "bank_transfer_flagged", None, status=status, amount=credit.amount,
                        bank_reference=credit.bank_reference)
    return row


STATEMENT_HEADERS = {"reference": "reference", "ma_giao_dich": "reference", "so_tham_chieu": "reference",
                     "amount": "amount", "so_tien": "amount", "description": "description", "noi_dung": "description",
                     "date": "when", "when": "when", "ngay": "when", "thoi_gian": "when"}


def bank_statement_import(data: bytes) -> list[tuple[BankTransaction, bool]]:
    """Credits of a CSV statement (reference, amount, description, date), every row checked first."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(_("Tệp không đọc được: hãy lưu CSV dạng UTF-8."), field="file", code="INVALID") from None
    reader = csv.reader(io.StringIO(text))
    header = [STATEMENT_HEADERS.get(h.strip().lower().replace(" ", "_")) for h in next(reader, [])]
    if not {"reference", "amount", "description", "when"} <= set(header):
        raise DomainError(_("Thiếu cột bắt buộc: reference, amount, description, date."), field="file",
                          code="INVALID")
    credits, errors = [], []
    for line, row in enumerate(reader, start=2):
        if not any(c.strip() for c in row):
            continue
        values = dict(zip(header, row, strict=False))
        try:
            credits.append(credit_from_notification({"tid": values.get("reference"), "amount": values.get("amount"),
                                                     "description": values.get("description"),
                                                     "when": values.get("when")}))
        except DomainError as exc:
            errors.append(_("dòng %(n)s: %(m)s") % {"n": line, "m": exc.message})
    if errors:
        raise DomainError("; ".join(errors), field="file", code="INVALID")
    return [bank_credit_record(c, source="statement") for c in credits]
