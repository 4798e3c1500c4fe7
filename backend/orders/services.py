"""Order services: placing an order from a checkout, and the staff actions (confirm, mark paid,
fulfil from a chosen warehouse, deliver, cancel, expire unpaid). Every stock change goes through
`inventory.services`; each service is one transaction."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.pricing import vat_included
from checkout.delivery import collection_points
from checkout.models import Checkout, DeliveryMethod
from checkout.promo import redeem, release
from checkout.services import checkout_get, checkout_summary, validate_quantities
from core.errors import DomainError
from core.validators import normalise_phone, validate_vn_phone
from inventory.errors import InsufficientStock
from inventory.locks import lock_stocks_matching
from inventory.models import Allocation, Warehouse
from inventory.reservations import reservation_release
from inventory.services import LineRequest, Ref, stock_allocate, stock_deallocate, stock_fulfil, stock_sell
from payments.methods import available_methods
from payments.models import PaymentMethod, TransactionEvent, TransactionItem
from payments.providers.base import provider_for

from .drafts import DraftLine, DraftPayment, OrderDraft, StockMode
from .models import (
    ChargeStatus,
    Fulfillment,
    FulfillmentLine,
    Order,
    OrderEvent,
    OrderLine,
    OrderOrigin,
    OrderStatus,
)
from .numbers import next_order_number
from .selectors import is_payable, is_unpaid_prepaid, order_reference, unpaid_prepaid_q

log = logging.getLogger(__name__)


def order_event_add(order: Order, type_: str, user=None, **params) -> None:
    """Record something that happened to an order (its history, shown to staff)."""
    OrderEvent.objects.create(order=order, type=type_, parameters=params,
                              user=user if getattr(user, "is_authenticated", False) else None)


_event = order_event_add


def _stock_error(exc: InsufficientStock, names: dict[int, str]) -> DomainError:
    parts = [_("«%(name)s» (còn %(n)d)") % {"name": names.get(i["variant_id"], "?"), "n": i.get("available", 0)}
             for i in exc.items] or [exc.message]
    return DomainError(_("Không đủ hàng: %(items)s. Vui lòng giảm số lượng.") % {"items": ", ".join(parts)},
                       field="quantity", code="INSUFFICIENT_STOCK")


def discount_shares(totals: list[int], discount: int) -> list[int]:
    """Split an order-level discount over lines in proportion to their totals (integer VND, exact sum)."""
    base = sum(totals)
    if discount <= 0 or base <= 0:
        return [0] * len(totals)
    shares = [discount * t // base for t in totals]
    shares[max(range(len(totals)), key=lambda i: totals[i])] += discount - sum(shares)
    return shares


def order_create_from_checkout(*, checkout_token, user=None, payment_method: str | None = None) -> Order:
    """Place the order. Idempotent per checkout: the checkout row is locked, and a checkout already
    placed returns its order (a double-clicked "Đặt hàng" creates ONE order)."""
    with transaction.atomic():
        checkout = checkout_get(checkout_token, user=user, for_update=True)
        if checkout.completed_order_id:
            return Order.objects.get(pk=checkout.completed_order_id)
        order = _place(checkout, user=user, payment_method=payment_method or checkout.payment_method)
    return order


def _contact(checkout: Checkout) -> tuple[str, str]:
    try:
        validate_email(checkout.email or "")
    except ValidationError:
        raise DomainError(_("Vui lòng nhập email hợp lệ để nhận xác nhận đơn hàng."), field="email",
                          code="REQUIRED") from None
    phone = normalise_phone(checkout.phone or (checkout.shipping_address or {}).get("phone")
                            or (checkout.billing_address or {}).get("phone") or "")
    try:
        validate_vn_phone(phone)
    except ValidationError:
        raise DomainError(_("Vui lòng nhập số điện thoại di động Việt Nam hợp lệ."), field="phone",
                          code="INVALID_PHONE") from None
    return checkout.email, phone


class OrderAlreadyPlaced(Exception):
    """A draft's client id was placed before (a replayed POS sale): nothing was written."""


@dataclass
class PlacedOrder:
    order: Order
    lines: list[OrderLine]
    shortfalls: list[dict] = field(default_factory=list)


def order_place(draft: OrderDraft) -> PlacedOrder:
    """THE order writer: Order, OrderLine, stock (allocations or sale movements, through inventory's
    services), TransactionItem/TransactionEvent and the order event, for every origin. Runs inside the
    caller's transaction; a draft whose client id exists raises OrderAlreadyPlaced and writes nothing."""
    subtotal = sum(ln.total for ln in draft.lines) if draft.subtotal_amount is None else draft.subtotal_amount
    total = subtotal - draft.discount_amount + draft.shipping_amount if draft.total_amount is None \
        else draft.total_amount
    user = draft.user if getattr(draft.user, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            order = Order.objects.create(
                number=draft.number or next_order_number(), channel=draft.channel, origin=draft.origin,
                status=draft.status, charge_status=draft.charge_status, user=user, user_email=draft.email,
                customer_phone=draft.phone, shipping_address=draft.shipping_address,
                billing_address=draft.billing_address, delivery_method=draft.delivery_method,
                shipping_method_name=draft.shipping_method_name, collection_point_id=draft.collection_point_id,
                warehouse_id=draft.warehouse_id, subtotal_amount=subtotal, shipping_amount=draft.shipping_amount,
                discount_amount=draft.discount_amount, total_amount=total,
                vat_amount=sum(ln.vat_amount for ln in draft.lines), total_charged_amount=draft.total_charged_amount,
                voucher_code=draft.voucher_code, promotion_id=draft.promotion_id,
                payment_method=draft.payment_method, customer_note=draft.customer_note[:2000],
                external_reference=draft.client_id, invoice_data=draft.invoice_data, expires_at=draft.expires_at,
                payable_at=draft.payable_at, created_by=draft.created_by if getattr(draft.created_by,
                                                                                    "is_authenticated", False)
                else None, metadata=draft.metadata)
    except IntegrityError:
        if draft.client_id and Order.objects.filter(external_reference=draft.client_id).exists():
            raise OrderAlreadyPlaced(draft.client_id) from None
        raise
    if draft.created_at is not None:
        Order.objects.filter(pk=order.pk).update(created_at=draft.created_at)
        order.created_at = draft.created_at
    lines = OrderLine.objects.bulk_create([_order_line(order, ln, fulfilled=draft.fulfilled) for ln in draft.lines])
    shortfalls = _take_stock(draft, order, lines)
    _record_payments(order, draft.payments, draft.created_by)
    if draft.event_type:
        order_event_add(order, draft.event_type, draft.created_by or draft.user, **draft.event_params)
    return PlacedOrder(order=order, lines=lines, shortfalls=shortfalls)


def _order_line(order: Order, ln: DraftLine, *, fulfilled: bool) -> OrderLine:
    product = ln.variant.product
    return OrderLine(order=order, variant=ln.variant, producer_id=product.producer_id, product_name=product.name,
                     variant_name=ln.variant.name, product_sku=ln.variant.sku, quantity=ln.quantity,
                     quantity_fulfilled=ln.quantity if fulfilled else 0,
                     undiscounted_unit_price=ln.undiscounted_unit_price, unit_price=ln.unit_price,
                     unit_discount=ln.undiscounted_unit_price - ln.unit_price, discount_reason=ln.discount_reason,
                     promotion_id=ln.promotion_id, total_price=ln.total, vat_rate=ln.vat_rate,
                     vat_amount=ln.vat_amount, is_shipping_required=not fulfilled, metadata=ln.metadata)


def _take_stock(draft: OrderDraft, order: Order, lines: list[OrderLine]) -> list[dict]:
    tracked = [ol for ol in lines if ol.variant.track_inventory]
    if draft.stock == StockMode.ALLOCATE:
        try:
            stock_allocate(lines=[LineRequest(order_line_id=ol.pk, variant_id=ol.variant_id, quantity=ol.quantity)
                                  for ol in tracked], channel=draft.channel,
                           warehouse_ids=draft.stock_warehouse_ids, checkout_token=draft.checkout_token)
        except InsufficientStock as exc:
            raise _stock_error(exc, {ol.variant_id: str(ol.variant) for ol in lines}) from None
        return []
    if draft.stock not in (StockMode.SELL, StockMode.SELL_AVAILABLE):
        return []
    [warehouse_id] = draft.stock_warehouse_ids
    ref, user = Ref("order", order.number), draft.created_by
    if draft.stock == StockMode.SELL:
        for ol in tracked:
            stock_sell(variant_id=ol.variant_id, warehouse_id=warehouse_id, quantity=ol.quantity, ref=ref, user=user)
        return []
    # Row locks in pk order (inventory.locks), taken before computing what is available.
    locked = {s.product_variant_id: s for s in lock_stocks_matching([ol.variant_id for ol in tracked], [warehouse_id])
              .values()}
    shortfalls = []
    for ol in tracked:
        stock = locked.get(ol.variant_id)
        take = min(ol.quantity, max(stock.quantity - stock.quantity_allocated, 0) if stock else 0)
        if take:
            stock_sell(variant_id=ol.variant_id, warehouse_id=warehouse_id, quantity=take, ref=ref, user=user)
            stock.quantity -= take
        if take < ol.quantity:
            shortfalls.append({"variant_id": ol.variant_id, "warehouse_id": warehouse_id,
                               "quantity_sold": ol.quantity, "shortfall": ol.quantity - take})
    return shortfalls


def _record_payments(order: Order, payments: list[DraftPayment], user) -> None:
    staff = user if getattr(user, "is_authenticated", False) else None
    items = TransactionItem.objects.bulk_create([
        TransactionItem(order=order, method=p.method, name=p.name, amount_charged=p.amount_charged,
                        psp_reference=p.psp_reference[:255], checkout_token=p.checkout_token, metadata=p.metadata)
        for p in payments])
    TransactionEvent.objects.bulk_create([
        TransactionEvent(transaction=item, type=p.event_type, psp_reference=item.psp_reference, message=p.message,
                         amount=p.amount_charged if p.event_amount is None else p.event_amount, created_by=staff)
        for item, p in zip(items, payments, strict=True)])


def _place(checkout: Checkout, *, user, payment_method: str) -> Order:
    channel = checkout.channel
    if payment_method not in available_methods():
        raise DomainError(_("Vui lòng chọn phương thức thanh toán."), field="paymentMethod", code="INVALID")
    email, phone = _contact(checkout)
    summary = checkout_summary(checkout)
    if not summary.lines:
        raise DomainError(_("Giỏ hàng đang trống."), field="lines", code="REQUIRED")
    if summary.problems:
        raise DomainError(" ".join(summary.problems), field="lines", code="PRODUCT_NOT_PUBLISHED")
    wanted = {lv.variant.pk: lv.quantity for lv in summary.lines}
    validate_quantities(checkout, wanted, user=user)
    warehouse_ids = None
    if checkout.delivery_method == DeliveryMethod.SHIPPING:
        if not checkout.shipping_address:
            raise DomainError(_("Vui lòng nhập địa chỉ giao hàng."), field="shippingAddress", code="REQUIRED")
    elif checkout.delivery_method == DeliveryMethod.COLLECTION and checkout.collection_point_id:
        if checkout.collection_point_id not in {w.pk for w in collection_points(channel, wanted,
                                                                               checkout_token=str(checkout.token))}:
            raise DomainError(_("Điểm nhận hàng không còn đủ hàng; vui lòng chọn điểm khác hoặc giao tận nơi."),
                              field="deliveryMethodId", code="INSUFFICIENT_STOCK")
        warehouse_ids = [checkout.collection_point_id]
    else:
        raise DomainError(_("Vui lòng chọn cách nhận hàng."), field="deliveryMethodId", code="REQUIRED")
    provider = provider_for(payment_method)
    prepaid = provider.prepaid
    number = next_order_number()
    lines = []
    shares = discount_shares([lv.total for lv in summary.lines], summary.discount)
    for lv, share in zip(summary.lines, shares, strict=True):
        rate = lv.variant.product.effective_vat_rate
        lines.append(DraftLine(variant=lv.variant, quantity=lv.quantity,
                               undiscounted_unit_price=lv.undiscounted_unit_price, unit_price=lv.unit_price,
                               vat_rate=rate, vat_amount=vat_included(lv.total - share, rate),  # VAT on what is paid
                               promotion_id=lv.promotion_id,
                               metadata={"order_discount_share": share} if share else {}))
    payments = provider.initialize(reference=f"OCOP{number}", amount=summary.total, checkout_token=str(checkout.token))
    placed = order_place(OrderDraft(
        channel=channel, origin=OrderOrigin.CHECKOUT, number=number,
        status=OrderStatus.UNCONFIRMED if prepaid else OrderStatus.UNFULFILLED, lines=lines,
        payment_method=payment_method, user=user if getattr(user, "is_authenticated", False) else checkout.user,
        email=email, phone=phone,
        shipping_address=checkout.shipping_address if checkout.delivery_method == DeliveryMethod.SHIPPING else None,
        billing_address=checkout.billing_address or checkout.shipping_address,
        delivery_method=checkout.delivery_method, shipping_method_name=summary.shipping_method_name,
        collection_point_id=checkout.collection_point_id if warehouse_ids else None,
        subtotal_amount=summary.subtotal, shipping_amount=summary.shipping, discount_amount=summary.discount,
        total_amount=summary.total, voucher_code=summary.promo.code if summary.promo else "",
        promotion_id=summary.promo.promotion_id if summary.promo and summary.discount else None,
        customer_note=checkout.customer_note,
        expires_at=timezone.now() + dt.timedelta(minutes=channel.unpaid_order_expiry_minutes) if prepaid else None,
        payments=payments, stock=StockMode.ALLOCATE, stock_warehouse_ids=warehouse_ids,
        checkout_token=str(checkout.token), event_type="placed",
        event_params={"payment_method": payment_method, "checkout": str(checkout.token)}))
    order = placed.order
    reservation_release(str(checkout.token))  # whatever the order did not consume
    checkout.completed_order = order
    checkout.save(update_fields=["completed_order", "last_change"])
    if order.voucher_code:
        redeem(order.voucher_code, order)
    transaction.on_commit(lambda: send_order_confirmation(order.pk))
    return order


def send_order_confirmation(order_id: int) -> None:
    order = Order.objects.prefetch_related("lines").select_related("collection_point").get(pk=order_id)
    if not order.user_email:
        return
    ctx = {"order": order, "lines": list(order.lines.all()), "url": f"{settings.PUBLIC_BASE_URL}/don-hang/{order.token}/",
           "reference": order_reference(order)}
    body = render_to_string("orders/email/confirmation.txt", ctx)
    try:
        send_mail(_("Xác nhận đơn hàng #%(n)s – OCOP Thanh Hóa") % {"n": order.number}, body,
                  settings.DEFAULT_FROM_EMAIL, [order.user_email])
        _event(order, "email_sent", None, kind="confirmation")
    except Exception:  # e-mail failure never undoes an order
        log.exception("order confirmation e-mail failed for order %s", order.number)


# --- staff actions ------------------------------------------------------------------------------

def _locked(order_id: int) -> Order:
    order = Order.objects.select_for_update().filter(pk=order_id).first()
    if order is None:
        raise DomainError(_("Không tìm thấy đơn hàng."), field="id", code="NOT_FOUND")
    return order


def _require(order: Order, allowed: set[str], action: str) -> None:
    if order.status not in allowed:
        raise DomainError(_("Không thể %(action)s đơn ở trạng thái «%(status)s».") % {
            "action": action, "status": order.get_status_display()}, field="status", code="INVALID_STATUS")


@transaction.atomic
def order_confirm(*, order_id: int, user=None) -> Order:
    order = _locked(order_id)
    _require(order, {OrderStatus.UNCONFIRMED}, _("xác nhận"))
    order.status = OrderStatus.UNFULFILLED
    order.save(update_fields=["status", "updated_at"])
    _event(order, "confirmed", user)
    return order


@transaction.atomic
def order_mark_paid(*, order_id: int, user=None, psp_reference: str = "", external_event_id: str | None = None,
                    amount: int | None = None, transaction_id: int | None = None) -> Order:
    """Record a charge (staff after checking the bank statement, or a gateway webhook for `transaction_id`)."""
    order = _locked(order_id)
    if order.charge_status in (ChargeStatus.FULL, ChargeStatus.OVERCHARGED) and transaction_id is None:
        raise DomainError(_("Đơn hàng đã được thanh toán."), field="id", code="INVALID_STATUS")
    if transaction_id is None:
        _require(order, {OrderStatus.UNCONFIRMED, OrderStatus.UNFULFILLED, OrderStatus.FULFILLED,
                         OrderStatus.DELIVERED}, _("ghi nhận thanh toán cho"))
    amount = order.total_amount - order.total_charged_amount if amount is None else amount
    items = order.transactions.all()
    item = (items.filter(pk=transaction_id).first() if transaction_id else
            items.filter(method=order.payment_method).order_by("-pk").first()) or TransactionItem.objects.create(
        order=order, method=order.payment_method or PaymentMethod.CASH)
    TransactionItem.objects.filter(pk=item.pk).update(amount_charged=item.amount_charged + amount,
                                                       psp_reference=psp_reference or item.psp_reference)
    TransactionEvent.objects.create(transaction=item, type="CHARGE_SUCCESS", amount=amount,
                                    psp_reference=psp_reference or item.psp_reference,
                                    external_event_id=external_event_id,
                                    created_by=user if getattr(user, "is_authenticated", False) else None,
                                    message=_("Nhân viên xác nhận đã nhận tiền") if user else "")
    order.total_charged_amount += amount
    if order.total_charged_amount > order.total_amount:
        order.charge_status = ChargeStatus.OVERCHARGED
    elif order.total_charged_amount == order.total_amount:
        order.charge_status = ChargeStatus.FULL
    else:
        order.charge_status = ChargeStatus.PARTIAL
    if order.status == OrderStatus.UNCONFIRMED and order.charge_status != ChargeStatus.PARTIAL:
        order.status = OrderStatus.UNFULFILLED
    if order.status == OrderStatus.CANCELED:  # paid after it expired: staff must refund
        _event(order, "payment_after_cancel", user, amount=amount)
    order.expires_at = None
    _note_payable(order)
    order.save(update_fields=["total_charged_amount", "charge_status", "status", "expires_at", "payable_at",
                              "updated_at"])
    _event(order, "payment_captured", user, amount=amount, psp_reference=psp_reference)
    return order


def _note_payable(order: Order) -> None:
    """Stamp the moment the order became owed to its producers (the month of their statement)."""
    if order.payable_at is None and is_payable(order):
        order.payable_at = timezone.now()


@transaction.atomic
def order_fulfill(*, order_id: int, warehouse_id: int, user=None, tracking_number: str = "") -> Fulfillment:
    """Ship every remaining unit from the chosen warehouse: allocations elsewhere move there first
    (deallocate + allocate, all or nothing), then `stock_fulfil` writes the sale movements."""
    order = _locked(order_id)
    _require(order, {OrderStatus.UNFULFILLED, OrderStatus.PARTIALLY_FULFILLED}, _("giao"))
    warehouse = Warehouse.objects.filter(pk=warehouse_id, is_active=True).first()
    if warehouse is None:
        raise DomainError(_("Không tìm thấy kho."), field="warehouse", code="NOT_FOUND")
    lines = [ln for ln in order.lines.select_related("variant") if ln.quantity > ln.quantity_fulfilled]
    if not lines:
        raise DomainError(_("Đơn hàng không còn gì để giao."), field="lines", code="INVALID_STATUS")
    elsewhere = set(Allocation.objects.filter(order_line__in=lines, quantity_allocated__gt=0)
                    .exclude(stock__warehouse_id=warehouse_id).values_list("order_line_id", flat=True))
    if elsewhere:
        moving = [ln for ln in lines if ln.pk in elsewhere]
        stock_deallocate(order_line_ids=[ln.pk for ln in moving])
        here = dict(Allocation.objects.filter(order_line__in=moving, stock__warehouse_id=warehouse_id)
                    .values_list("order_line_id", "quantity_allocated"))
        try:
            stock_allocate(lines=[LineRequest(order_line_id=ln.pk, variant_id=ln.variant_id,
                                              quantity=ln.quantity - ln.quantity_fulfilled - here.get(ln.pk, 0))
                                  for ln in moving if ln.quantity - ln.quantity_fulfilled - here.get(ln.pk, 0) > 0],
                           channel=order.channel, warehouse_ids=[warehouse_id])
        except InsufficientStock:
            raise DomainError(_("%(w)s không đủ hàng để giao đơn này.") % {"w": warehouse.name}, field="warehouse",
                              code="INSUFFICIENT_STOCK") from None
    fulfillment = Fulfillment.objects.create(order=order, tracking_number=tracking_number[:255],
                                             fulfillment_order=order.fulfillments.count() + 1)
    ref = Ref("order", order.number)
    for ln in lines:
        qty = ln.quantity - ln.quantity_fulfilled
        stock_id = None
        if ln.variant_id and ln.variant.track_inventory:
            moves = stock_fulfil(order_line_id=ln.pk, quantity=qty, warehouse_id=warehouse_id, user=user, ref=ref)
            stock_id = moves[0].stock_id if moves else None
        FulfillmentLine.objects.create(fulfillment=fulfillment, order_line=ln, quantity=qty, stock_id=stock_id)
        OrderLine.objects.filter(pk=ln.pk).update(quantity_fulfilled=ln.quantity)
    order.status = OrderStatus.FULFILLED
    order.save(update_fields=["status", "updated_at"])
    _event(order, "fulfilled", user, warehouse=warehouse.name, tracking_number=tracking_number)
    return fulfillment


@transaction.atomic
def order_mark_delivered(*, order_id: int, user=None) -> Order:
    order = _locked(order_id)
    _require(order, {OrderStatus.FULFILLED}, _("xác nhận đã nhận hàng cho"))
    order.status = OrderStatus.DELIVERED
    _note_payable(order)
    order.save(update_fields=["status", "payable_at", "updated_at"])
    order.fulfillments.update(status="delivered")
    _event(order, "delivered", user)
    return order


@transaction.atomic
def order_cancel(*, order_id: int, user=None, reason: str = "") -> Order:
    """Cancel an order not yet shipped; its allocations are released (stock returns to sale)."""
    order = _locked(order_id)
    _require(order, {OrderStatus.UNCONFIRMED, OrderStatus.UNFULFILLED}, _("huỷ"))
    released = stock_deallocate(order_line_ids=list(order.lines.values_list("pk", flat=True)))
    order.status = OrderStatus.CANCELED
    order.expires_at = None
    order.save(update_fields=["status", "expires_at", "updated_at"])
    for item in order.transactions.filter(amount_charged=0):
        TransactionEvent.objects.create(transaction=item, type="CANCEL_SUCCESS", amount=0, message=reason[:500])
    if order.voucher_code:
        release(order.voucher_code, order)
    _event(order, "canceled", user, reason=reason, released=released)
    return order


@transaction.atomic
def order_mark_refunded(*, order_id: int, user=None, note: str = "") -> Order:
    """A canceled order that had been paid: staff record that the money went back."""
    order = _locked(order_id)
    _require(order, {OrderStatus.CANCELED}, _("ghi nhận hoàn tiền cho"))
    if order.total_charged_amount <= order.total_refunded_amount:
        raise DomainError(_("Đơn hàng không có khoản thanh toán để hoàn."), field="id", code="INVALID_STATUS")
    amount = order.total_charged_amount - order.total_refunded_amount
    item = order.transactions.filter(amount_charged__gt=0).order_by("-pk").first()
    if item:
        TransactionItem.objects.filter(pk=item.pk).update(amount_refunded=item.amount_refunded + amount)
        TransactionEvent.objects.create(transaction=item, type="REFUND_SUCCESS", amount=amount, message=note[:500],
                                        created_by=user if getattr(user, "is_authenticated", False) else None)
    order.total_refunded_amount += amount
    order.status = OrderStatus.REFUNDED
    order.save(update_fields=["total_refunded_amount", "status", "updated_at"])
    _event(order, "refunded", user, amount=amount)
    return order


def expire_unpaid_orders(*, now: dt.datetime | None = None) -> list[int]:
    """Cancel prepaid (VietQR/Stripe) orders still unpaid after the channel's expiry; stock returns."""
    now = now or timezone.now()
    ids = list(Order.objects.filter(unpaid_prepaid_q(), expires_at__isnull=False, expires_at__lte=now)
               .values_list("pk", flat=True))
    done = []
    for pk in ids:
        with transaction.atomic():
            order = _locked(pk)
            if not is_unpaid_prepaid(order):
                continue  # paid meanwhile
            order_cancel(order_id=pk, reason=_("Hết hạn thanh toán"))
            done.append(order.number)
    return done
