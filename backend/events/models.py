"""Fairs, exhibitions, supermarket weeks and showcase days, end to end.

An Event owns a channel (kind event) and a warehouse (the stand); POS registers sell in it. Goods
arrive and leave by stock transfers, so the ledger tells what was sent, sold, returned and written off.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    FAIR = "fair", _("Hội chợ")
    EXHIBITION = "exhibition", _("Triển lãm")
    SUPERMARKET_WEEK = "supermarket_week", _("Tuần hàng tại siêu thị")
    SHOWCASE = "showcase", _("Ngày hội giới thiệu sản phẩm")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Chuẩn bị")
    OPEN = "open", _("Đang diễn ra")
    CLOSED = "closed", _("Đã kết thúc")


class Event(models.Model):
    name = models.CharField(_("tên sự kiện"), max_length=255)
    slug = models.SlugField(max_length=255, unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=EventKind.choices)
    venue = models.CharField(_("địa điểm"), max_length=255)
    street_address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    ward_name = models.CharField(_("xã/phường"), max_length=100, blank=True)
    province_name = models.CharField(_("tỉnh/thành phố"), max_length=100, default="Thanh Hóa")
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    organiser = models.CharField(_("đơn vị tổ chức"), max_length=255, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=EventStatus.choices, default=EventStatus.PLANNED)
    channel = models.OneToOneField("channels.Channel", related_name="event", on_delete=models.PROTECT)
    warehouse = models.OneToOneField("inventory.Warehouse", related_name="event", on_delete=models.PROTECT)
    close_out = models.JSONField(default=dict, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+",
                                   on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-start_date", "pk")
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện, hội chợ")
        constraints = [models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")),
                                              name="event_dates_order")]

    def __str__(self) -> str:
        return self.name


class EventParticipant(models.Model):
    event = models.ForeignKey(Event, related_name="participants", on_delete=models.CASCADE)
    producer = models.ForeignKey("producers.Producer", related_name="event_participations", on_delete=models.PROTECT)
    stand_number = models.CharField(_("số gian hàng"), max_length=20)
    products = models.ManyToManyField("catalog.Product", related_name="event_participations", blank=True)

    class Meta:
        ordering = ("stand_number", "pk")
        constraints = [
            models.UniqueConstraint(fields=["event", "producer"], name="event_participant_once"),
            models.UniqueConstraint(fields=["event", "stand_number"], name="event_stand_unique"),
        ]


class EventDailyStat(models.Model):
    """Visitors and leads recorded by staff for a day of the event."""

    event = models.ForeignKey(Event, related_name="daily_stats", on_delete=models.CASCADE)
    date = models.DateField()
    visitors = models.PositiveIntegerField(default=0)
    leads = models.PositiveIntegerField(default=0)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("date",)
        constraints = [models.UniqueConstraint(fields=["event", "date"], name="event_daily_stat_once")]


class EventSalesImport(models.Model):
    """A day's tally imported from CSV; the file's SHA-256 detects importing the same file twice."""

    event = models.ForeignKey(Event, related_name="imports", on_delete=models.CASCADE)
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(max_length=255, blank=True)
    row_count = models.PositiveIntegerField()
    total_amount = models.BigIntegerField()
    order_numbers = models.JSONField(default=list)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-imported_at",)
        constraints = [models.UniqueConstraint(fields=["event", "sha256"], name="event_import_once")]
