"""Producer portal: applications and invitations, pending changes (revisions and images kept apart
from the live catalogue), certificate uploads, commission rates per channel.
(Consignment requests are draft `inventory.StockTransfer`s of kind consignment.)"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from producers.models import LegalForm, MemberRole

from .storage import private_storage


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Bị từ chối")


class ProducerApplication(models.Model):
    """A producer asks to join; the centre approves (creating the Producer) or rejects with a reason."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, related_name="producer_applications", on_delete=models.CASCADE)
    name = models.CharField(_("tên chủ thể"), max_length=255)
    legal_form = models.CharField(_("loại hình"), max_length=32, choices=LegalForm.choices)
    tax_code = models.CharField(_("mã số thuế"), max_length=14)
    street_address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    ward_code = models.CharField(_("mã xã/phường"), max_length=10)
    ward_name = models.CharField(_("xã/phường"), max_length=100)
    representative = models.CharField(_("người đại diện"), max_length=200)
    phone = models.CharField(_("điện thoại"), max_length=20)
    email = models.EmailField(_("email"))
    status = models.CharField(max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PENDING)
    reason = models.TextField(_("lý do"), blank=True)
    producer = models.ForeignKey("producers.Producer", null=True, blank=True, related_name="+",
                                 on_delete=models.SET_NULL)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+",
                                    on_delete=models.SET_NULL)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        verbose_name = _("đơn đăng ký chủ thể")
        verbose_name_plural = _("đơn đăng ký chủ thể")


class ProducerInvitation(models.Model):
    """An e-mailed link to set a password and join a producer (as owner when the centre invites)."""

    producer = models.ForeignKey("producers.Producer", related_name="invitations", on_delete=models.CASCADE)
    email = models.EmailField(_("email"))
    role = models.CharField(max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL)
    accepted_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-pk")


class ProductRevision(models.Model):
    """Pending changes to an APPROVED product's name, prices or images; the live version stays until approval."""

    product = models.ForeignKey("catalog.Product", related_name="revisions", on_delete=models.CASCADE)
    status = models.CharField(max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PENDING)
    name = models.CharField(_("tên sản phẩm"), max_length=250, blank=True)
    prices = models.JSONField(default=dict, blank=True, help_text="{variant_id: price_amount}")
    remove_media_ids = models.JSONField(default=list, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+",
                                    on_delete=models.SET_NULL)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        constraints = [models.UniqueConstraint(fields=["product"], condition=models.Q(status="pending"),
                                               name="one_pending_revision_per_product")]


class PendingImage(models.Model):
    """A validated image not yet public (draft product or pending revision); kept in private storage
    and turned into a ProductMedia (through catalog.media.media_create) on approval."""

    product = models.ForeignKey("catalog.Product", related_name="pending_images", on_delete=models.CASCADE)
    revision = models.ForeignKey(ProductRevision, null=True, blank=True, related_name="images",
                                 on_delete=models.CASCADE)
    file = models.FileField(storage=private_storage, upload_to="pending-images/")
    content_type = models.CharField(max_length=32)
    alt = models.CharField(max_length=250, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("pk",)


class CertificateUpload(models.Model):
    """A scanned OCOP certificate sent by a producer; the centre verifies it into an OcopCertificate."""

    product = models.ForeignKey("catalog.Product", related_name="certificate_uploads", on_delete=models.CASCADE)
    file = models.FileField(storage=private_storage, upload_to="certificate-scans/")
    content_type = models.CharField(max_length=32)
    size = models.PositiveIntegerField(default=0)
    note = models.TextField(_("ghi chú"), blank=True)
    status = models.CharField(max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PENDING)
    reason = models.TextField(_("lý do"), blank=True)
    certificate = models.ForeignKey("certification.OcopCertificate", null=True, blank=True, related_name="uploads",
                                    on_delete=models.SET_NULL)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+",
                                    on_delete=models.SET_NULL)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created_at", "-pk")


class CommissionRate(models.Model):
    """The centre's commission on a channel's net sales, in basis points (1000 = 10 %)."""

    channel = models.OneToOneField("channels.Channel", related_name="commission_rate", on_delete=models.CASCADE)
    rate_bp = models.PositiveIntegerField(_("hoa hồng (phần vạn)"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, related_name="+", on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(rate_bp__lte=10000), name="commission_rate_max_100")]
