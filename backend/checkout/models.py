"""Carts (Saleor's Checkout/CheckoutLine). The token is the public id; prices are never stored here —
they always come from `catalog.pricing.variant_prices` when shown or charged."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryMethod(models.TextChoices):
    SHIPPING = "shipping", _("Giao hàng tận nơi")
    COLLECTION = "collection", _("Nhận tại điểm bán")


class Checkout(models.Model):
    token = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    channel = models.ForeignKey("channels.Channel", related_name="checkouts", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="checkouts",
                             on_delete=models.CASCADE)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    shipping_address = models.JSONField(null=True, blank=True)
    billing_address = models.JSONField(null=True, blank=True)
    delivery_method = models.CharField(max_length=16, choices=DeliveryMethod.choices, blank=True)
    collection_point = models.ForeignKey("inventory.Warehouse", null=True, blank=True, related_name="+",
                                         on_delete=models.SET_NULL)
    payment_method = models.CharField(max_length=16, blank=True)
    voucher_code = models.CharField(max_length=64, blank=True)
    customer_note = models.TextField(blank=True)
    completed_order = models.OneToOneField("orders.Order", null=True, blank=True, related_name="source_checkout",
                                           on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    last_change = models.DateTimeField(auto_now=True, db_index=True)
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("-last_change",)
        verbose_name = _("giỏ hàng")
        verbose_name_plural = _("giỏ hàng")

    def __str__(self) -> str:
        return str(self.token)


class CheckoutLine(models.Model):
    checkout = models.ForeignKey(Checkout, related_name="lines", on_delete=models.CASCADE)
    variant = models.ForeignKey("catalog.ProductVariant", related_name="+", on_delete=models.CASCADE)
    quantity = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")
        unique_together = (("checkout", "variant"),)
        constraints = [models.CheckConstraint(condition=models.Q(quantity__gt=0), name="checkoutline_qty_positive")]
