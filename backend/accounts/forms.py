"""Customer account forms (register, log in by e-mail, addresses)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from checkout.addresses import provinces, wards_of
from core.text_input import text_problem
from core.validators import normalise_phone, validate_vn_phone

from .models import User


class RegisterForm(forms.Form):
    email = forms.EmailField(label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    full_name = forms.CharField(label=_("Họ và tên"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.CharField(label=_("Số điện thoại di động"), max_length=20, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
    password1 = forms.CharField(label=_("Mật khẩu"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("Nhập lại mật khẩu"),
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(_("Email này đã được đăng ký."), code="unique")
        return email

    def clean_full_name(self) -> str:
        value = self.cleaned_data["full_name"].strip()
        if problem := text_problem(value, max_length=200):
            raise forms.ValidationError(problem, code="invalid")
        return value

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "")
        if phone:
            validate_vn_phone(phone)
            return normalise_phone(phone)
        return ""

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Hai mật khẩu không khớp."))
        elif p1:
            try:
                password_validation.validate_password(p1, User(email=data.get("email", "")))
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email",
                                                                                 "autofocus": True}))
    error_messages = {
        "invalid_login": _("Email hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản đã bị khoá."),
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class AddressForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên người nhận"), max_length=200)
    phone = forms.CharField(label=_("Số điện thoại di động"), max_length=20)
    province_code = forms.ChoiceField(label=_("Tỉnh/thành phố"))
    ward_code = forms.ChoiceField(label=_("Xã/phường"))
    street_address = forms.CharField(label=_("Số nhà, đường, thôn/xóm"), max_length=255)
    is_default_shipping = forms.BooleanField(label=_("Địa chỉ mặc định"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province_code"].choices = [("", _("— Chọn tỉnh/thành phố —"))] + provinces()
        pcode = self.data.get("province_code", "") if self.is_bound else ""
        # Any ward is accepted by the field; the province–ward match is checked by checkout.addresses.
        self.fields["ward_code"].choices = [("", _("— Chọn xã/phường —"))] + (
            wards_of(pcode) if pcode else [])
