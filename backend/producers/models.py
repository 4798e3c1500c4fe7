"""Producers (chủ thể OCOP): cooperatives, enterprises, household businesses, and their members."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.validators import validate_tax_code


class LegalForm(models.TextChoices):
    COOPERATIVE = "cooperative", _("Hợp tác xã")
    COOPERATIVE_GROUP = "cooperative_group", _("Tổ hợp tác")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    HOUSEHOLD = "household", _("Hộ kinh doanh")


class ProducerStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Bị từ chối")


class Producer(models.Model):
    name = models.CharField(_("tên chủ thể"), max_length=255)
    slug = models.SlugField(max_length=255, unique=True)
    legal_form = models.CharField(_("loại hình"), max_length=32, choices=LegalForm.choices)
    tax_code = models.CharField(_("mã số thuế"), max_length=14, unique=True, validators=[validate_tax_code])
    street_address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    ward_code = models.CharField(_("mã xã/phường"), max_length=10)
    ward_name = models.CharField(_("xã/phường"), max_length=100)
    province_code = models.CharField(_("mã tỉnh"), max_length=4, default="38")
    province_name = models.CharField(_("tỉnh"), max_length=100, default="Thanh Hóa")
    former_district = models.CharField(_("huyện cũ (trước 2025)"), max_length=100, blank=True)
    representative = models.CharField(_("người đại diện"), max_length=200, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(blank=True)
    story = models.TextField(_("câu chuyện"), blank=True)
    logo = models.ImageField(upload_to="producers/logos/", blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=ProducerStatus.choices,
                              default=ProducerStatus.APPROVED)
    status_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("chủ thể OCOP")
        verbose_name_plural = _("chủ thể OCOP")

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    OWNER = "owner", _("Chủ sở hữu")
    MEMBER = "member", _("Thành viên")


class ProducerMember(models.Model):
    producer = models.ForeignKey(Producer, related_name="memberships", on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="producer_memberships", on_delete=models.CASCADE)
    role = models.CharField(max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = (("producer", "user"),)
        verbose_name = _("thành viên chủ thể")
        verbose_name_plural = _("thành viên chủ thể")

    def __str__(self) -> str:
        return f"{self.user} @ {self.producer}"
