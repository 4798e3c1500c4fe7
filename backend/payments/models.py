"""Payment state as Saleor's TransactionItem / TransactionEvent, for every gateway."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PaymentMethod(models.TextChoices):
    COD = "cod", _("Thanh toán khi nhận hàng")
    VIETQR = "vietqr", _("Chuyển khoản VietQR")
    STRIPE = "stripe", _("Thẻ (Stripe)")
    CASH = "cash", _("Tiền mặt")
    CARD = "card", _("Thẻ tại quầy")


class TransactionItem(models.Model):
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    order = models.ForeignKey("orders.Order", null=True, blank=True, related_name="transactions",
                              on_delete=models.CASCADE)
    checkout_token = models.UUIDField(null=True, blank=True, db_index=True)
    name = models.CharField(max_length=100, blank=True)
    method = models.CharField(max_length=16, choices=PaymentMethod.choices)
    psp_reference = models.CharField(max_length=255, blank=True, db_index=True)
    currency = models.CharField(max_length=3, default="VND")
    amount_authorized = models.BigIntegerField(default=0)
    amount_charged = models.BigIntegerField(default=0)
    amount_refunded = models.BigIntegerField(default=0)
    amount_canceled = models.BigIntegerField(default=0)
    idempotency_key = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    metadata = models.JSONField(default=dict, blank=True)
    private_metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("pk",)


class TransactionEvent(models.Model):
    transaction = models.ForeignKey(TransactionItem, related_name="events", on_delete=models.CASCADE)
    type = models.CharField(max_length=64)  # Saleor's TransactionEventType, e.g. CHARGE_SUCCESS
    amount = models.BigIntegerField(default=0)
    psp_reference = models.CharField(max_length=255, blank=True)
    message = models.CharField(max_length=512, blank=True)
    external_event_id = models.CharField(max_length=255, null=True, blank=True, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")


class StripeEventStatus(models.TextChoices):
    PROCESSED = "processed", pgettext_lazy("stripe event", "Đã xử lý")
    PENDING = "pending", _("Chờ giao dịch (đến trước)")
    IGNORED = "ignored", _("Bỏ qua")


class StripeEvent(models.Model):
    """Every webhook event id we accepted, so a replay does nothing. Events that arrive before their
    transaction exists wait here as `pending` and are applied when it is created."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=64)
    psp_reference = models.CharField(max_length=255, blank=True, db_index=True)
    status = models.CharField(max_length=16, choices=StripeEventStatus.choices)
    payload = models.JSONField(default=dict)
    stripe_created = models.BigIntegerField(default=0)
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("stripe_created", "pk")


class BankTransactionStatus(models.TextChoices):
    PAID = "paid", _("Khớp đơn, đã ghi nhận thanh toán")
    PARTIAL = "partial", _("Chuyển thiếu: ghi nhận một phần, cần kiểm tra")
    OVERPAID = "overpaid", _("Chuyển thừa: chưa ghi nhận, cần kiểm tra")
    UNMATCHED = "unmatched", _("Không khớp đơn nào: cần kiểm tra")
    NOT_AWAITING = "not_awaiting", _("Đơn không chờ chuyển khoản: cần kiểm tra")


class BankTransaction(models.Model):
    """A credit on the centre's account, as the bank (or its notification service) reported it. One row
    per bank reference: a replayed notification or a re-imported statement changes nothing."""

    bank_reference = models.CharField(max_length=128, unique=True)
    amount = models.BigIntegerField()
    description = models.CharField(max_length=512, blank=True)
    transacted_at = models.DateTimeField()
    source = models.CharField(max_length=16)  # webhook | statement
    status = models.CharField(max_length=16, choices=BankTransactionStatus.choices)
    order = models.ForeignKey("orders.Order", null=True, blank=True, related_name="bank_transactions",
                              on_delete=models.SET_NULL)
    needs_review = models.BooleanField(default=False, db_index=True)
    raw = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-transacted_at", "pk")
