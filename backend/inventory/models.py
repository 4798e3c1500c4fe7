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


class Reservation(models.Model):
    """Stock held for a checkout for the channel's `reservation_minutes` (Saleor's Reservation).

    Not a ledger change: it lowers what *other* buyers can see as available until `expires_at`.
    """

    checkout_token = models.CharField(max_length=64, db_index=True)
    channel = models.ForeignKey("channels.Channel", null=True, blank=True, related_name="+", on_delete=models.CASCADE)
    stock = models.ForeignKey(Stock, related_name="reservations", on_delete=models.CASCADE)
    product_variant = models.ForeignKey("catalog.ProductVariant", related_name="reservations",
                                        on_delete=models.CASCADE)
    warehouse = models.ForeignKey(Warehouse, related_name="reservations", on_delete=models.CASCADE)
    quantity_reserved = models.PositiveIntegerField()
    expires_at = models.DateTimeField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("pk",)
        unique_together = (("checkout_token", "stock"),)
        verbose_name = _("giữ hàng cho giỏ")
        verbose_name_plural = _("giữ hàng cho giỏ")
        indexes = [models.Index(fields=["stock", "expires_at"])]
        constraints = [models.CheckConstraint(condition=models.Q(quantity_reserved__gt=0),
                                              name="reservation_quantity_positive")]


class TransferKind(models.TextChoices):
    TRANSFER = "transfer", _("Điều chuyển")
    CONSIGNMENT = "consignment", _("Ký gửi (từ chủ thể đến điểm bán)")


class TransferStatus(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    SHIPPED = "shipped", _("Đã xuất đi")
    RECEIVED = "received", _("Đã nhận")
    CANCELLED = "cancelled", _("Đã huỷ")


class StockTransfer(models.Model):
    """Goods moving between two warehouses: draft → shipped (leaves source) → received (enters destination)."""

    kind = models.CharField(_("loại"), max_length=16, choices=TransferKind.choices, default=TransferKind.TRANSFER)
    status = models.CharField(_("trạng thái"), max_length=16, choices=TransferStatus.choices,
                              default=TransferStatus.DRAFT)
    source = models.ForeignKey(Warehouse, related_name="transfers_out", on_delete=models.PROTECT,
                               verbose_name=_("kho xuất"))
    destination = models.ForeignKey(Warehouse, related_name="transfers_in", on_delete=models.PROTECT,
                                    verbose_name=_("kho nhận"))
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+",
                                   on_delete=models.SET_NULL)
    shipped_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+",
                                   on_delete=models.SET_NULL)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+",
                                    on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-pk",)
        verbose_name = _("phiếu chuyển kho")
        verbose_name_plural = _("phiếu chuyển kho")
        constraints = [models.CheckConstraint(condition=~models.Q(source=models.F("destination")),
                                              name="transfer_distinct_warehouses")]

    def __str__(self) -> str:
        return f"CK-{self.pk}"


class StockTransferLine(models.Model):
    transfer = models.ForeignKey(StockTransfer, related_name="lines", on_delete=models.CASCADE)
    product_variant = models.ForeignKey("catalog.ProductVariant", related_name="+", on_delete=models.PROTECT)
    quantity = models.PositiveIntegerField(_("số lượng chuyển"))
    quantity_received = models.PositiveIntegerField(_("nhận đủ"), default=0)
    quantity_damaged = models.PositiveIntegerField(_("hỏng"), default=0)
    quantity_missing = models.PositiveIntegerField(_("thiếu"), default=0)

    class Meta:
        ordering = ("pk",)
        unique_together = (("transfer", "product_variant"),)
        constraints = [models.CheckConstraint(condition=models.Q(quantity__gt=0), name="transfer_line_positive")]


class CountStatus(models.TextChoices):
    OPEN = "open", _("Đang kiểm")
    CLOSED = "closed", _("Đã chốt")


class StockCount(models.Model):
    """A stock count (kiểm kê) of one warehouse; closing posts COUNT_ADJUSTMENT movements."""

    warehouse = models.ForeignKey(Warehouse, related_name="counts", on_delete=models.PROTECT,
                                  verbose_name=_("kho"))
    status = models.CharField(_("trạng thái"), max_length=16, choices=CountStatus.choices, default=CountStatus.OPEN)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+",
                                   on_delete=models.SET_NULL)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+",
                                  on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-pk",)
        verbose_name = _("phiếu kiểm kê")
        verbose_name_plural = _("phiếu kiểm kê")

    def __str__(self) -> str:
        return f"KK-{self.pk}"


class StockCountLine(models.Model):
    count = models.ForeignKey(StockCount, related_name="lines", on_delete=models.CASCADE)
    product_variant = models.ForeignKey("catalog.ProductVariant", related_name="+", on_delete=models.PROTECT)
    counted_quantity = models.PositiveIntegerField(_("số đếm được"))
    expected_quantity = models.IntegerField(_("số trên sổ khi chốt"), null=True, blank=True)
    unit_cost = models.BigIntegerField(_("giá vốn (VND)"), null=True, blank=True)
    counted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+",
                                   on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("pk",)
        unique_together = (("count", "product_variant"),)

    @property
    def difference(self) -> int | None:
        return None if self.expected_quantity is None else self.counted_quantity - self.expected_quantity

    @property
    def value_difference(self) -> int | None:
        diff = self.difference
        return None if diff is None or self.unit_cost is None else diff * self.unit_cost


class LowStockThreshold(models.Model):
    """Restock when available (quantity − allocated) falls below `threshold` at this warehouse."""

    product_variant = models.ForeignKey("catalog.ProductVariant", related_name="low_stock_thresholds",
                                        on_delete=models.CASCADE)
    warehouse = models.ForeignKey(Warehouse, related_name="low_stock_thresholds", on_delete=models.CASCADE)
    threshold = models.PositiveIntegerField(_("ngưỡng tồn tối thiểu"))
    is_below = models.BooleanField(default=False, editable=False)
    last_alerted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        unique_together = (("product_variant", "warehouse"),)
        ordering = ("warehouse_id", "product_variant_id")
        verbose_name = _("ngưỡng tồn kho tối thiểu")
        verbose_name_plural = _("ngưỡng tồn kho tối thiểu")


class VariantCost(models.Model):
    """Unit cost (VND) used to value count variances when no channel listing carries a cost price."""

    product_variant = models.OneToOneField("catalog.ProductVariant", related_name="inventory_cost",
                                           on_delete=models.CASCADE)
    unit_cost = models.PositiveBigIntegerField(_("giá vốn (VND)"))

    class Meta:
        verbose_name = _("giá vốn")
        verbose_name_plural = _("giá vốn")
