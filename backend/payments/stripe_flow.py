"""Card payments through Stripe PaymentIntents, and the webhook that records their outcome.

- One TransactionItem per attempt, its idempotency key stored on it.
- Webhook events are stored by id (StripeEvent): a replay does nothing.
- Events may arrive out of order: a success is final (a later/earlier failure of the same intent is
  only logged), and an event for an intent we have not saved yet waits as `pending` and is applied
  when the attempt is saved.
"""

from __future__ import annotations

import logging

import stripe
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from integrations.stripe.client import CURRENCY, construct_event, create_payment_intent
from orders.models import Order
from orders.selectors import is_unpaid_prepaid
from orders.services import order_mark_paid

from .models import PaymentMethod, StripeEvent, StripeEventStatus, TransactionEvent, TransactionItem

log = logging.getLogger(__name__)
HANDLED = {"payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.canceled"}


def current_attempt(order: Order) -> TransactionItem | None:
    """The latest Stripe attempt that can still be paid (has a client secret, not canceled). A failed
    confirmation leaves the intent payable again (Stripe: requires_payment_method), so it is reused."""
    item = order.transactions.filter(method=PaymentMethod.STRIPE).order_by("-pk").first()
    if item and item.private_metadata.get("client_secret") and not item.events.filter(
            type="CANCEL_SUCCESS").exists():
        return item
    return None


def stripe_payment_start(*, order: Order) -> TransactionItem:
    """Create (or reuse) the PaymentIntent for an unpaid card order."""
    if order.payment_method != PaymentMethod.STRIPE or not is_unpaid_prepaid(order):
        raise DomainError(_("Đơn hàng này không chờ thanh toán thẻ."), field="id", code="INVALID_STATUS")
    existing = current_attempt(order)
    if existing:
        return existing
    attempt = order.transactions.filter(method=PaymentMethod.STRIPE).count() + 1
    key = f"ocop-order-{order.token}-attempt-{attempt}"
    item = TransactionItem.objects.create(order=order, method=PaymentMethod.STRIPE, name="Stripe",
                                          idempotency_key=key, currency="VND")
    try:
        intent = create_payment_intent(amount=order.total_amount, idempotency_key=key,
                                       metadata={"order_number": str(order.number), "order_token": str(order.token),
                                                 "transaction": str(item.token)},
                                       description=f"OCOP Thanh Hoa #{order.number}")
    except stripe.StripeError as exc:
        TransactionEvent.objects.create(transaction=item, type="CHARGE_REQUEST_FAILURE", amount=order.total_amount,
                                        message=str(exc)[:500])
        log.warning("stripe PaymentIntent failed for order %s: %s", order.number, exc)
        raise DomainError(_("Không kết nối được cổng thanh toán thẻ. Vui lòng thử lại sau."), field="paymentMethod",
                          code="INVALID") from None
    with transaction.atomic():
        TransactionItem.objects.filter(pk=item.pk).update(
            psp_reference=intent["id"], private_metadata={"client_secret": intent["client_secret"]})
        TransactionEvent.objects.create(transaction=item, type="CHARGE_REQUEST", amount=order.total_amount,
                                        psp_reference=intent["id"])
    apply_pending_events(intent["id"])
    item.refresh_from_db()
    return item


class WebhookRejected(Exception):
    pass


def handle_webhook(payload: bytes, sig_header: str) -> str:
    """Verify and record one webhook delivery. Returns 'processed', 'pending', 'ignored' or 'duplicate'."""
    try:
        event = construct_event(payload, sig_header)
    except (ValueError, stripe.SignatureVerificationError) as exc:
        raise WebhookRejected(str(exc)) from None
    data = event.to_dict() if hasattr(event, "to_dict") else dict(event)
    obj = (data.get("data") or {}).get("object") or {}
    psp = obj.get("id", "") if str(obj.get("object")) == "payment_intent" else ""
    try:
        with transaction.atomic():
            row = StripeEvent.objects.create(event_id=data["id"], type=data.get("type", ""), psp_reference=psp,
                                             status=StripeEventStatus.PENDING, payload=data,
                                             stripe_created=int(data.get("created") or 0))
    except IntegrityError:
        return "duplicate"
    if row.type not in HANDLED or not psp:
        StripeEvent.objects.filter(pk=row.pk).update(status=StripeEventStatus.IGNORED, processed_at=timezone.now())
        return "ignored"
    return apply_pending_events(psp) or "pending"


def apply_pending_events(psp_reference: str) -> str | None:
    """Apply waiting events of an intent in Stripe's order, once its attempt exists."""
    result = None
    with transaction.atomic():
        item = TransactionItem.objects.select_for_update().filter(psp_reference=psp_reference,
                                                                   method=PaymentMethod.STRIPE).first()
        if item is None:
            return None
        for ev in StripeEvent.objects.select_for_update().filter(psp_reference=psp_reference,
                                                                 status=StripeEventStatus.PENDING):
            _apply(item, ev)
            StripeEvent.objects.filter(pk=ev.pk).update(status=StripeEventStatus.PROCESSED, processed_at=timezone.now())
            result = "processed"
    return result


def _apply(item: TransactionItem, ev: StripeEvent) -> None:
    obj = ev.payload["data"]["object"]
    charged = item.events.filter(type="CHARGE_SUCCESS").exists()
    if ev.type == "payment_intent.succeeded":
        if charged:
            return
        amount = int(obj.get("amount_received") or obj.get("amount") or 0)
        if str(obj.get("currency", "")).lower() != CURRENCY:
            TransactionEvent.objects.create(transaction=item, type="CHARGE_FAILURE", psp_reference=item.psp_reference,
                                            message=f"unexpected currency {obj.get('currency')}",
                                            external_event_id=ev.event_id)
            return
        order_mark_paid(order_id=item.order_id, psp_reference=item.psp_reference, external_event_id=ev.event_id,
                        amount=amount, transaction_id=item.pk)
        return
    err = (obj.get("last_payment_error") or {}).get("message") or ev.type
    if charged:  # out of order: the intent already succeeded; keep the success
        TransactionEvent.objects.create(transaction=item, type="INFO", psp_reference=item.psp_reference,
                                        message=f"ignored {ev.type} after success", external_event_id=ev.event_id)
        return
    kind = "CANCEL_SUCCESS" if ev.type == "payment_intent.canceled" else "CHARGE_FAILURE"
    TransactionEvent.objects.create(transaction=item, type=kind, amount=int(obj.get("amount") or 0),
                                    psp_reference=item.psp_reference, message=str(err)[:500],
                                    external_event_id=ev.event_id)
