"""An append-only log of staff actions: rows are written once and never changed or deleted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    STOCK_CHANGED = "stock.changed", _("Thay đổi tồn kho")
    PRICE_CHANGED = "price.changed", _("Thay đổi giá")
    MODERATION = "product.moderated", _("Duyệt sản phẩm")
    CERTIFICATE_STATUS = "certificate.status", _("Đổi trạng thái chứng nhận")
    PAYMENT_RECORDED = "payment.recorded", _("Ghi nhận thanh toán")
    REFUND = "payment.refunded", _("Hoàn tiền")
    LOCKOUT_UNLOCKED = "login.unlocked", _("Mở khoá đăng nhập")
    ROLE_CHANGED = "user.role", _("Đổi vai trò, quyền")
    PERSONAL_DATA_VIEWED = "personal_data.viewed", _("Xem dữ liệu cá nhân")


class AppendOnlyError(Exception):
    pass


class AuditEntry(models.Model):
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+",
                              on_delete=models.SET_NULL, verbose_name=_("người thực hiện"))
    actor_email = models.CharField(_("email người thực hiện"), max_length=254, blank=True)
    ip = models.CharField(_("địa chỉ IP"), max_length=45, blank=True)
    action = models.CharField(_("hành động"), max_length=32, choices=AuditAction.choices, db_index=True)
    object_type = models.CharField(_("loại đối tượng"), max_length=64)
    object_id = models.CharField(_("mã đối tượng"), max_length=64)
    summary = models.CharField(_("tóm tắt"), max_length=500)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("-at", "-pk")
        verbose_name = _("nhật ký thao tác")
        verbose_name_plural = _("nhật ký thao tác")
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.summary}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit entries are append-only")
