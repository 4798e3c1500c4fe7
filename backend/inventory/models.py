"""Where goods are (Saleor's Warehouse/Stock/Allocation) and the immutable stock ledger."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WarehouseKind(models.TextChoices):
    SHOWROOM = "showroom", _("Showroom OCOP")
    SUPERMARKET = "supermarket", _("Quầy siêu thị")
    DISPLAY_CENTRE = "display_centre", _("Trung tâm trưng bày")
    PRODUCER_STORE = "producer_store", _("Cửa hàng của chủ thể")
    EVENT_STAND = "event_stand", _("Gian hàng sự kiện")


class ClickAndCollect(models.TextChoices):
    DISABLED = "disabled", _("Không nhận tại điểm bán")
    LOCAL = "local", _("Nhận tại điểm bán (hàng có sẵn tại đây)")


class Warehouse(models.Model):
    name = models.CharField(_("tên"), max_length=250)
    slug = models.SlugField(max_length=255, unique=True)
    kind = models.CharField(_("loại"), max_length=20, choices=WarehouseKind.choices)
    street_address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    ward_code = models.CharField(_("mã xã/phường"), max_length=10, blank=True)
    ward_name = models.CharField(_("xã/phường"), max_length=100, blank=True)
    province_code = models.CharField(_("mã tỉnh"), max_length=4, default="38")
    province_name = models.CharField(_("tỉnh/thành phố"), max_length=100, default="Thanh Hóa")
    email = models.EmailField(_("email liên hệ"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    click_and_collect_option = models.CharField(max_length=16, choices=ClickAndCollect.choices,
                                                default=ClickAndCollect.DISABLED)
    producer = models.ForeignKey("producers.Producer", null=True, blank=True, related_name="warehouses",
                                 on_delete=models.PROTECT, verbose_name=_("chủ thể (nếu là cửa hàng của chủ thể)"))
    channels = models.ManyToManyField("channels.Channel", through="ChannelWarehouse", related_name="warehouses")
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="assigned_warehouses",
                                   verbose_name=_("nhân viên tại điểm"))
    is_active = models.BooleanField(default=True)
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("kho / điểm bán")
        verbose_name_plural = _("kho / điểm bán")

    def __str__(self) -> str:
        return self.name


class ChannelWarehouse(models.Model):
    channel = models.ForeignKey("channels.Channel", on_delete=models.CASCADE)
    warehouse = models.ForeignKey(Warehouse, on_delete=models.CASCADE)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        unique_together = (("channel", "warehouse"),)
        ordering = ("sort_order", "pk")


class Stock(models.Model):
    """Changed only by inventory services; `quantity` always equals the sum of its movements."""

    warehouse = models.ForeignKey(Warehouse, related_name="stocks", on_delete=models.CASCADE)
    product_variant = models.ForeignKey("catalog.ProductVariant", related_name="stocks", on_delete=models.CASCADE)
    quantity = models.IntegerField(default=0)
    quantity_allocated = models.IntegerField(default=0)

    class Meta:
        unique_together = (("warehouse", "product_variant"),)
        ordering = ("pk",)
        verbose_name = _("tồn kho")
        verbose_name_plural = _("tồn kho")
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gte=0), name="stock_quantity_non_negative"),
            models.CheckConstraint(condition=models.Q(quantity_allocated__gte=0),
                                   name="stock_allocated_non_negative"),
            models.CheckConstraint(condition=models.Q(quantity_allocated__lte=models.F("quantity")),
                                   name="stock_allocated_lte_quantity"),
        ]

    def __str__(self) -> str:
        return f"{self.product_variant_id}@{self.warehouse_id}: {self.quantity}"

    @property
    def available(self) -> int:
        return self.quantity - self.quantity_allocated


class Allocation(models.Model):
    order_line = models.ForeignKey("orders.OrderLine", related_name="allocations", on_delete=models.CASCADE)
    stock = models.ForeignKey(Stock, related_name="allocations", on_delete=models.CASCADE)
    quantity_allocated = models.PositiveIntegerField(default=0)

    class Meta:
        unique_together = (("order_line", "stock"),)
        ordering = ("pk",)


class MovementReason(models.TextChoices):
    RECEIPT = "receipt", _("Nhập kho")
    SALE = "sale", _("Bán hàng")
    RETURN = "return", _("Khách trả hàng")
    TRANSFER_OUT = "transfer_out", _("Chuyển đi")
    TRANSFER_IN = "transfer_in", _("Chuyển đến")
    COUNT_ADJUSTMENT = "count_adjustment", _("Điều chỉnh kiểm kê")
    WRITE_OFF = "write_off", _("Hủy do hỏng/hết hạn")


class StockMovement(models.Model):
    """Immutable ledger row. Never updated or deleted (a database trigger enforces it)."""

    stock = models.ForeignKey(Stock, related_name="movements", on_delete=models.PROTECT)
    product_variant = models.ForeignKey("catalog.ProductVariant", related_name="stock_movements",
                                        on_delete=models.PROTECT)
    warehouse = models.ForeignKey(Warehouse, related_name="stock_movements", on_delete=models.PROTECT)
    quantity = models.IntegerField(_("số lượng (+ nhập, − xuất)"))
    balance_after = models.IntegerField()
    reason = models.CharField(max_length=20, choices=MovementReason.choices)
    reference_type = models.CharField(max_length=32, blank=True)
    reference_id = models.CharField(max_length=64, blank=True)
    note = models.TextField(blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ("pk",)
        verbose_name = _("biến động kho")
        verbose_name_plural = _("sổ kho")
        indexes = [models.Index(fields=["reference_type", "reference_id"])]
        constraints = [models.CheckConstraint(condition=~models.Q(quantity=0), name="movement_non_zero")]
