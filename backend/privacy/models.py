"""Consent records (Decree 13/2023): who agreed to what purpose, under which notice version, when, from where."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConsentPurpose(models.TextChoices):
    ACCOUNT = "account", _("Tạo và quản lý tài khoản")
    ORDER = "order", _("Xử lý, giao đơn hàng và lập hoá đơn")


class ConsentRecord(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="consents",
                             on_delete=models.SET_NULL)
    email = models.CharField(_("email"), max_length=254, blank=True)
    purpose = models.CharField(_("mục đích"), max_length=16, choices=ConsentPurpose.choices)
    notice_version = models.CharField(_("phiên bản thông báo"), max_length=20)
    given_at = models.DateTimeField(_("thời điểm đồng ý"), auto_now_add=True)
    ip = models.CharField(_("địa chỉ IP"), max_length=45, blank=True)
    order = models.ForeignKey("orders.Order", null=True, blank=True, related_name="+", on_delete=models.SET_NULL)

    class Meta:
        ordering = ("-given_at",)
        verbose_name = _("đồng ý xử lý dữ liệu")
        verbose_name_plural = _("đồng ý xử lý dữ liệu")
