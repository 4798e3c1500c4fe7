from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from producers.models import Producer

from .models import EventKind

D = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EventForm(forms.Form):
    name = forms.CharField(label=_("Tên sự kiện"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại"), choices=EventKind.choices)
    venue = forms.CharField(label=_("Địa điểm"), max_length=255)
    street_address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    province_name = forms.CharField(label=_("Tỉnh/thành phố"), max_length=100, initial="Thanh Hóa")
    start_date = forms.DateField(label=_("Từ ngày"), widget=D)
    end_date = forms.DateField(label=_("Đến ngày"), widget=D)
    organiser = forms.CharField(label=_("Đơn vị tổ chức"), max_length=255, required=False)
    register_count = forms.IntegerField(label=_("Số quầy thu ngân"), min_value=0, max_value=200, initial=1)


class ParticipantForm(forms.Form):
    producer = forms.ModelChoiceField(label=_("Chủ thể"), queryset=Producer.objects.filter(is_active=True))
    stand_number = forms.CharField(label=_("Số gian hàng"), max_length=20)
    products = forms.ModelMultipleChoiceField(label=_("Sản phẩm mang đến"), queryset=Product.objects.all())


class DailyStatForm(forms.Form):
    date = forms.DateField(label=_("Ngày"), widget=D)
    visitors = forms.IntegerField(label=_("Lượt khách"), min_value=0)
    leads = forms.IntegerField(label=_("Đầu mối kết nối"), min_value=0, initial=0)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Bảng kê CSV (sku/gtin, quantity, price, payment_method, date)"))
