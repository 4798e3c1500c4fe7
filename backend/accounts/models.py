"""Users log in with their e-mail. Staff rights are Django permissions named after Saleor's."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("họ và tên"), max_length=200, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    is_staff = models.BooleanField(_("nhân viên"), default=False)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    date_joined = models.DateTimeField(_("ngày tham gia"), default=timezone.now)
    language_code = models.CharField(max_length=8, default="vi")
    metadata = models.JSONField(default=dict, blank=True)
    private_metadata = models.JSONField(default=dict, blank=True)
    # Raised by accounts.tokens.tokens_deactivate_all: every earlier JWT and session of the user stops working.
    token_version = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.email

    def _get_session_auth_hash(self, secret=None):
        """Django's session hash over the password and the token version: a new password or a deactivation
        ends every session and every JWT (they carry this hash, accounts/jwt.py)."""
        return salted_hmac("ocop.accounts.User.session-auth-hash", f"{self.password}\x00{self.token_version}",
                           secret=secret, algorithm="sha256").hexdigest()


class UsedRefreshToken(models.Model):
    """A refresh token already exchanged (they rotate: each is good for one tokenRefresh)."""

    jti = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(User, related_name="+", on_delete=models.CASCADE)
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("mã làm mới đã dùng")
        verbose_name_plural = _("mã làm mới đã dùng")


class Address(models.Model):
    """A Vietnamese address: province → commune/ward (post-2025 units, no district)."""

    user = models.ForeignKey(User, null=True, blank=True, related_name="addresses", on_delete=models.CASCADE)
    full_name = models.CharField(_("họ và tên"), max_length=200)
    phone = models.CharField(_("số điện thoại"), max_length=20)
    street_address = models.CharField(_("địa chỉ"), max_length=255)
    ward_code = models.CharField(_("mã xã/phường"), max_length=10)
    ward_name = models.CharField(_("xã/phường"), max_length=100)
    province_code = models.CharField(_("mã tỉnh"), max_length=4)
    province_name = models.CharField(_("tỉnh/thành phố"), max_length=100)
    country = models.CharField(max_length=2, default="VN")
    is_default_shipping = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("địa chỉ")
        verbose_name_plural = _("địa chỉ")

    def __str__(self) -> str:
        return f"{self.street_address}, {self.ward_name}, {self.province_name}"

    def as_dict(self) -> dict:
        return {
            "full_name": self.full_name, "phone": self.phone, "street_address": self.street_address,
            "ward_code": self.ward_code, "ward_name": self.ward_name,
            "province_code": self.province_code, "province_name": self.province_name, "country": self.country,
        }


class OcopPermissions(models.Model):
    """Holder of the system's permissions (no table). Codenames follow Saleor's PermissionEnum."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("manage_products", "Quản lý sản phẩm"),
            ("manage_producers", "Quản lý chủ thể OCOP"),
            ("manage_certificates", "Quản lý chứng nhận OCOP"),
            ("moderate_listings", "Duyệt sản phẩm"),
            ("manage_channels", "Quản lý kênh bán"),
            ("manage_inventory", "Quản lý tồn kho"),
            ("manage_orders", "Quản lý đơn hàng"),
            ("manage_checkouts", "Quản lý giỏ hàng"),
            ("manage_discounts", "Quản lý khuyến mại"),
            ("manage_events", "Quản lý sự kiện, hội chợ"),
            ("manage_pos", "Quản lý điểm bán"),
            ("manage_traceability", "Quản lý truy xuất nguồn gốc"),
            ("manage_staff", "Quản lý nhân viên"),
            ("manage_settings", "Quản lý cấu hình"),
            ("view_reports", "Xem báo cáo"),
        ]
