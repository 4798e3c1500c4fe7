"""Catalogue admin: products with variants, channel prices, label facts, media and certificates."""

from __future__ import annotations

import nh3
from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.utils.html import format_html, strip_tags
from django.utils.translation import gettext_lazy as _

from certification.models import OcopCertificate
from core.admin_filters import ValidStarsFilter, commune_filter, ocop_group_filter

from .gate import valid_certificates
from .models import (
    Attribute,
    Category,
    Collection,
    CollectionChannelListing,
    CollectionProduct,
    Product,
    ProductAttributeValue,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)


class SubCategoryInline(admin.TabularInline):
    model = Category
    fk_name = "parent"
    extra = 0
    fields = ("name", "slug", "ocop_group_code", "sort_order")
    verbose_name = _("phân nhóm")
    verbose_name_plural = _("phân nhóm")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "ocop_group_code", "parent", "level", "sort_order")
    list_filter = ("level", ("parent", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "slug", "ocop_group_code")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("level",)
    inlines = (SubCategoryInline,)


@admin.register(ProductType)
class ProductTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "vat_rate", "has_variants", "is_shipping_required")
    list_filter = ("vat_rate", "is_shipping_required")
    search_fields = ("name", "slug")


@admin.register(Attribute)
class AttributeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "sort_order")
    search_fields = ("name", "slug")


class CollectionProductInline(admin.TabularInline):
    model = CollectionProduct
    extra = 0
    autocomplete_fields = ("product",)


class CollectionChannelListingInline(admin.TabularInline):
    model = CollectionChannelListing
    extra = 0


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (CollectionChannelListingInline, CollectionProductInline)


class VariantInline(admin.TabularInline):
    model = ProductVariant
    extra = 0
    fields = ("name", "sku", "gtin", "weight_grams", "track_inventory", "sort_order")
    show_change_link = True


class ProductChannelListingInline(admin.TabularInline):
    model = ProductChannelListing
    extra = 0
    fields = ("channel", "is_published", "published_at", "visible_in_listings", "available_for_purchase_at")


class AttributeValueInline(admin.TabularInline):
    model = ProductAttributeValue
    extra = 0
    verbose_name = _("thông tin nhãn hàng hoá")
    verbose_name_plural = _("thông tin nhãn hàng hoá (Nghị định 43/2017)")


class MediaInline(admin.TabularInline):
    model = ProductMedia
    extra = 0
    fields = ("preview", "image", "alt", "sort_order", "is_placeholder")
    readonly_fields = ("preview", "image", "is_placeholder")

    @admin.display(description=_("ảnh"))
    def preview(self, obj):
        if not obj.image:
            return "—"
        return format_html('<img src="{}" alt="{}" style="max-height:80px">', obj.image.url, obj.alt)

    def has_add_permission(self, request, obj=None):  # uploads go through catalog.media (validated)
        return False


class CertificateInline(admin.TabularInline):
    model = OcopCertificate
    extra = 0
    fields = ("certificate_number", "stars", "score", "status", "issued_on", "expires_on")
    readonly_fields = fields
    show_change_link = True
    can_delete = False
    verbose_name_plural = _("chứng nhận OCOP (sửa trong mục Chứng nhận)")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("name", "producer", "category", "stars", "moderation_status", "is_featured", "updated_at")
    list_filter = ("moderation_status", ValidStarsFilter, ocop_group_filter("category"),
                   commune_filter("producer__ward_code"), ("channel_listings__channel", admin.RelatedOnlyFieldListFilter),
                   "is_featured", "product_type")
    search_fields = ("name", "slug", "producer__name", "variants__sku", "variants__gtin")
    list_select_related = ("producer", "category")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("producer",)
    readonly_fields = ("created_at", "updated_at")
    exclude = ("search_document", "search_vector", "description_plaintext")
    inlines = (VariantInline, ProductChannelListingInline, AttributeValueInline, MediaInline, CertificateInline)
    list_per_page = 50

    def get_queryset(self, request):
        best = valid_certificates().filter(product=OuterRef("pk")).order_by("-stars").values("stars")[:1]
        return super().get_queryset(request).annotate(_stars=Subquery(best))

    @admin.display(description=_("sao OCOP"), ordering="_stars")
    def stars(self, obj) -> str:
        return f"{obj._stars}★" if obj._stars else "—"

    def save_model(self, request, obj, form, change):
        obj.description = nh3.clean(obj.description or "")
        obj.description_plaintext = strip_tags(obj.description)
        super().save_model(request, obj, form, change)


class VariantChannelListingInline(admin.TabularInline):
    model = ProductVariantChannelListing
    extra = 0
    fields = ("channel", "price_amount", "cost_price_amount", "currency")
    readonly_fields = ("currency",)


@admin.register(ProductVariant)
class ProductVariantAdmin(admin.ModelAdmin):
    list_display = ("sku", "gtin", "product", "name", "track_inventory")
    list_filter = ("track_inventory", ocop_group_filter("product__category"))
    search_fields = ("sku", "gtin", "name", "product__name")
    list_select_related = ("product",)
    autocomplete_fields = ("product",)
    inlines = (VariantChannelListingInline,)
