"""OCOP certificates: stars, score, decision, issuing level, validity; history is never overwritten."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

SCORE_BANDS: dict[int, tuple[int, int]] = {1: (0, 29), 2: (30, 49), 3: (50, 69), 4: (70, 89), 5: (90, 100)}
VALIDITY_MONTHS = 36


class IssuingLevel(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    PROVINCE = "province", _("Tỉnh")
    DISTRICT = "district", _("Huyện (trước 2025)")


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Còn hiệu lực")
    EXPIRED = "expired", _("Hết hạn")
    SUSPENDED = "suspended", _("Tạm đình chỉ")
    REVOKED = "revoked", _("Thu hồi")


class OcopCertificate(models.Model):
    product = models.ForeignKey("catalog.Product", related_name="certificates", on_delete=models.PROTECT)
    stars = models.PositiveSmallIntegerField(_("số sao"))
    score = models.PositiveSmallIntegerField(_("điểm"))
    certificate_number = models.CharField(_("số giấy chứng nhận"), max_length=64)
    decision_number = models.CharField(_("số quyết định"), max_length=64)
    decision_date = models.DateField(_("ngày quyết định"))
    issuing_level = models.CharField(_("cấp công nhận"), max_length=16, choices=IssuingLevel.choices)
    group = models.ForeignKey("catalog.Category", related_name="certificates", null=True, blank=True,
                              on_delete=models.SET_NULL, verbose_name=_("nhóm/phân nhóm OCOP"))
    issued_on = models.DateField(_("ngày cấp"))
    expires_on = models.DateField(_("ngày hết hạn"))
    status = models.CharField(_("trạng thái"), max_length=16, choices=CertificateStatus.choices,
                              default=CertificateStatus.VALID)
    status_reason = models.TextField(_("lý do"), blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    scan = models.FileField(_("bản scan"), upload_to="certificates/", blank=True)
    is_demo = models.BooleanField(_("số liệu minh hoạ"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-issued_on", "-pk")
        verbose_name = _("chứng nhận OCOP")
        verbose_name_plural = _("chứng nhận OCOP")
        constraints = [
            models.CheckConstraint(condition=models.Q(stars__gte=1, stars__lte=5), name="cert_stars_1_5"),
            models.CheckConstraint(condition=models.Q(score__lte=100), name="cert_score_0_100"),
            models.CheckConstraint(condition=models.Q(expires_on__gt=models.F("issued_on")), name="cert_dates_order"),
        ]

    def __str__(self) -> str:
        return f"{self.certificate_number} ({self.stars}★)"

    def clean(self) -> None:
        """Stars and score agree (3★ 50–69, 4★ 70–89, 5★ 90–100), dates are ordered, and a
        suspension or revocation says why."""
        errors: dict[str, str] = {}
        band = SCORE_BANDS.get(self.stars) if self.stars is not None else None
        if self.stars is not None and band is None:
            errors["stars"] = _("Số sao phải từ 1 đến 5.")
        elif band and self.score is not None and not band[0] <= self.score <= band[1]:
            errors["score"] = _("Điểm %(score)s không khớp với %(stars)s sao (phải từ %(low)s đến %(high)s).") % {
                "score": self.score, "stars": self.stars, "low": band[0], "high": band[1]}
        if self.issued_on and self.expires_on and self.expires_on <= self.issued_on:
            errors["expires_on"] = _("Ngày hết hạn phải sau ngày cấp.")
        if self.status in (CertificateStatus.SUSPENDED, CertificateStatus.REVOKED) and not self.status_reason.strip():
            errors["status_reason"] = _("Cần ghi lý do tạm đình chỉ hoặc thu hồi.")
        if errors:
            raise ValidationError(errors)


class CertificateStatusChange(models.Model):
    """Append-only history of status changes (who, when, why)."""

    certificate = models.ForeignKey(OcopCertificate, related_name="status_changes", on_delete=models.CASCADE)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    reason = models.TextField(blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at", "pk")
