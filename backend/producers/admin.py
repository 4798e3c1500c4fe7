from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.admin_filters import commune_filter
from core.admin_labels import VietnameseLabelsMixin, titled

from .models import Producer, ProducerMember


class ProducerMemberInline(VietnameseLabelsMixin, admin.TabularInline):
    field_labels = {"user": _("người dùng"), "role": _("vai trò")}
    model = ProducerMember
    extra = 0
    raw_id_fields = ("user",)
    verbose_name = _("thành viên")
    verbose_name_plural = _("thành viên")


@admin.register(Producer)
class ProducerAdmin(VietnameseLabelsMixin, admin.ModelAdmin):
    field_labels = {"slug": _("đường dẫn (slug)"), "website": _("trang web"), "status_reason": _("lý do"),
                    "logo": _("logo"), "metadata": _("dữ liệu bổ sung")}
    list_display = ("name", "legal_form", "tax_code", "ward_name", "former_district", "product_count", "is_active",
                    "status")
    list_filter = ("legal_form", "status", "is_active", commune_filter("ward_code"), "former_district")
    search_fields = ("name", "slug", "tax_code", "ward_name", "former_district", "email", "phone", "representative")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (ProducerMemberInline,)
    fieldsets = (
        (None, {"fields": ("name", "slug", "legal_form", "tax_code", "representative", "is_active", "status",
                           "status_reason")}),
        (_("Địa chỉ (đơn vị hành chính sau 2025)"), {"fields": (
            "street_address", "ward_code", "ward_name", "province_code", "province_name", "former_district")}),
        (_("Liên hệ, giới thiệu"), {"fields": ("phone", "email", "website", "story", "logo")}),
        (_("Khác"), {"classes": ("collapse",), "fields": ("metadata",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_product_count=Count("products"))

    @admin.display(description=_("số sản phẩm"), ordering="_product_count")
    def product_count(self, obj) -> int:
        return obj._product_count


@admin.register(ProducerMember)
class ProducerMemberAdmin(VietnameseLabelsMixin, admin.ModelAdmin):
    field_labels = {"user": _("người dùng"), "producer": _("chủ thể OCOP"), "role": _("vai trò"),
                    "created_at": _("ngày thêm")}
    list_display = ("vi_user", "vi_producer", "vi_role", "vi_created_at")
    list_filter = (("role", titled(_("vai trò"), admin.ChoicesFieldListFilter)),)
    search_fields = ("user__email", "producer__name")
    raw_id_fields = ("user", "producer")
