from __future__ import annotations

from django.contrib import admin

from inventory.models import ChannelWarehouse

from .models import Channel


class ChannelWarehouseInline(admin.TabularInline):
    model = ChannelWarehouse
    extra = 0
    autocomplete_fields = ("warehouse",)


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "kind", "currency_code", "is_active", "allocation_strategy")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (ChannelWarehouseInline,)
