"""Catalogue admin: products with variants, channel prices, label facts, media and certificates."""

from __future__ import annotations

import nh3
from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.utils.html import format_html, strip_tags
from django.utils.translation import gettext_lazy as _

from certification.models import OcopCertificate
from core.admin_filters import ValidStarsFilter, commune_filter, ocop_group_filter
from core.admin_labels import VietnameseLabelsMixin, titled

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


class SubCategoryInline(VietnameseLabelsMixin, admin.TabularInline):
    field_labels = {"slug": _("đường dẫn (slug)"), "sort_order": _("thứ tự")}
    model = Category
    fk_name = "parent"
    extra = 0
    fields = ("name", "slug", "ocop_group_code", "sort_order")
    verbose_name = _("phân nhóm")
    verbose_name_plural = _("phân nhóm")


@admin.register(Category)
class CategoryAdmin(VietnameseLabelsMixin, admin.ModelAdmin):
    field_labels = {"slug": _("đường dẫn (slug)"), "parent": _("nhóm cha"), "level": _("cấp"), "sort_order": _("thứ tự"), "description": _("mô tả"), "metadata": _("dữ liệu bổ sung")}
    list_display = ("name", "ocop_group_code", "vi_parent", "vi_level", "vi_sort_order")
    list_filter = (("parent", titled(_("nhóm cha"), admin.RelatedOnlyFieldListFilter)),)
    search_fields = ("name", "slug", "ocop_group_code")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("level",)
    inlines = (SubCategoryInline,)


@admin.register(ProductType)
class ProductTypeAdmin(VietnameseLabelsMixin, admin.ModelAdmin):
    field_labels = {"slug": _("đường dẫn (slug)"), "has_variants": _("có nhiều phân loại"), "is_shipping_required": _("cần giao hàng")}
    list_display = ("name", "vi_slug", "vat_rate", "vi_is_shipping_required")
    list_filter = ("vat_rate", ("is_shipping_required", titled(_("cần giao hàng"), admin.BooleanFieldListFilter)))
    search_fields = ("name", "slug")


@admin.register(Attribute)
class AttributeAdmin(VietnameseLabelsMixin, admin.ModelAdmin):
    field_labels = {"slug": _("mã"), "sort_order": _("thứ tự")}
    list_display = ("name", "vi_slug", "vi_sort_order")
    search_fields = ("name", "slug")


class CollectionProductInline(VietnameseLabelsMixin, admin.TabularInline):
    field_labels = {"product": _("sản phẩm"), "sort_order": _("thứ tự")}
    model = CollectionProduct
    extra = 0
    autocomplete_fields = ("product",)


class CollectionChannelListingInline(VietnameseLabelsMixin, admin.TabularInline):
    field_labels = {"channel": _("kênh bán"), "is_published": _("hiển thị"), "published_at": _("hiển thị từ")}
    model = CollectionChannelListing
    extra = 0


@admin.register(Collection)
class CollectionAdmin(VietnameseLabelsMixin, admin.ModelAdmin):
    field_labels = {"slug": _("đường dẫn (slug)"), "description": _("mô tả"), "background_image": _("ảnh nền"), "metadata": _("dữ liệu bổ sung")}
    list_display = ("name", "vi_slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (CollectionChannelListingInline, CollectionProductInline)


class VariantInline(VietnameseLabelsMixin, admin.TabularInline):
    field_labels = {"sku": "SKU", "weight_grams": _("khối lượng (g)"), "track_inventory": _("theo dõi tồn kho"), "sort_order": _("thứ tự")}
    model = ProductVariant
    extra = 0
    fields = ("name", "sku", "gtin", "weight_grams", "track_inventory", "sort_order")
    show_change_link = True


class ProductChannelListingInline(VietnameseLabelsMixin, admin.TabularInline):
    field_labels = {"channel": _("kênh bán"), "is_published": _("niêm yết"), "published_at": _("niêm yết từ"), "visible_in_listings": _("hiện trong danh sách"), "available_for_purchase_at": _("mở bán từ")}
    model = ProductChannelListing
    extra = 0
    fields = ("channel", "is_published", "published_at", "visible_in_listings", "available_for_purchase_at")


class AttributeValueInline(VietnameseLabelsMixin, admin.TabularInline):
    field_labels = {"attribute": _("thông tin"), "value": _("nội dung")}
    model = ProductAttributeValue
    extra = 0
    verbose_name = _("thông tin nhãn hàng hoá")
    verbose_name_plural = _("thông tin nhãn hàng hoá (Nghị định 43/2017)")


class MediaInline(VietnameseLabelsMixin, admin.TabularInline):
    field_labels = {"alt": _("mô tả ảnh (alt)"), "sort_order": _("thứ tự")}
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
class ProductAdmin(VietnameseLabelsMixin, admin.ModelAdmin):
    field_labels = {"slug": _("đường dẫn (slug)"), "product_type": _("loại sản phẩm"), "category": _("danh mục"), "producer": _("chủ thể OCOP"), "weight_grams": _("khối lượng (g)"), "created_at": _("ngày tạo"), "updated_at": _("cập nhật"), "metadata": _("dữ liệu bổ sung"), "private_metadata": _("dữ liệu nội bộ")}
    list_display = ("name", "vi_producer", "vi_category", "stars", "moderation_status", "is_featured", "vi_updated_at")
    list_filter = ("moderation_status", ValidStarsFilter, ocop_group_filter("category"),
                   commune_filter("producer__ward_code"),
                   ("channel_listings__channel", titled(_("kênh bán"), admin.RelatedOnlyFieldListFilter)),
                   "is_featured", ("product_type", titled(_("loại sản phẩm"), admin.RelatedOnlyFieldListFilter)))
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


class VariantChannelListingInline(VietnameseLabelsMixin, admin.TabularInline):
    field_labels = {"channel": _("kênh bán"), "currency": _("tiền tệ")}
    model = ProductVariantChannelListing
    extra = 0
    fields = ("channel", "price_amount", "cost_price_amount", "currency")
    readonly_fields = ("currency",)


@admin.register(ProductVariant)
class ProductVariantAdmin(VietnameseLabelsMixin, admin.ModelAdmin):
    field_labels = {"product": _("sản phẩm"), "sku": "SKU", "weight_grams": _("khối lượng (g)"), "track_inventory": _("theo dõi tồn kho"), "quantity_limit_per_customer": _("giới hạn mỗi khách"), "sort_order": _("thứ tự"), "metadata": _("dữ liệu bổ sung"), "private_metadata": _("dữ liệu nội bộ")}
    list_display = ("vi_sku", "gtin", "vi_product", "name")
    list_filter = (("track_inventory", titled(_("theo dõi tồn kho"), admin.BooleanFieldListFilter)),
                   ocop_group_filter("product__category"))
    search_fields = ("sku", "gtin", "name", "product__name")
    list_select_related = ("product",)
    autocomplete_fields = ("product",)
    inlines = (VariantChannelListingInline,)
