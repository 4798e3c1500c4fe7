from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.models import Category, Collection
from channels.models import Channel
from producers.models import Producer

from .models import PromotionType, RewardValueType

DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Tên chiến dịch"), max_length=255)
    objective = forms.CharField(label=_("Mục tiêu"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    start_date = forms.DateTimeField(label=_("Bắt đầu"), widget=DT, input_formats=["%Y-%m-%dT%H:%M"])
    end_date = forms.DateTimeField(label=_("Kết thúc"), widget=DT, input_formats=["%Y-%m-%dT%H:%M"])
    channels = forms.ModelMultipleChoiceField(label=_("Kênh bán"), queryset=Channel.objects.all(),
                                              widget=forms.CheckboxSelectMultiple)
    featured_collection = forms.ModelChoiceField(label=_("Bộ sưu tập nổi bật"), queryset=Collection.objects.all(),
                                                 required=False)
    banner_title = forms.CharField(label=_("Tiêu đề banner"), max_length=200, required=False)
    banner_link = forms.CharField(label=_("Liên kết banner"), max_length=500, required=False)
    banner_image = forms.FileField(label=_("Ảnh banner"), required=False)


class PromotionForm(forms.Form):
    name = forms.CharField(label=_("Tên khuyến mại"), max_length=255)
    type = forms.ChoiceField(label=_("Loại"), choices=PromotionType.choices)
    reward_value_type = forms.ChoiceField(label=_("Kiểu giảm"), choices=RewardValueType.choices)
    reward_value = forms.IntegerField(label=_("Giá trị giảm (% hoặc VND)"), min_value=1)
    channels = forms.ModelMultipleChoiceField(label=_("Kênh bán"), queryset=Channel.objects.all(),
                                              widget=forms.CheckboxSelectMultiple)
    producers = forms.ModelMultipleChoiceField(label=_("Chủ thể"), queryset=Producer.objects.all(), required=False)
    groups = forms.ModelMultipleChoiceField(label=_("Nhóm OCOP"), queryset=Category.objects.filter(parent=None),
                                            required=False)
    min_stars = forms.TypedChoiceField(label=_("Số sao tối thiểu"), coerce=int, required=False, empty_value=None,
                                       choices=[("", "—"), (3, "3★"), (4, "4★"), (5, "5★")])
    ward_codes = forms.CharField(label=_("Mã xã/phường (cách nhau bởi dấu phẩy)"), required=False)
    min_subtotal = forms.IntegerField(label=_("Đơn tối thiểu (VND, cho giảm giá đơn hàng)"), min_value=0,
                                      required=False)


class VoucherForm(forms.Form):
    name = forms.CharField(label=_("Tên mã"), max_length=255)
    codes = forms.CharField(label=_("Mã (mỗi dòng một mã)"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    code_count = forms.IntegerField(label=_("Hoặc tạo ngẫu nhiên số mã"), min_value=0, max_value=10_000,
                                    required=False)
    discount_value_type = forms.ChoiceField(label=_("Kiểu giảm"), choices=RewardValueType.choices)
    discount_value = forms.IntegerField(label=_("Giá trị giảm"), min_value=1)
    min_spent_amount = forms.IntegerField(label=_("Đơn tối thiểu (VND)"), min_value=0, required=False)
    usage_limit = forms.IntegerField(label=_("Giới hạn lượt dùng"), min_value=1, required=False)
    apply_once_per_customer = forms.BooleanField(label=_("Mỗi khách một lần"), required=False)
    channels = forms.ModelMultipleChoiceField(label=_("Kênh bán"), queryset=Channel.objects.all(),
                                              widget=forms.CheckboxSelectMultiple)
