"""Recording POS sales, one at a time or a batch synced from an offline queue.

Idempotent on the client's UUID (`Order.external_reference`, unique): a replay, or two tablets
syncing the same queue, records the sale once. Each sale commits on its own, so a dropped
connection mid-batch keeps what was recorded and the replay skips it. A sale whose stock was gone
by sync time is still recorded: what exists is decremented and the shortfall is flagged
(PosReconciliation); stock never goes negative."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.gate import sale_reasons, sellable_products
from catalog.models import ProductVariant, ProductVariantChannelListing
from catalog.pricing import variant_prices, vat_included
from core.errors import DomainError, FieldError, ValidationFailed
from orders.drafts import DraftLine, DraftPayment, OrderDraft, StockMode
from orders.models import Order, OrderOrigin, OrderStatus
from orders.numbers import next_order_number
from orders.services import OrderAlreadyPlaced, order_event_add, order_place
from payments.models import PaymentMethod
from payments.providers import POS, provider_for
from traceability.services import stamp_mark_sold

from .access import registers_for_user
from .invoice import build_invoice_data
from .models import PosReconciliation, PosSale, PosShift, ReconciliationKind, ShiftStatus
from .receipts import receipt_email_send
from .underpaid import charge_status_for

CREATED, DUPLICATE, FLAGGED, ERROR = "created", "duplicate", "flagged", "error"


@dataclass
class SaleLineInput:
    variant_id: int
    quantity: int
    stamp_uris: list[str] = field(default_factory=list)


@dataclass
class PaymentInput:
    method: str
    amount: int
    reference: str = ""
    confirmed: bool = False


@dataclass
class SaleInput:
    client_uuid: str
    shift_id: int
    lines: list[SaleLineInput]
    payments: list[PaymentInput]
    sold_at: dt.datetime | None = None
    offline: bool = False
    customer_email: str = ""
    buyer: dict = field(default_factory=dict)


@dataclass
class SaleResult:
    client_uuid: str
    status: str
    order: Order | None = None
    order_number: int | None = None
    order_token: str = ""
    change: int = 0
    errors: list[FieldError] = field(default_factory=list)
    shortfalls: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Context:
    """Everything a batch needs, fetched once: shifts, variants with products, base prices."""

    shifts: dict[int, PosShift]
    variants: dict[int, ProductVariant]
    listings: dict[int, dict[int, int]]  # channel_id -> {variant_id: base price}
    sellable: dict[tuple[int, dt.date], set[int]]  # (channel_id, day) -> sellable product ids


def _normalise_uuid(raw: str) -> str:
    try:
        return str(uuid.UUID(str(raw)))
    except (TypeError, ValueError):
        raise DomainError(_("Mã giao dịch (UUID) không hợp lệ."), field="clientUuid", code="INVALID") from None


def _sold_at(sale: SaleInput, now: dt.datetime) -> dt.datetime:
    if sale.sold_at is None or sale.sold_at > now + dt.timedelta(minutes=5):
        return now
    return sale.sold_at


def _load_context(user, sales: list[SaleInput], now: dt.datetime) -> _Context:
    allowed = set(registers_for_user(user).values_list("pk", flat=True))
    shift_ids = {s.shift_id for s in sales}
    shifts = {s.pk: s for s in PosShift.objects.select_related("register__warehouse", "register__channel")
              .filter(pk__in=shift_ids, register_id__in=allowed)}
    variant_ids = {line.variant_id for s in sales for line in s.lines}
    variants = {v.pk: v for v in ProductVariant.objects.select_related("product__product_type", "product__producer")
                .filter(pk__in=variant_ids)}
    channel_ids = {sh.register.channel_id for sh in shifts.values()}
    listings: dict[int, dict[int, int]] = {cid: {} for cid in channel_ids}
    for cid, vid, price in ProductVariantChannelListing.objects.filter(
            channel_id__in=channel_ids, variant_id__in=variant_ids).values_list("channel_id", "variant_id",
                                                                                  "price_amount"):
        listings[cid][vid] = int(price)
    product_ids = {v.product_id for v in variants.values()}
    sellable: dict[tuple[int, dt.date], set[int]] = {}
    for s in sales:
        shift = shifts.get(s.shift_id)
        if shift is None:
            continue
        key = (shift.register.channel_id, timezone.localdate(_sold_at(s, now)))
        if key not in sellable:
            sellable[key] = set(sellable_products(key[0], today=key[1], now=now).filter(pk__in=product_ids)
                                .values_list("pk", flat=True))
    return _Context(shifts=shifts, variants=variants, listings=listings, sellable=sellable)


def _price_lines(sale: SaleInput, shift: PosShift, ctx: _Context,
                 sold_at: dt.datetime) -> tuple[list[dict], list[tuple[int, str]]]:
    if not sale.lines:
        raise DomainError(_("Đơn hàng chưa có sản phẩm."), field="lines", code="REQUIRED")
    merged: dict[int, int] = {}
    for line in sale.lines:
        if not isinstance(line.quantity, int) or line.quantity <= 0:
            raise DomainError(_("Số lượng phải là số nguyên dương."), field="lines", code="INVALID_QUANTITY")
        if line.variant_id not in ctx.variants:
            raise DomainError(_("Không tìm thấy sản phẩm (mã %(id)s).") % {"id": line.variant_id},
                              field="lines", code="UNKNOWN_PRODUCT")
        merged[line.variant_id] = merged.get(line.variant_id, 0) + line.quantity
    channel = shift.register.channel
    day = timezone.localdate(sold_at)
    sellable = ctx.sellable.get((channel.pk, day), set())
    base = ctx.listings.get(channel.pk, {})
    issues: list[tuple[int, str]] = []
    for vid in merged:
        variant = ctx.variants[vid]
        if variant.product_id not in sellable or vid not in base:
            reasons = sale_reasons(variant.product, channel, today=day, now=sold_at) or [
                _("Phân loại này chưa có giá ở kênh bán này.")]
            message = _("Không thể bán “%(name)s”: %(why)s") % {"name": variant.product.name,
                                                                "why": " ".join(reasons)}
            if not (sale.offline and vid in base):
                raise DomainError(message, field="lines", code="PRODUCT_NOT_SELLABLE")
            issues.append((vid, message))  # sold offline from the till's cached catalogue: record and flag
    prices = variant_prices(merged.keys(), channel, at=sold_at, listings={v: base[v] for v in merged})
    lines = []
    for vid, qty in merged.items():
        variant, price = ctx.variants[vid], prices[vid]
        rate = variant.product.effective_vat_rate
        total = price.price * qty
        lines.append({"variant": variant, "variant_id": vid, "quantity": qty, "name": variant.product.name,
                      "variant_name": variant.name, "sku": variant.sku, "undiscounted": price.undiscounted,
                      "unit_price": price.price, "discount": price.discount,
                      "discount_reason": price.promotion_name, "promotion_id": price.promotion_id, "total": total, "vat_rate": rate,
                      "vat_amount": vat_included(total, rate)})
    return lines, issues


def _check_payments(payments: list[PaymentInput], total: int, *, allow_short: bool = False) -> tuple[int, int]:
    """Validate payments against the total; returns (change given from cash, amount not collected).
    Only an offline sale may come up short (the till charged its cached price): it is flagged."""
    if not payments:
        raise DomainError(_("Chưa có thanh toán."), field="payments", code="PAYMENTS_MISMATCH")
    cash = other = 0
    for p in payments:
        provider = provider_for(p.method, POS)
        if provider is None:
            raise DomainError(_("Phương thức thanh toán không hợp lệ: %(m)s.") % {"m": p.method},
                              field="payments", code="INVALID_PAYMENT")
        if not isinstance(p.amount, int) or p.amount <= 0:
            raise DomainError(_("Số tiền thanh toán phải lớn hơn 0."), field="payments", code="INVALID_PAYMENT")
        provider.check_tender(amount=p.amount, reference=p.reference, confirmed=p.confirmed)
        if provider.gives_change:
            cash += p.amount
        else:
            other += p.amount
    if other > total:
        raise DomainError(_("Thanh toán chuyển khoản/thẻ vượt quá tổng tiền; chỉ tiền mặt được trả lại tiền thừa."),
                          field="payments", code="PAYMENTS_MISMATCH")
    if cash + other < total and allow_short:
        return 0, total - cash - other
    if cash + other < total:
        raise DomainError(_("Thanh toán chưa đủ: thiếu %(d)s ₫.")
                          % {"d": f"{total - cash - other:,}".replace(",", ".")},
                          field="payments", code="PAYMENTS_MISMATCH")
    return cash + other - total, 0


def _shift_is_open(shift_id: int) -> bool:
    """Share-lock the shift row so a concurrent close waits for this sale (and vice versa)."""
    with connection.cursor() as cur:
        cur.execute("SELECT status FROM pos_posshift WHERE id = %s FOR SHARE", [shift_id])
        row = cur.fetchone()
    return bool(row) and row[0] == ShiftStatus.OPEN


def _record(user, sale: SaleInput, ctx: _Context, now: dt.datetime) -> SaleResult:
    client_uuid = _normalise_uuid(sale.client_uuid)
    shift = ctx.shifts.get(sale.shift_id)
    if shift is None:
        raise DomainError(_("Không tìm thấy ca bán hàng hoặc bạn không được phân công ở quầy này."),
                          field="shiftId", code="PERMISSION_DENIED")
    if not _shift_is_open(shift.pk):
        raise DomainError(_("Ca bán hàng đã đóng; không thể ghi thêm đơn."), field="shiftId", code="SHIFT_CLOSED")
    sold_at = _sold_at(sale, now)
    priced, gate_issues = _price_lines(sale, shift, ctx, sold_at)
    total = sum(ln["total"] for ln in priced)
    change, unpaid = _check_payments(sale.payments, total, allow_short=sale.offline)
    vat_total = sum(ln["vat_amount"] for ln in priced)
    discount_total = sum(ln["discount"] * ln["quantity"] for ln in priced)
    email = (sale.customer_email or "").strip()
    # Runs inside sale_sync's per-sale transaction.
    number = next_order_number()
    payments = [{"method": p.method, "amount": p.amount} for p in sale.payments]
    invoice = build_invoice_data(number=number, sold_at=sold_at, register=shift.register, lines=priced,
                                 payments=payments, buyer={**(sale.buyer or {}), "email": email},
                                 total=total, vat_total=vat_total, discount_total=discount_total)
    try:
        placed = order_place(OrderDraft(
            channel=shift.register.channel, origin=OrderOrigin.POS, status=OrderStatus.DELIVERED, number=number,
            lines=[DraftLine(variant=ln["variant"], quantity=ln["quantity"], undiscounted_unit_price=ln["undiscounted"],
                             unit_price=ln["unit_price"], vat_rate=ln["vat_rate"], vat_amount=ln["vat_amount"],
                             discount_reason=ln["discount_reason"], promotion_id=ln["promotion_id"])
                   for ln in priced],
            payment_method="+".join(dict.fromkeys(p.method for p in sale.payments)), email=email,
            charge_status=charge_status_for(total, unpaid), delivery_method="in_store",
            warehouse_id=shift.register.warehouse_id, subtotal_amount=total + discount_total,
            discount_amount=discount_total, total_amount=total, total_charged_amount=total - unpaid,
            client_id=client_uuid, invoice_data=invoice, created_by=user, payable_at=None if unpaid else sold_at, fulfilled=True,
            metadata={"pos_register": shift.register.code, "sold_at": sold_at.isoformat()},
            payments=_payments(sale.payments, change), stock=StockMode.SELL_AVAILABLE,
            stock_warehouse_ids=[shift.register.warehouse_id], event_type=None))
    except OrderAlreadyPlaced:
        return SaleResult(client_uuid=client_uuid, status=DUPLICATE)
    order = placed.order
    shortfalls = [{**s, "kind": ReconciliationKind.STOCK} for s in placed.shortfalls]
    flags = [PosReconciliation(kind=ReconciliationKind.GATE, variant_id=vid, warehouse_id=shift.register.warehouse_id,
                               quantity_sold=next(ln["quantity"] for ln in priced if ln["variant_id"] == vid),
                               detail=message) for vid, message in gate_issues]
    if unpaid:
        flags.append(PosReconciliation(
            kind=ReconciliationKind.PAYMENT, warehouse_id=shift.register.warehouse_id, amount=unpaid,
            detail=_("Thu thiếu %(d)s ₫ so với giá hiện hành lúc bán (bảng giá trên máy đã cũ).")
            % {"d": f"{unpaid:,}".replace(",", ".")}))
    flags += [PosReconciliation(**s) for s in shortfalls]
    pos_sale = PosSale.objects.create(order=order, shift=shift, register=shift.register, client_uuid=client_uuid,
                                      sold_at=sold_at, was_offline=sale.offline, change_amount=change,
                                      needs_reconciliation=bool(flags))
    if flags:
        for flag in flags:
            flag.sale = pos_sale
        PosReconciliation.objects.bulk_create(flags)
    warnings = [f.detail for f in flags if f.kind != ReconciliationKind.STOCK] + _mark_stamps(order, shift, sale,
                                                                                               sold_at)
    order_event_add(order, "placed_from_pos", user, register=shift.register.code, offline=sale.offline,
                    shortfalls=shortfalls, stamp_warnings=warnings)
    if email:
        transaction.on_commit(lambda: receipt_email_send(order_id=order.pk, to=email))
    return SaleResult(client_uuid=client_uuid, status=FLAGGED if flags else CREATED, order=order,
                      order_number=order.number, order_token=str(order.token), change=change,
                      shortfalls=shortfalls, warnings=warnings)


def _mark_stamps(order: Order, shift: PosShift, sale: SaleInput, sold_at: dt.datetime) -> list[str]:
    """Traceability stamps scanned at the till are marked sold on this order. A stamp problem
    (unknown, voided, already sold) never rejects the sale (it may have been made offline): it is
    recorded as a warning for staff."""
    warnings = []
    for line in sale.lines:
        for uri in list(dict.fromkeys(line.stamp_uris))[:line.quantity]:
            try:
                result = stamp_mark_sold(uri, order=order, warehouse=shift.register.warehouse, strict=False,
                                         when=sold_at)
            except DomainError as exc:
                warnings.append(f"{uri}: {exc.message}")
                continue
            if result.warning:
                warnings.append(f"{uri}: {result.warning}")
    return warnings


def _payments(payments: list[PaymentInput], change: int) -> list[DraftPayment]:
    """One transaction per payment; cash is charged net of the change handed back."""
    remaining_change = change
    out = []
    for p in payments:
        charged = p.amount
        meta = {"tendered": p.amount}
        if provider_for(p.method, POS).gives_change and remaining_change:
            give = min(remaining_change, p.amount)
            charged -= give
            remaining_change -= give
            meta["change"] = give
        if p.method == PaymentMethod.VIETQR:
            meta["confirmed_by_staff"] = True
        out.append(DraftPayment(method=p.method, name=provider_for(p.method, POS).label(), amount_charged=charged,
                                psp_reference=p.reference or "", metadata=meta))
    return out


def sale_sync(*, user, sales: list[SaleInput]) -> list[SaleResult]:
    """Record a batch of sales; each commits on its own. Never raises for one bad sale."""
    now = timezone.now()
    results: list[SaleResult] = []
    seen: set[str] = set()
    refs = []
    for s in sales:
        try:
            refs.append(_normalise_uuid(s.client_uuid))
        except DomainError:
            continue
    existing = dict(Order.objects.filter(external_reference__in=refs).values_list("external_reference", "number"))
    tokens = dict(Order.objects.filter(external_reference__in=list(existing)).values_list("external_reference", "token"))
    ctx = _load_context(user, sales, now)
    for sale in sales:
        try:
            ref = _normalise_uuid(sale.client_uuid)
            if ref in existing or ref in seen:
                results.append(SaleResult(client_uuid=ref, status=DUPLICATE, order_number=existing.get(ref),
                                          order_token=str(tokens.get(ref, ""))))
                continue
            seen.add(ref)
            with transaction.atomic():
                result = _record(user, sale, ctx, now)
            if result.status == DUPLICATE:
                row = Order.objects.filter(external_reference=ref).values("number", "token").first() or {}
                result.order_number, result.order_token = row.get("number"), str(row.get("token", ""))
            results.append(result)
        except DomainError as exc:
            errors = exc.as_field_errors() if not isinstance(exc, ValidationFailed) else exc.errors
            results.append(SaleResult(client_uuid=str(sale.client_uuid), status=ERROR, errors=errors))
    return results
