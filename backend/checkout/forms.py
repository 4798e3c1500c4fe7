"""Forms of the cart and checkout pages. They only parse input; rules live in checkout.services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .addresses import provinces, wards_of


class AddToCartForm(forms.Form):
    variant_id = forms.IntegerField(min_value=1)
    quantity = forms.IntegerField(min_value=1, max_value=999, initial=1,
                                  error_messages={"min_value": _("Số lượng phải lớn hơn 0."),
                                                  "invalid": _("Số lượng phải là số nguyên.")})


class UpdateLineForm(forms.Form):
    variant_id = forms.IntegerField(min_value=1)
    quantity = forms.IntegerField(min_value=0, max_value=999,
                                  error_messages={"min_value": _("Số lượng không được âm."),
                                                  "invalid": _("Số lượng phải là số nguyên.")})


class PromoForm(forms.Form):
    code = forms.CharField(label=_("Mã khuyến mại"), max_length=64)


class CheckoutForm(forms.Form):
    checkout_token = forms.UUIDField(widget=forms.HiddenInput)
    email = forms.EmailField(label=_("Email (nhận xác nhận đơn)"), error_messages={
        "required": _("Vui lòng nhập email."), "invalid": _("Email không hợp lệ.")})
    full_name = forms.CharField(label=_("Họ và tên người nhận"), max_length=200)
    phone = forms.CharField(label=_("Số điện thoại di động"), max_length=20,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
    delivery = forms.CharField(label=_("Cách nhận hàng"))
    # Plain text fields: the province–ward rules (and their messages) live in checkout.addresses.
    province_code = forms.CharField(label=_("Tỉnh/thành phố"), required=False, max_length=4)
    ward_code = forms.CharField(label=_("Xã/phường"), required=False, max_length=10)
    street_address = forms.CharField(label=_("Số nhà, đường, thôn/xóm"), max_length=255, required=False)
    payment_method = forms.ChoiceField(label=_("Thanh toán"), widget=forms.RadioSelect)
    note = forms.CharField(label=_("Ghi chú cho người bán"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, payment_choices=(), province_code: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payment_method"].choices = list(payment_choices)
        self.province_choices = [("", _("— Chọn tỉnh/thành phố —"))] + provinces()
        pcode = self.data.get("province_code") if self.is_bound else province_code
        self.ward_choices = [("", _("— Chọn xã/phường —"))] + wards_of(pcode or "")
        for name in ("full_name", "street_address", "email"):
            self.fields[name].widget.attrs.setdefault("autocomplete", {"full_name": "name", "email": "email",
                                                                       "street_address": "street-address"}[name])
