"""Admin for users (e-mail login) and their addresses."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from audit.admin_mixins import PersonalDataAccessLogged
from core.admin_labels import VietnameseLabelsMixin

from .models import Address, User


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


ADDRESS_LABELS = {"user": _("tài khoản"), "country": _("quốc gia"), "is_default_shipping": _("địa chỉ giao mặc định")}


class AddressInline(VietnameseLabelsMixin, admin.StackedInline):
    field_labels = ADDRESS_LABELS
    model = Address
    extra = 0
    fields = ("full_name", "phone", "street_address", "ward_code", "ward_name", "province_code", "province_name",
              "is_default_shipping")


@admin.register(User)
class UserAdmin(PersonalDataAccessLogged, DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ("email",)
    list_display = ("email", "full_name", "phone", "is_staff", "is_active", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("email", "full_name", "phone")
    readonly_fields = ("last_login", "date_joined")
    filter_horizontal = ("groups", "user_permissions")
    inlines = (AddressInline,)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Thông tin cá nhân"), {"fields": ("full_name", "phone")}),
        (_("Quyền"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Thời gian"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Address)
class AddressAdmin(VietnameseLabelsMixin, admin.ModelAdmin):
    field_labels = ADDRESS_LABELS
    list_display = ("full_name", "phone", "street_address", "ward_name", "province_name", "vi_user")
    list_filter = ("province_name",)
    search_fields = ("full_name", "phone", "street_address", "ward_name", "user__email")
    raw_id_fields = ("user",)
