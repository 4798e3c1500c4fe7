from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin_labels import VietnameseLabelsMixin
from inventory.models import ChannelWarehouse

from .models import Channel


class ChannelWarehouseInline(VietnameseLabelsMixin, admin.TabularInline):
    model = ChannelWarehouse
    field_labels = {"warehouse": _("kho / điểm bán"), "sort_order": _("thứ tự phân bổ")}
    verbose_name = _("kho / điểm bán")
    verbose_name_plural = _("kho / điểm bán của kênh")
    extra = 0
    autocomplete_fields = ("warehouse",)


@admin.register(Channel)
class ChannelAdmin(VietnameseLabelsMixin, admin.ModelAdmin):
    field_labels = {"default_country": _("quốc gia"), "allocation_strategy": _("cách phân bổ tồn kho"),
                    "metadata": _("dữ liệu bổ sung")}
    list_display = ("name", "slug", "kind", "currency_code", "is_active", "vi_allocation_strategy")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (ChannelWarehouseInline,)
