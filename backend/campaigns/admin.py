from django.contrib import admin

from .models import Campaign, Promotion, PromotionRule, Voucher, VoucherCode


class PromotionRuleInline(admin.StackedInline):
    model = PromotionRule
    extra = 0
    filter_horizontal = ("channels",)


@admin.register(Promotion)
class PromotionAdmin(admin.ModelAdmin):
    list_display = ("name", "type", "campaign", "start_date", "end_date")
    list_filter = ("type", "campaign")
    search_fields = ("name",)
    inlines = [PromotionRuleInline]


class VoucherCodeInline(admin.TabularInline):
    model = VoucherCode
    extra = 0
    readonly_fields = ("used",)


@admin.register(Voucher)
class VoucherAdmin(admin.ModelAdmin):
    list_display = ("name", "discount_value_type", "discount_value", "used", "usage_limit", "start_date", "end_date")
    list_filter = ("discount_value_type", "apply_once_per_customer", "channels")
    search_fields = ("name", "codes__code")
    readonly_fields = ("used",)
    inlines = [VoucherCodeInline]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "status", "start_date", "end_date")
    list_filter = ("status", "channels")
    search_fields = ("name", "objective")
    readonly_fields = ("status",)
