"""Promotions and vouchers in Saleor 3's shape, grouped under OCOP campaigns.

Promotion (+ rules): catalogue promotions lower the shown price; order promotions apply at checkout
when their order predicate matches. Voucher (+ codes): entered by the customer. Campaign: a named
period with channels, promotions, vouchers, a featured collection and a banner.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Sắp diễn ra")
    ACTIVE = "active", _("Đang diễn ra")
    ENDED = "ended", _("Đã kết thúc")


class Campaign(models.Model):
    name = models.CharField(_("tên chiến dịch"), max_length=255)
    slug = models.SlugField(max_length=255, unique=True)
    objective = models.TextField(_("mục tiêu"), blank=True)
    start_date = models.DateTimeField(_("bắt đầu"))
    end_date = models.DateTimeField(_("kết thúc"))
    channels = models.ManyToManyField("channels.Channel", related_name="campaigns", blank=True)
    featured_collection = models.ForeignKey("catalog.Collection", null=True, blank=True, on_delete=models.SET_NULL,
                                            related_name="campaigns", verbose_name=_("bộ sưu tập nổi bật"))
    banner_image = models.ImageField(upload_to="campaigns/", blank=True)
    banner_title = models.CharField(_("tiêu đề banner"), max_length=200, blank=True)
    banner_link = models.CharField(_("liên kết banner"), max_length=500, blank=True)
    status = models.CharField(max_length=16, choices=CampaignStatus.choices, default=CampaignStatus.SCHEDULED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-start_date", "pk")
        verbose_name = _("chiến dịch")
        verbose_name_plural = _("chiến dịch")
        constraints = [models.CheckConstraint(condition=models.Q(end_date__gt=models.F("start_date")),
                                              name="campaign_dates_order")]

    def __str__(self) -> str:
        return self.name


class PromotionType(models.TextChoices):
    CATALOGUE = "catalogue", _("Giảm giá sản phẩm")
    ORDER = "order", _("Giảm giá đơn hàng")


class RewardValueType(models.TextChoices):
    PERCENTAGE = "percentage", _("Phần trăm")
    FIXED = "fixed", _("Số tiền cố định (VND)")


class Promotion(models.Model):
    name = models.CharField(_("tên"), max_length=255)
    type = models.CharField(max_length=16, choices=PromotionType.choices, default=PromotionType.CATALOGUE)
    description = models.TextField(blank=True)
    campaign = models.ForeignKey(Campaign, null=True, blank=True, related_name="promotions", on_delete=models.CASCADE)
    start_date = models.DateTimeField(_("bắt đầu"))
    end_date = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("-start_date", "pk")
        verbose_name = _("khuyến mại")
        verbose_name_plural = _("khuyến mại")

    def __str__(self) -> str:
        return self.name


class PromotionRule(models.Model):
    """A rule: where (channels), what (catalogue predicate or order predicate) and how much.

    catalogue_predicate keys (all optional, OR-ed like Saleor's): productIds, variantIds, categoryIds,
    collectionIds, and OCOP additions producerIds, wardCodes (communes), groupIds (OCOP group =
    root category), minStars. An empty predicate matches nothing.
    order_predicate: {"minSubtotal": <VND>} — applies to the order when the subtotal reaches it.
    """

    promotion = models.ForeignKey(Promotion, related_name="rules", on_delete=models.CASCADE)
    name = models.CharField(max_length=255, blank=True)
    channels = models.ManyToManyField("channels.Channel", related_name="promotion_rules")
    catalogue_predicate = models.JSONField(default=dict, blank=True)
    order_predicate = models.JSONField(default=dict, blank=True)
    reward_value_type = models.CharField(max_length=16, choices=RewardValueType.choices)
    reward_value = models.PositiveBigIntegerField()

    class Meta:
        ordering = ("pk",)


class Voucher(models.Model):
    name = models.CharField(_("tên"), max_length=255)
    campaign = models.ForeignKey(Campaign, null=True, blank=True, related_name="vouchers", on_delete=models.SET_NULL)
    channels = models.ManyToManyField("channels.Channel", related_name="vouchers")
    discount_value_type = models.CharField(max_length=16, choices=RewardValueType.choices)
    discount_value = models.PositiveBigIntegerField()
    min_spent_amount = models.PositiveBigIntegerField(_("giá trị đơn tối thiểu"), default=0)
    usage_limit = models.PositiveIntegerField(_("giới hạn lượt dùng"), null=True, blank=True)
    used = models.PositiveIntegerField(default=0)
    apply_once_per_customer = models.BooleanField(_("mỗi khách một lần"), default=False)
    start_date = models.DateTimeField(_("bắt đầu"))
    end_date = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-start_date", "pk")
        verbose_name = _("mã giảm giá")
        verbose_name_plural = _("mã giảm giá")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(usage_limit__isnull=True) | models.Q(used__lte=models.F("usage_limit")),
                name="voucher_used_within_limit"),
        ]

    def __str__(self) -> str:
        return self.name


class VoucherCode(models.Model):
    voucher = models.ForeignKey(Voucher, related_name="codes", on_delete=models.CASCADE)
    code = models.CharField(max_length=64, unique=True)
    used = models.PositiveIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("code",)


class VoucherCustomer(models.Model):
    """Who used a voucher (for one use per customer)."""

    voucher = models.ForeignKey(Voucher, related_name="customers", on_delete=models.CASCADE)
    voucher_code = models.ForeignKey(VoucherCode, related_name="customers", on_delete=models.CASCADE)
    customer_email = models.EmailField()
    order = models.ForeignKey("orders.Order", null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["voucher", "customer_email"])]
