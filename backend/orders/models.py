"""Orders (Saleor's Order/OrderLine/Fulfillment), for every origin: online checkout, POS, events."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OrderOrigin(models.TextChoices):
    CHECKOUT = "checkout", _("Đặt hàng trực tuyến")
    DRAFT = "draft", _("Đơn nháp")
    POS = "pos", _("Bán tại điểm")
    EVENT = "event", _("Sự kiện (nhập bảng kê)")


class OrderStatus(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    UNCONFIRMED = "unconfirmed", _("Chờ xác nhận")
    UNFULFILLED = "unfulfilled", _("Chờ giao")
    PARTIALLY_FULFILLED = "partially_fulfilled", _("Giao một phần")
    FULFILLED = "fulfilled", _("Đã giao cho vận chuyển")
    DELIVERED = "delivered", _("Đã nhận hàng")
    CANCELED = "canceled", pgettext_lazy("order status", "Đã huỷ")
    REFUNDED = "refunded", _("Đã hoàn tiền")
    RETURNED = "returned", _("Đã trả hàng")


class ChargeStatus(models.TextChoices):
    NONE = "none", _("Chưa thanh toán")
    PARTIAL = "partial", _("Thanh toán một phần")
    FULL = "full", _("Đã thanh toán")
    OVERCHARGED = "overcharged", _("Thanh toán thừa")


class Order(models.Model):
    number = models.BigIntegerField(_("số đơn"), unique=True)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    channel = models.ForeignKey("channels.Channel", related_name="orders", on_delete=models.PROTECT)
    origin = models.CharField(max_length=16, choices=OrderOrigin.choices, default=OrderOrigin.CHECKOUT)
    status = models.CharField(max_length=24, choices=OrderStatus.choices, default=OrderStatus.UNCONFIRMED)
    charge_status = models.CharField(max_length=16, choices=ChargeStatus.choices, default=ChargeStatus.NONE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="orders",
                             on_delete=models.SET_NULL)
    user_email = models.EmailField(blank=True)
    customer_phone = models.CharField(max_length=20, blank=True)
    shipping_address = models.JSONField(null=True, blank=True)
    billing_address = models.JSONField(null=True, blank=True)
    delivery_method = models.CharField(max_length=16, blank=True)  # shipping | collection | in_store
    shipping_method_name = models.CharField(max_length=100, blank=True)
    collection_point = models.ForeignKey("inventory.Warehouse", null=True, blank=True, related_name="+",
                                         on_delete=models.PROTECT)
    warehouse = models.ForeignKey("inventory.Warehouse", null=True, blank=True, related_name="orders",
                                  on_delete=models.PROTECT, help_text="POS/event: where the goods left")
    currency = models.CharField(max_length=3, default="VND")
    subtotal_amount = models.BigIntegerField(default=0)
    shipping_amount = models.BigIntegerField(default=0)
    discount_amount = models.BigIntegerField(default=0)
    total_amount = models.BigIntegerField(default=0)
    vat_amount = models.BigIntegerField(default=0)
    total_charged_amount = models.BigIntegerField(default=0)
    total_refunded_amount = models.BigIntegerField(default=0)
    voucher_code = models.CharField(max_length=64, blank=True)
    payment_method = models.CharField(max_length=24, blank=True)
    customer_note = models.TextField(blank=True)
    external_reference = models.CharField(max_length=64, null=True, blank=True, unique=True,
                                          help_text="Client-generated id (POS offline sale UUID, import row)")
    invoice_data = models.JSONField(default=dict, blank=True,
                                    help_text="E-invoice fields (Decree 123/2020, Decree 70/2025)")
    expires_at = models.DateTimeField(null=True, blank=True)
    payable_at = models.DateTimeField(null=True, blank=True, db_index=True,
                                      help_text="When the order became paid AND delivered/collected: from then "
                                                "its lines are owed to their producers")
    promotion_id = models.PositiveIntegerField(null=True, blank=True,
                                               help_text="The order promotion (campaigns) that gave the order discount")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+",
                                   on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    metadata = models.JSONField(default=dict, blank=True)
    private_metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("-number",)
        verbose_name = _("đơn hàng")
        verbose_name_plural = _("đơn hàng")

    def __str__(self) -> str:
        return f"#{self.number}"

    @property
    def payment_method_label(self) -> str:
        from payments.models import PaymentMethod

        return str(dict(PaymentMethod.choices).get(self.payment_method, self.payment_method))


class OrderLine(models.Model):
    order = models.ForeignKey(Order, related_name="lines", on_delete=models.CASCADE)
    variant = models.ForeignKey("catalog.ProductVariant", null=True, blank=True, related_name="order_lines",
                                on_delete=models.SET_NULL)
    producer = models.ForeignKey("producers.Producer", null=True, blank=True, related_name="order_lines",
                                 on_delete=models.SET_NULL)
    product_name = models.CharField(max_length=386)
    variant_name = models.CharField(max_length=255, blank=True)
    product_sku = models.CharField(max_length=64, blank=True)
    quantity = models.PositiveIntegerField()
    quantity_fulfilled = models.PositiveIntegerField(default=0)
    quantity_returned = models.PositiveIntegerField(default=0)
    undiscounted_unit_price = models.BigIntegerField()
    unit_price = models.BigIntegerField(help_text="gross, VAT included, after discounts")
    unit_discount = models.BigIntegerField(default=0)
    discount_reason = models.CharField(max_length=255, blank=True)
    promotion_id = models.PositiveIntegerField(null=True, blank=True,
                                               help_text="The catalogue promotion (campaigns) behind unit_discount")
    total_price = models.BigIntegerField()
    vat_rate = models.PositiveSmallIntegerField(default=8)
    vat_amount = models.BigIntegerField(default=0)
    is_shipping_required = models.BooleanField(default=True)
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("pk",)

    def __str__(self) -> str:
        return f"{self.product_name} × {self.quantity}"


class OrderLineRefund(models.Model):
    """Money given back for units of a line after the order became payable (a return at the till, a
    refund): producers' statements deduct it in the month it happened, as its own line."""

    order_line = models.ForeignKey(OrderLine, related_name="refunds", on_delete=models.PROTECT)
    quantity = models.PositiveIntegerField()
    amount = models.BigIntegerField()
    reason = models.CharField(max_length=32)  # pos_return | refund
    reference = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ("created_at", "pk")


class FulfillmentStatus(models.TextChoices):
    FULFILLED = "fulfilled", _("Đã xuất kho")
    DELIVERED = "delivered", _("Đã giao")
    CANCELED = "canceled", pgettext_lazy("order status", "Đã huỷ")
    RETURNED = "returned", _("Đã trả")


class Fulfillment(models.Model):
    order = models.ForeignKey(Order, related_name="fulfillments", on_delete=models.CASCADE)
    fulfillment_order = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=16, choices=FulfillmentStatus.choices, default=FulfillmentStatus.FULFILLED)
    tracking_number = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)


class FulfillmentLine(models.Model):
    fulfillment = models.ForeignKey(Fulfillment, related_name="lines", on_delete=models.CASCADE)
    order_line = models.ForeignKey(OrderLine, related_name="fulfillment_lines", on_delete=models.CASCADE)
    stock = models.ForeignKey("inventory.Stock", null=True, blank=True, on_delete=models.SET_NULL)
    quantity = models.PositiveIntegerField()


class OrderEvent(models.Model):
    order = models.ForeignKey(Order, related_name="events", on_delete=models.CASCADE)
    type = models.CharField(max_length=64)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    parameters = models.JSONField(default=dict, blank=True)
    date = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("date", "pk")
