"""Forms of the /kho/ staff pages (they only translate input; the services decide)."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.models import ProductVariant

from .models import TransferKind
from .transfers import ReceiveLineInput, TransferLineInput

TRANSFER_ROWS = 6


class TransferForm(forms.Form):
    source = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Kho xuất"))
    destination = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Kho nhận"))
    kind = forms.ChoiceField(choices=TransferKind.choices, initial=TransferKind.TRANSFER,
                             label=gettext_lazy("Loại phiếu"))
    note = forms.CharField(required=False, label=gettext_lazy("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, sources, destinations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources
        self.fields["destination"].queryset = destinations
        for i in range(TRANSFER_ROWS):
            self.fields[f"sku_{i}"] = forms.CharField(required=False, label=_("Mã SKU hoặc GTIN, dòng %(n)s") % {"n": i + 1})
            self.fields[f"qty_{i}"] = forms.IntegerField(required=False, label=_("Số lượng, dòng %(n)s") % {"n": i + 1})
        self.cleaned_lines: list[TransferLineInput] = []

    def rows(self):
        return [(self[f"sku_{i}"], self[f"qty_{i}"]) for i in range(TRANSFER_ROWS)]

    def clean(self):
        data = super().clean()
        lines = []
        for i in range(TRANSFER_ROWS):
            code = (data.get(f"sku_{i}") or "").strip()
            qty = data.get(f"qty_{i}")
            if not code and qty in (None, ""):
                continue
            variant = None
            if code:
                variant = ProductVariant.objects.filter(Q(sku=code) | Q(gtin=code)).first()
            if variant is None:
                self.add_error(f"sku_{i}", _("Không tìm thấy sản phẩm có mã này."))
                continue
            if qty is None or qty <= 0:
                self.add_error(f"qty_{i}", _("Số lượng phải là số nguyên dương."))
                continue
            lines.append(TransferLineInput(variant.pk, qty))
        if not lines and not self.errors:
            raise forms.ValidationError(_("Nhập ít nhất một dòng hàng."))
        self.cleaned_lines = lines
        return data

    def add_domain_error(self, exc) -> None:
        field = exc.field if exc.field in self.fields else None
        self.add_error(field, exc.message)


class ReceiveForm(forms.Form):
    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[f"received_{line.pk}"] = forms.IntegerField(
                min_value=0, initial=line.quantity,
                label=_("Nhận đủ: %(sku)s") % {"sku": line.product_variant.sku})
            self.fields[f"damaged_{line.pk}"] = forms.IntegerField(
                min_value=0, initial=0, required=False,
                label=_("Hỏng: %(sku)s") % {"sku": line.product_variant.sku})

    def rows(self):
        return [(line, self[f"received_{line.pk}"], self[f"damaged_{line.pk}"]) for line in self.lines]

    def clean(self):
        data = super().clean()
        for line in self.lines:
            received, damaged = data.get(f"received_{line.pk}"), data.get(f"damaged_{line.pk}") or 0
            if received is not None and received + damaged > line.quantity:
                self.add_error(f"received_{line.pk}", _("Số nhận cộng số hỏng vượt quá số đã chuyển đi."))
        return data

    def receive_lines(self) -> list[ReceiveLineInput]:
        return [ReceiveLineInput(line.pk, self.cleaned_data[f"received_{line.pk}"],
                                 self.cleaned_data.get(f"damaged_{line.pk}") or 0) for line in self.lines]


class CountEntryForm(forms.Form):
    """One optional number per variant stocked here; blank = not counted (partial counts)."""

    def __init__(self, *args, variants, counted, **kwargs):
        super().__init__(*args, **kwargs)
        self.variants = variants
        for v in variants:
            self.fields[f"v_{v.pk}"] = forms.IntegerField(
                required=False, min_value=0, initial=counted.get(v.pk),
                label=_("Số đếm được: %(name)s (%(sku)s)") % {"name": v.product.name, "sku": v.sku})

    def rows(self):
        return [(v, self[f"v_{v.pk}"]) for v in self.variants]

    def lines(self) -> list[tuple[int, int]]:
        return [(v.pk, self.cleaned_data[f"v_{v.pk}"]) for v in self.variants
                if self.cleaned_data.get(f"v_{v.pk}") is not None]
