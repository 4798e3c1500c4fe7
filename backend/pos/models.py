"""Point of sale: registers, shifts (ca bán hàng), cash movements, the POS side of a sale,
returns, and reconciliation flags for offline sales whose stock was gone at sync time.

A sale itself is an `orders.Order` (origin=pos); `PosSale` links it to the shift and keeps what
only the till knows (client UUID, change given, offline flag)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

DENOMINATIONS: tuple[int, ...] = (500_000, 200_000, 100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000)


class PosRegister(models.Model):
    name = models.CharField(_("tên quầy"), max_length=120)
    code = models.SlugField(_("mã quầy"), max_length=64, unique=True)
    warehouse = models.ForeignKey("inventory.Warehouse", related_name="pos_registers", on_delete=models.PROTECT,
                                  verbose_name=_("kho / điểm bán"))
    channel = models.ForeignKey("channels.Channel", related_name="pos_registers", on_delete=models.PROTECT,
                                verbose_name=_("kênh bán"))
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="pos_registers",
                                   verbose_name=_("nhân viên"))
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name", "pk")
        verbose_name = _("quầy thu ngân")
        verbose_name_plural = _("quầy thu ngân")

    def __str__(self) -> str:
        return self.name


class ShiftStatus(models.TextChoices):
    OPEN = "open", _("Đang mở")
    CLOSED = "closed", _("Đã đóng")


class PosShift(models.Model):
    register = models.ForeignKey(PosRegister, related_name="shifts", on_delete=models.PROTECT)
    status = models.CharField(max_length=8, choices=ShiftStatus.choices, default=ShiftStatus.OPEN)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.PROTECT)
    opened_at = models.DateTimeField(auto_now_add=True)
    opening_float = models.BigIntegerField(_("tiền đầu ca"))
    opening_counts = models.JSONField(default=dict, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+",
                                  on_delete=models.PROTECT)
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_counts = models.JSONField(default=dict, blank=True, help_text="{denomination: count}")
    closing_summary = models.JSONField(default=dict, blank=True,
                                       help_text="expected/counted/difference per payment method")
    difference_amount = models.BigIntegerField(default=0)
    closing_note = models.TextField(blank=True)
    # sha256 of the token posShiftOpen gave the register device (pos/device.py)
    device_token_hash = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ("-opened_at", "-pk")
        verbose_name = _("ca bán hàng")
        verbose_name_plural = _("ca bán hàng")
        constraints = [
            models.UniqueConstraint(fields=["register"], condition=models.Q(status="open"),
                                    name="pos_one_open_shift_per_register"),
            models.CheckConstraint(condition=models.Q(opening_float__gte=0), name="pos_opening_float_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.register} · {self.opened_at:%d/%m/%Y %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.status == ShiftStatus.OPEN


class CashMovementKind(models.TextChoices):
    CASH_IN = "in", _("Nộp tiền vào két")
    CASH_OUT = "out", _("Rút tiền khỏi két")


class PosCashMovement(models.Model):
    shift = models.ForeignKey(PosShift, related_name="cash_movements", on_delete=models.PROTECT)
    kind = models.CharField(max_length=4, choices=CashMovementKind.choices)
    amount = models.BigIntegerField()
    reason = models.CharField(_("lý do"), max_length=255)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("pk",)
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="pos_cash_movement_positive")]


class PosSale(models.Model):
    order = models.OneToOneField("orders.Order", related_name="pos_sale", on_delete=models.PROTECT)
    shift = models.ForeignKey(PosShift, related_name="sales", on_delete=models.PROTECT)
    register = models.ForeignKey(PosRegister, related_name="sales", on_delete=models.PROTECT)
    client_uuid = models.UUIDField(unique=True)
    sold_at = models.DateTimeField(help_text="when the till rang it up (may be earlier than sync)")
    synced_at = models.DateTimeField(auto_now_add=True)
    was_offline = models.BooleanField(default=False)
    change_amount = models.BigIntegerField(default=0)
    needs_reconciliation = models.BooleanField(default=False, db_index=True)

    class Meta:
        ordering = ("-sold_at", "-pk")


class ReconciliationKind(models.TextChoices):
    STOCK = "stock", _("Thiếu hàng trong kho")
    PAYMENT = "payment", _("Thu thiếu tiền (giá đã đổi khi bán ngoại tuyến)")
    GATE = "gate", _("Bán khi sản phẩm không còn đủ điều kiện")


class PosReconciliation(models.Model):
    """Something an offline (or racing) sale could not honour, recorded instead of rejecting the sale:
    stock short at the warehouse, a payment short of the server's price, or a product sold after it
    stopped passing the listing gate."""

    sale = models.ForeignKey(PosSale, related_name="reconciliations", on_delete=models.PROTECT)
    kind = models.CharField(max_length=8, choices=ReconciliationKind.choices, default=ReconciliationKind.STOCK)
    variant = models.ForeignKey("catalog.ProductVariant", null=True, blank=True, related_name="+",
                                on_delete=models.PROTECT)
    warehouse = models.ForeignKey("inventory.Warehouse", related_name="+", on_delete=models.PROTECT)
    quantity_sold = models.PositiveIntegerField(default=0)
    shortfall = models.PositiveIntegerField(default=0, help_text="units missing (stock)")
    amount = models.BigIntegerField(default=0, help_text="VND not collected (payment)")
    detail = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+",
                                    on_delete=models.SET_NULL)
    resolution_note = models.TextField(blank=True)

    class Meta:
        ordering = ("resolved_at", "-created_at", "pk")
        constraints = [models.CheckConstraint(
            condition=~models.Q(kind="stock") | models.Q(shortfall__gt=0, variant__isnull=False),
            name="pos_stock_shortfall_positive")]


class PosReturn(models.Model):
    order = models.ForeignKey("orders.Order", related_name="pos_returns", on_delete=models.PROTECT)
    shift = models.ForeignKey(PosShift, related_name="returns", on_delete=models.PROTECT)
    refund_method = models.CharField(max_length=16)
    amount = models.BigIntegerField()
    note = models.TextField(blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="+", on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("pk",)


class PosReturnLine(models.Model):
    pos_return = models.ForeignKey(PosReturn, related_name="lines", on_delete=models.CASCADE)
    order_line = models.ForeignKey("orders.OrderLine", related_name="pos_return_lines", on_delete=models.PROTECT)
    quantity = models.PositiveIntegerField()
    restock = models.BooleanField(default=True)
    amount = models.BigIntegerField()
    vat_amount = models.BigIntegerField(default=0)

    class Meta:
        ordering = ("pk",)
