"""Certificate admin. Status changes made here are appended to the history (never overwritten);
certificates are never deleted."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin_filters import ExpiryFilter, commune_filter, ocop_group_filter
from core.admin_labels import VietnameseLabelsMixin

from .models import CertificateStatus, CertificateStatusChange, OcopCertificate
from .services import certificate_expire, certificate_reinstate, certificate_revoke, certificate_suspend

# Status changes in the admin go through the certification services (same rules and history as the
# API); the form checks the transition first so a refused one is shown on the field, nothing saved.
TRANSITIONS = {
    CertificateStatus.SUSPENDED: (certificate_suspend, (CertificateStatus.VALID,)),
    CertificateStatus.REVOKED: (certificate_revoke, (CertificateStatus.VALID, CertificateStatus.SUSPENDED)),
    CertificateStatus.VALID: (certificate_reinstate, (CertificateStatus.SUSPENDED,)),
    CertificateStatus.EXPIRED: (certificate_expire, (CertificateStatus.VALID,)),
}


class CertificateForm(forms.ModelForm):
    class Meta:
        model = OcopCertificate
        exclude = ("reminder_sent_at",)

    def clean(self):
        data = super().clean()
        before = self.instance.status if self.instance.pk else None
        after = data.get("status")
        if before and after and after != before:
            _service, allowed_from = TRANSITIONS[after]
            if before not in allowed_from:
                self.add_error("status", _("Không thể chuyển chứng nhận từ trạng thái “%(a)s” sang “%(b)s”.") % {
                    "a": CertificateStatus(before).label, "b": CertificateStatus(after).label})
            elif after != CertificateStatus.EXPIRED and not (data.get("status_reason") or "").strip():
                self.add_error("status_reason", _("Hãy ghi rõ lý do."))
        return data


class StatusChangeInline(VietnameseLabelsMixin, admin.TabularInline):
    model = CertificateStatusChange
    extra = 0
    can_delete = False
    field_labels = {"created_at": _("thời điểm"), "from_status": _("từ trạng thái"), "to_status": _("sang trạng thái"),
                    "reason": _("lý do"), "user": _("người thực hiện")}
    fields = tuple(f"vi_{name}" for name in field_labels)
    readonly_fields = fields
    verbose_name = _("thay đổi trạng thái")
    verbose_name_plural = _("lịch sử trạng thái")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OcopCertificate)
class OcopCertificateAdmin(VietnameseLabelsMixin, admin.ModelAdmin):
    field_labels = {"product": _("sản phẩm"), "reminder_sent_at": _("đã nhắc gia hạn lúc"),
                    "created_at": _("ngày tạo"), "updated_at": _("cập nhật")}
    list_display = ("certificate_number", "vi_product", "producer", "stars", "score", "issuing_level", "status",
                    "issued_on", "expires_on", "expiry")
    list_filter = ("stars", "status", ExpiryFilter, "issuing_level", ocop_group_filter("group"),
                   commune_filter("product__producer__ward_code"), "is_demo")
    search_fields = ("certificate_number", "decision_number", "product__name", "product__producer__name")
    list_select_related = ("product__producer",)
    autocomplete_fields = ("product",)
    date_hierarchy = "expires_on"
    readonly_fields = ("vi_reminder_sent_at", "vi_created_at", "vi_updated_at")
    form = CertificateForm
    inlines = (StatusChangeInline,)

    @admin.display(description=_("chủ thể"), ordering="product__producer__name")
    def producer(self, obj):
        return obj.product.producer

    @admin.display(description=_("hạn"))
    def expiry(self, obj):
        days = (obj.expires_on - timezone.localdate()).days
        if days <= 0:
            return format_html('<span style="color:#b00">{}</span>', _("đã quá hạn"))
        return _("còn %(days)s ngày") % {"days": days}

    def has_delete_permission(self, request, obj=None):
        return False

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        previous = OcopCertificate.objects.filter(pk=obj.pk).values_list("status", flat=True).first() if change else None
        if previous is None:
            super().save_model(request, obj, form, change)
            CertificateStatusChange.objects.create(certificate=obj, from_status="", to_status=obj.status,
                                                   reason=obj.status_reason or _("Tạo trong trang quản trị"),
                                                   user=request.user)
            return
        target, reason = obj.status, obj.status_reason
        obj.status = previous
        super().save_model(request, obj, form, change)
        if target != previous:
            service, _allowed = TRANSITIONS[target]
            kwargs = {} if target == CertificateStatus.EXPIRED else {"reason": reason}
            updated = service(certificate=obj, user=request.user, **kwargs)
            obj.status, obj.status_reason = updated.status, updated.status_reason

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "status" in form.base_fields:
            form.base_fields["status"].initial = CertificateStatus.VALID
        return form
