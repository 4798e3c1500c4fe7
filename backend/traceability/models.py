"""Traceability: batches (lots), serialised GS1 Digital Link stamps, EPCIS 2.0 events, scans and alerts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Batch(models.Model):
    """A production lot of one product variant (GS1 AI 10)."""

    variant = models.ForeignKey("catalog.ProductVariant", related_name="batches", on_delete=models.PROTECT,
                                verbose_name=_("phân loại sản phẩm"))
    producer = models.ForeignKey("producers.Producer", related_name="batches", on_delete=models.PROTECT,
                                 verbose_name=_("chủ thể"))
    lot_code = models.CharField(_("số lô"), max_length=20)
    production_date = models.DateField(_("ngày sản xuất"))
    expiry_date = models.DateField(_("hạn sử dụng"), null=True, blank=True)
    quantity = models.PositiveIntegerField(_("số lượng sản phẩm trong lô"))
    stamps_issued = models.PositiveIntegerField(_("số tem đã phát hành"), default=0)
    origin_commune = models.CharField(_("xã/phường vùng nguyên liệu"), max_length=150, blank=True)
    origin_farm = models.CharField(_("trang trại/vùng trồng"), max_length=200, blank=True)
    origin_cooperative = models.CharField(_("hợp tác xã cung cấp nguyên liệu"), max_length=200, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+",
                                   on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-production_date", "-pk")
        verbose_name = _("lô hàng")
        verbose_name_plural = _("lô hàng")
        constraints = [
            models.UniqueConstraint(fields=["variant", "lot_code"], name="batch_unique_lot_per_variant"),
            models.CheckConstraint(condition=models.Q(expiry_date__isnull=True)
                                   | models.Q(expiry_date__gte=models.F("production_date")),
                                   name="batch_expiry_after_production"),
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="batch_quantity_positive"),
            models.CheckConstraint(condition=models.Q(stamps_issued__lte=models.F("quantity")),
                                   name="batch_stamps_lte_quantity"),
        ]

    def __str__(self) -> str:
        return f"{self.lot_code} ({self.variant_id})"


class DocumentKind(models.TextChoices):
    TEST_REPORT = "test_report", _("Phiếu kiểm nghiệm")
    CERTIFICATE = "certificate", _("Giấy chứng nhận")
    OTHER = "other", _("Tài liệu khác")


class BatchDocument(models.Model):
    batch = models.ForeignKey(Batch, related_name="documents", on_delete=models.CASCADE)
    kind = models.CharField(_("loại tài liệu"), max_length=16, choices=DocumentKind.choices,
                            default=DocumentKind.TEST_REPORT)
    title = models.CharField(_("tên tài liệu"), max_length=200)
    file = models.FileField(_("tệp"), upload_to="traceability/documents/")
    content_type = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("pk",)
        verbose_name = _("tài liệu chất lượng")
        verbose_name_plural = _("tài liệu chất lượng")


class StampStatus(models.TextChoices):
    ISSUED = "issued", _("Đã phát hành")
    APPLIED = "applied", _("Đã dán lên sản phẩm")
    SOLD = "sold", _("Đã bán")
    VOIDED = "voided", _("Đã huỷ")


class Stamp(models.Model):
    """One physical item's stamp; its identity is the Digital Link URI /01/<gtin>/10/<lot>/21/<serial>."""

    batch = models.ForeignKey(Batch, related_name="stamps", on_delete=models.PROTECT)
    serial = models.CharField(_("số sê-ri"), max_length=20, unique=True)
    status = models.CharField(_("trạng thái"), max_length=8, choices=StampStatus.choices,
                              default=StampStatus.ISSUED)
    issue_run = models.PositiveIntegerField(_("đợt phát hành"), default=1)
    scan_count = models.PositiveIntegerField(_("số lần quét"), default=0)
    order = models.ForeignKey("orders.Order", null=True, blank=True, related_name="trace_stamps",
                              on_delete=models.SET_NULL)
    issued_at = models.DateTimeField(auto_now_add=True)
    sold_at = models.DateTimeField(null=True, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    void_reason = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ("pk",)
        verbose_name = _("tem truy xuất")
        verbose_name_plural = _("tem truy xuất")
        indexes = [models.Index(fields=["batch", "issue_run"])]

    def __str__(self) -> str:
        return self.serial


class TraceEvent(models.Model):
    """An EPCIS 2.0 ObjectEvent, written by services as things happen (never typed in)."""

    event_id = models.CharField(max_length=80, unique=True)
    batch = models.ForeignKey(Batch, related_name="events", on_delete=models.PROTECT)
    event_time = models.DateTimeField(db_index=True)
    event_time_zone_offset = models.CharField(max_length=6, default="+07:00")
    action = models.CharField(max_length=8)
    biz_step = models.CharField(max_length=40)
    disposition = models.CharField(max_length=40)
    read_point = models.CharField(max_length=255, blank=True)
    biz_location = models.CharField(max_length=255, blank=True)
    serials = models.JSONField(default=list, blank=True, help_text="epcList: serials of stamps of this batch")
    quantity = models.PositiveIntegerField(null=True, blank=True,
                                           help_text="quantityList: items of the batch's LGTIN class")
    warehouse = models.ForeignKey("inventory.Warehouse", null=True, blank=True, related_name="trace_events",
                                  on_delete=models.SET_NULL)
    order = models.ForeignKey("orders.Order", null=True, blank=True, related_name="trace_events",
                              on_delete=models.SET_NULL)
    source = models.CharField(max_length=80, blank=True, help_text="what caused it, e.g. stockmovement:12")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("event_time", "pk")
        verbose_name = _("sự kiện truy xuất (EPCIS)")
        verbose_name_plural = _("sự kiện truy xuất (EPCIS)")
        indexes = [models.Index(fields=["batch", "event_time"]), models.Index(fields=["source"])]


class StampScan(models.Model):
    """One public opening of a stamp's page (time, hashed IP, user agent, coarse location if given)."""

    stamp = models.ForeignKey(Stamp, null=True, blank=True, related_name="scans", on_delete=models.CASCADE)
    serial = models.CharField(max_length=40, db_index=True)
    gtin14 = models.CharField(max_length=14)
    ip_hash = models.CharField(max_length=64)
    user_agent = models.CharField(max_length=255, blank=True)
    location = models.CharField(max_length=100, blank=True)
    result = models.CharField(max_length=16)
    scanned_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ("-scanned_at", "-pk")
        indexes = [models.Index(fields=["serial", "scanned_at"])]


class StampScanAlert(models.Model):
    """A serial scanned from many distinct places in a short window: a possible copied stamp."""

    stamp = models.ForeignKey(Stamp, null=True, blank=True, related_name="alerts", on_delete=models.CASCADE)
    serial = models.CharField(max_length=40)
    distinct_ips = models.PositiveIntegerField()
    window_minutes = models.PositiveIntegerField()
    first_scan_at = models.DateTimeField()
    last_scan_at = models.DateTimeField()
    is_resolved = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("cảnh báo quét tem")
        verbose_name_plural = _("cảnh báo quét tem")
