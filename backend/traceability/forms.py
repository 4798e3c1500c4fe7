"""Forms for the batch/stamp management pages (they only collect input; services decide)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import ProductVariant

from .labels import LabelSpec
from .models import DocumentKind
from .permissions import managed_producer_ids


class BatchForm(forms.Form):
    variant = forms.ModelChoiceField(label=_("Sản phẩm / phân loại"), queryset=ProductVariant.objects.none())
    lot_code = forms.CharField(label=_("Số lô"), max_length=40,
                               help_text=_("Tối đa 20 ký tự: chữ cái không dấu, chữ số và - . _ / …"))
    production_date = forms.DateField(label=_("Ngày sản xuất"), widget=forms.DateInput(attrs={"type": "date"}))
    expiry_date = forms.DateField(label=_("Hạn sử dụng"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    quantity = forms.IntegerField(label=_("Số lượng sản phẩm trong lô"), min_value=1)
    origin_commune = forms.CharField(label=_("Xã/phường vùng nguyên liệu"), max_length=150, required=False)
    origin_farm = forms.CharField(label=_("Trang trại/vùng trồng"), max_length=200, required=False)
    origin_cooperative = forms.CharField(label=_("HTX cung cấp nguyên liệu"), max_length=200, required=False)
    notes = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = ProductVariant.objects.select_related("product").exclude(gtin__isnull=True).exclude(gtin="")
        scope = managed_producer_ids(user)
        if scope is not None:
            qs = qs.filter(product__producer_id__in=scope)
        self.fields["variant"].queryset = qs.order_by("product__name", "sku")
        self.fields["variant"].label_from_instance = lambda v: f"{v} · {v.sku} · GTIN {v.gtin}"


class IssueForm(forms.Form):
    count = forms.IntegerField(label=_("Số tem cần phát hành"), min_value=1)


class SheetForm(forms.Form):
    """Label geometry for the printable sheet (GET parameters)."""

    w = forms.FloatField(label=_("Rộng tem (mm)"), required=False)
    h = forms.FloatField(label=_("Cao tem (mm)"), required=False)
    run = forms.IntegerField(label=_("Đợt phát hành"), required=False, min_value=1)
    limit = forms.IntegerField(label=_("Số tem"), required=False, min_value=1)
    error = forms.ChoiceField(label=_("Mức sửa lỗi QR"), required=False, choices=[("m", "M"), ("q", "Q"), ("h", "H")])

    def spec(self) -> LabelSpec:
        d = self.cleaned_data
        default = LabelSpec()
        return LabelSpec(width_mm=d.get("w") or default.width_mm, height_mm=d.get("h") or default.height_mm,
                         error=d.get("error") or "m")


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=200)
    kind = forms.ChoiceField(label=_("Loại"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("Tệp (PDF, JPEG, PNG; tối đa 10 MB)"))


class VoidForm(forms.Form):
    reason = forms.CharField(label=_("Lý do huỷ tem"), max_length=255)
