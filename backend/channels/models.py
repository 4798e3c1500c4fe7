"""Sales channels (Saleor's Channel): online shop, showrooms, supermarket counters, events."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChannelKind(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    SHOWROOM = "showroom", _("Showroom")
    SUPERMARKET = "supermarket", _("Quầy siêu thị")
    EVENT = "event", _("Sự kiện, hội chợ")


class AllocationStrategy(models.TextChoices):
    PRIORITIZE_SORTING_ORDER = "prioritize_sorting_order", _("Theo thứ tự kho")
    PRIORITIZE_HIGH_STOCK = "prioritize_high_stock", _("Ưu tiên kho nhiều hàng")


class Channel(models.Model):
    name = models.CharField(_("tên"), max_length=250)
    slug = models.SlugField(_("mã"), max_length=255, unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=ChannelKind.choices, default=ChannelKind.ONLINE)
    currency_code = models.CharField(_("tiền tệ"), max_length=3, default="VND")
    default_country = models.CharField(max_length=2, default="VN")
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    allocation_strategy = models.CharField(
        max_length=32, choices=AllocationStrategy.choices, default=AllocationStrategy.PRIORITIZE_SORTING_ORDER
    )
    reservation_minutes = models.PositiveIntegerField(
        _("giữ hàng cho giỏ (phút)"), default=0, help_text=_("0 = không giữ hàng cho giỏ hàng")
    )
    unpaid_order_expiry_minutes = models.PositiveIntegerField(_("huỷ đơn chưa thanh toán sau (phút)"), default=1440)
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("slug",)
        verbose_name = _("kênh bán")
        verbose_name_plural = _("kênh bán")

    def __str__(self) -> str:
        return self.name
