"""Import a stand's daily sales tally from CSV (for stands without a device).

Columns (header row required, Vietnamese or English names): sku or gtin, quantity, price (VND per
unit, VAT included), payment_method (cash | vietqr | card | transfer), optional date (YYYY-MM-DD or
DD/MM/YYYY). Every row is validated first; errors come back with line numbers; nothing is imported
unless every row is valid; the same file imported twice is refused.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections import defaultdict
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.gate import sale_reasons, sellable_products
from catalog.models import ProductVariant
from catalog.pricing import vat_included
from inventory.models import Stock
from orders.drafts import DraftLine, DraftPayment, OrderDraft, StockMode
from orders.models import ChargeStatus, Order, OrderOrigin, OrderStatus
from orders.services import order_place
from payments.models import PaymentMethod

from .errors import EventError, ImportRowError
from .models import Event, EventParticipant, EventSalesImport, EventStatus

HEADERS = {
    "sku": "sku", "ma_sku": "sku", "gtin": "gtin", "ma_vach": "gtin", "quantity": "quantity", "so_luong": "quantity",
    "price": "price", "don_gia": "price", "gia": "price", "payment_method": "payment_method",
    "thanh_toan": "payment_method", "date": "date", "ngay": "date",
}
METHODS = {"cash": PaymentMethod.CASH, "tien_mat": PaymentMethod.CASH, "vietqr": PaymentMethod.VIETQR,
           "transfer": PaymentMethod.VIETQR, "chuyen_khoan": PaymentMethod.VIETQR, "card": PaymentMethod.CARD,
           "the": PaymentMethod.CARD}
MAX_ROWS = 5000


@dataclass
class TallyRow:
    line: int
    variant: ProductVariant
    quantity: int
    price: int
    method: str
    date: dt.date


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1258"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise EventError(_("Tệp không đọc được: hãy lưu CSV dạng UTF-8."), field="file", code="IMPORT_INVALID")


def _parse_date(text: str) -> dt.date | None:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _parse(event: Event, text: str) -> list[TallyRow]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        raise EventError(_("Tệp CSV trống."), field="file", code="IMPORT_INVALID") from None
    columns = [HEADERS.get(h.strip().lower().replace(" ", "_")) for h in header]
    missing = {"quantity", "price", "payment_method"} - set(columns)
    if missing or not ({"sku", "gtin"} & set(columns)):
        raise EventError(_("Thiếu cột bắt buộc: cần sku hoặc gtin, quantity, price, payment_method."), field="file",
                         code="IMPORT_INVALID")
    raw = [(i, dict(zip(columns, row, strict=False))) for i, row in enumerate(reader, start=2) if any(c.strip() for c in row)]
    if not raw:
        raise EventError(_("Tệp CSV không có dòng bán hàng nào."), field="file", code="IMPORT_INVALID")
    if len(raw) > MAX_ROWS:
        raise EventError(_("Tối đa %(n)s dòng mỗi tệp.") % {"n": MAX_ROWS}, field="file", code="IMPORT_INVALID")
    skus = {r.get("sku", "").strip() for _i, r in raw} - {""}
    gtins = {r.get("gtin", "").strip() for _i, r in raw} - {""}
    variants = list(ProductVariant.objects.filter(sku__in=skus)) + list(ProductVariant.objects.filter(gtin__in=gtins))
    by_sku = {v.sku: v for v in variants}
    by_gtin = {v.gtin: v for v in variants if v.gtin}
    allowed_products = set(EventParticipant.products.through.objects.filter(eventparticipant__event=event)
                           .values_list("product_id", flat=True))
    sellable = set(sellable_products(event.channel).filter(pk__in=allowed_products).values_list("pk", flat=True))
    rows, errors = [], []
    for line, r in raw:
        problems = []
        code = (r.get("sku") or "").strip() or (r.get("gtin") or "").strip()
        variant = by_sku.get((r.get("sku") or "").strip()) or by_gtin.get((r.get("gtin") or "").strip())
        if variant is None:
            problems.append(_("không tìm thấy sản phẩm “%(c)s”") % {"c": code})
        elif variant.product_id not in allowed_products:
            problems.append(_("sản phẩm %(c)s không đăng ký tại sự kiện") % {"c": code})
        elif variant.product_id not in sellable:
            why = " ".join(sale_reasons(variant.product, event.channel))
            problems.append(_("sản phẩm %(c)s không được phép bán: %(why)s") % {"c": code, "why": why})
        quantity = (r.get("quantity") or "").strip()
        if not quantity.isdigit() or int(quantity) <= 0:
            problems.append(_("số lượng phải là số nguyên dương"))
        price = (r.get("price") or "").strip().replace(".", "").replace(",", "")
        if not price.isdigit() or int(price) <= 0:
            problems.append(_("đơn giá phải là số nguyên dương (VND)"))
        method = METHODS.get((r.get("payment_method") or "").strip().lower().replace(" ", "_"))
        if method is None:
            problems.append(_("hình thức thanh toán phải là cash, vietqr, card hoặc transfer"))
        day = _parse_date(r.get("date") or "") if (r.get("date") or "").strip() else timezone.localdate()
        if day is None:
            problems.append(_("ngày không hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY)"))
        elif not event.start_date <= day <= event.end_date:
            problems.append(_("ngày nằm ngoài thời gian sự kiện"))
        if problems:
            errors.append((line, "; ".join(problems)))
        else:
            rows.append(TallyRow(line, variant, int(quantity), int(price), method, day))
    if rows:
        need = defaultdict(int)
        for row in rows:
            need[row.variant.pk] += row.quantity
        have = dict(Stock.objects.filter(warehouse_id=event.warehouse_id, product_variant_id__in=need)
                    .values_list("product_variant_id", "quantity"))
        for row in rows:
            if need[row.variant.pk] > have.get(row.variant.pk, 0):
                errors.append((row.line, _("gian hàng chỉ còn %(h)s × %(s)s, bảng kê ghi bán %(n)s")
                               % {"h": have.get(row.variant.pk, 0), "s": row.variant.sku, "n": need[row.variant.pk]}))
                need[row.variant.pk] = 0  # report each product once
    if errors:
        raise ImportRowError(sorted(errors))
    return rows


@transaction.atomic
def event_sales_import(*, event: Event, data: bytes, filename: str = "", user=None) -> EventSalesImport:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == EventStatus.CLOSED:
        raise EventError(_("Sự kiện đã kết thúc."), code="EVENT_CLOSED")
    digest = hashlib.sha256(data.replace(b"\r\n", b"\n").strip()).hexdigest()
    if EventSalesImport.objects.filter(event=event, sha256=digest).exists():
        raise EventError(_("Tệp này đã được nhập trước đó."), field="file", code="IMPORT_DUPLICATE")
    rows = _parse(event, _decode(data))
    groups: dict[tuple[dt.date, str], list[TallyRow]] = defaultdict(list)
    for row in rows:
        groups[(row.date, row.method)].append(row)
    numbers, total_all = [], 0
    for (day, method), group in sorted(groups.items()):
        order = _order_for(event, day, method, group, user)
        numbers.append(order.number)
        total_all += order.total_amount
    try:
        with transaction.atomic():
            return EventSalesImport.objects.create(event=event, sha256=digest, filename=filename[:255],
                                                   row_count=len(rows), total_amount=total_all, order_numbers=numbers,
                                                   imported_by=user if getattr(user, "is_authenticated", False) else None)
    except IntegrityError:
        raise EventError(_("Tệp này đã được nhập trước đó."), field="file", code="IMPORT_DUPLICATE") from None


def _order_for(event: Event, day: dt.date, method: str, rows: list[TallyRow], user) -> Order:
    created = timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))
    lines = []
    for row in rows:
        rate = row.variant.product.effective_vat_rate
        lines.append(DraftLine(variant=row.variant, quantity=row.quantity, undiscounted_unit_price=row.price,
                               unit_price=row.price, vat_rate=rate, vat_amount=vat_included(row.price * row.quantity,
                                                                                            rate),
                               metadata={"import_line": row.line}))
    total = sum(ln.total for ln in lines)
    return order_place(OrderDraft(
        channel=event.channel, origin=OrderOrigin.EVENT, status=OrderStatus.FULFILLED, lines=lines,
        payment_method=method, charge_status=ChargeStatus.FULL, warehouse_id=event.warehouse_id,
        delivery_method="in_store", total_charged_amount=total, created_at=created, payable_at=created,
        created_by=user, fulfilled=True, stock=StockMode.SELL, stock_warehouse_ids=[event.warehouse_id],
        payments=[DraftPayment(method=method, name=_("Bảng kê sự kiện"), amount_charged=total,
                               message=_("Nhập từ bảng kê CSV"))],
        event_type="placed_from_event_import", event_params={"event": event.pk, "day": day.isoformat()})).order
