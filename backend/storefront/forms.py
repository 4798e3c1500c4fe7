"""The filter/sort form of listing and search pages (GET). Invalid fields are reported by name and
ignored; the rest of the filters still apply."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from search.types import Sort

STAR_CHOICES = [("3", "3★"), ("4", "4★"), ("5", "5★")]
SORT_CHOICES = [
    (Sort.RELEVANCE.value, _("Phù hợp nhất")),
    (Sort.NAME.value, _("Tên A–Z")),
    (Sort.PRICE_ASC.value, _("Giá tăng dần")),
    (Sort.PRICE_DESC.value, _("Giá giảm dần")),
    (Sort.NEWEST.value, _("Mới nhất")),
    (Sort.STARS.value, _("Nhiều sao nhất")),
]
MAX_PRICE = 1_000_000_000


class ListingFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100)
    stars = forms.MultipleChoiceField(label=_("Hạng sao OCOP"), choices=STAR_CHOICES, required=False,
                                      widget=forms.CheckboxSelectMultiple)
    group = forms.ChoiceField(label=_("Nhóm sản phẩm OCOP"), required=False)
    commune = forms.ChoiceField(label=_("Xã/phường"), required=False)
    price_min = forms.IntegerField(label=_("Giá từ (₫)"), required=False, min_value=0, max_value=MAX_PRICE)
    price_max = forms.IntegerField(label=_("Giá đến (₫)"), required=False, min_value=0, max_value=MAX_PRICE)
    at = forms.ChoiceField(label=_("Có hàng tại"), required=False)
    sort = forms.ChoiceField(label=_("Sắp xếp"), choices=SORT_CHOICES, required=False)
    page = forms.IntegerField(label=_("Trang"), required=False, min_value=1, max_value=100_000)

    def __init__(self, data, *, groups, communes, points_of_sale, show_group: bool = True, **kwargs):
        super().__init__(data, **kwargs)
        all_label = [("", _("Tất cả"))]
        self.fields["group"].choices = all_label + [(c.slug, c.name) for c in groups]
        self.fields["commune"].choices = all_label + list(communes)
        self.fields["at"].choices = all_label + [(w.slug, w.name) for w in points_of_sale]
        if not show_group:
            del self.fields["group"]
        for name in ("group", "commune", "at", "sort"):
            if name in self.fields:
                self.fields[name].error_messages["invalid_choice"] = _(
                    "%(field)s: lựa chọn không hợp lệ.") % {"field": self.fields[name].label}
        for name in ("price_min", "price_max", "page"):
            f = self.fields[name]
            f.error_messages.update({
                "invalid": _("%(field)s: hãy nhập một số nguyên.") % {"field": f.label},
                "min_value": _("%(field)s: không được âm.") % {"field": f.label} if name != "page"
                else _("%(field)s: phải từ 1 trở lên.") % {"field": f.label},
                "max_value": _("%(field)s: giá trị quá lớn.") % {"field": f.label},
            })
        self.fields["stars"].error_messages["invalid_choice"] = _("Hạng sao OCOP: chỉ chọn 3, 4 hoặc 5 sao.")

    def clean(self):
        data = super().clean()
        low, high = data.get("price_min"), data.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", _("Giá đến: phải lớn hơn hoặc bằng giá từ."))
        return data

    def value(self, name: str, default=None):
        """A cleaned value, or `default` when the field is missing or invalid."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        value = self.cleaned_data.get(name)
        return default if value in (None, "", []) else value

    def widgets(self) -> tuple[list[dict], list[dict]]:
        """Plain data for hand-written select and number inputs (much faster than widget templates)."""
        selects, numbers = [], []
        for name in ("group", "commune", "at", "sort", "price_min", "price_max"):
            if name not in self.fields:
                continue
            bound = self[name]
            raw = self.data.get(name, "") if self.is_bound else ""
            item = {"name": name, "label": self.fields[name].label, "errors": list(bound.errors), "value": raw}
            if name.startswith("price_"):
                numbers.append(item)
            else:
                item["choices"] = [(str(v), str(label)) for v, label in self.fields[name].choices]
                selects.append(item)
        return selects, numbers
