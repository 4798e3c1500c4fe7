"""The daily certificate job: expire certificates past their date (the product leaves every
channel at once, since the listing gate only accepts valid, unexpired certificates) and remind
producers by e-mail 30 days before expiry, once per certificate."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from producers.models import MemberRole

from .models import CertificateStatus, CertificateStatusChange, OcopCertificate
from .signals import certificates_status_changed

logger = logging.getLogger(__name__)


def certificates_expire(today: dt.date | None = None) -> dict[str, int]:
    """Mark VALID certificates with `expires_on <= today` as EXPIRED and record the change.

    Returns {"expired": certificates, "products": distinct products}. Safe to run concurrently:
    rows are locked and already-changed rows are skipped.
    """
    day = today or timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        certificates = list(
            OcopCertificate.objects.select_for_update(skip_locked=True)
            .filter(status=CertificateStatus.VALID, expires_on__lte=day)
            .order_by("pk")
        )
        reason = _("Hết hạn ngày %(date)s (36 tháng kể từ ngày cấp).")
        for cert in certificates:
            cert.status = CertificateStatus.EXPIRED
            cert.status_reason = reason % {"date": cert.expires_on.strftime("%d/%m/%Y")}
            cert.updated_at = now
        OcopCertificate.objects.bulk_update(certificates, ["status", "status_reason", "updated_at"])
        CertificateStatusChange.objects.bulk_create([
            CertificateStatusChange(certificate=cert, from_status=CertificateStatus.VALID,
                                    to_status=CertificateStatus.EXPIRED, reason=cert.status_reason)
            for cert in certificates
        ])
        product_ids = sorted({cert.product_id for cert in certificates})
        if certificates:
            transaction.on_commit(lambda: certificates_status_changed.send(
                sender=OcopCertificate, certificate_ids=[c.pk for c in certificates], product_ids=product_ids,
                to_status=CertificateStatus.EXPIRED))
    if certificates:
        logger.info("Expired %s OCOP certificates (%s products)", len(certificates), len(product_ids))
    return {"expired": len(certificates), "products": len(product_ids)}


def reminder_recipients(certificate: OcopCertificate) -> list[str]:
    """The producer's e-mail and its owners' e-mails (deduplicated, in that order)."""
    producer = certificate.product.producer
    emails = [producer.email] if producer.email else []
    emails += [m.user.email for m in producer.memberships.all() if m.role == MemberRole.OWNER and m.user.is_active]
    return list(dict.fromkeys(e for e in emails if e))


def _reminder_message(certificate: OcopCertificate) -> tuple[str, str]:
    product = certificate.product
    with translation.override("vi"):
        expires = date_format(certificate.expires_on, "d/m/Y")
        subject = _("Chứng nhận OCOP của \"%(product)s\" hết hạn ngày %(date)s") % {
            "product": product.name, "date": expires}
        body = _(
            "Kính gửi %(producer)s,\n\n"
            "Giấy chứng nhận OCOP số %(number)s (%(stars)s sao, quyết định %(decision)s) của sản phẩm "
            "\"%(product)s\" sẽ hết hạn vào ngày %(date)s.\n\n"
            "Sau ngày này sản phẩm sẽ tự động ngừng hiển thị và ngừng bán trên mọi kênh (cửa hàng trực "
            "tuyến, showroom, quầy siêu thị, hội chợ) cho đến khi có chứng nhận mới.\n"
            "Vui lòng nộp hồ sơ đánh giá lại theo hướng dẫn của Hội đồng OCOP và gửi chứng nhận mới cho "
            "Trung tâm Xúc tiến Thương mại Thanh Hóa.\n\n"
            "Trân trọng,\nOCOP Thanh Hóa"
        ) % {"producer": product.producer.name, "number": certificate.certificate_number,
             "stars": certificate.stars, "decision": certificate.decision_number, "product": product.name,
             "date": expires}
    return subject, body


def certificates_send_reminders(today: dt.date | None = None) -> dict[str, int]:
    """E-mail producers whose valid certificate expires within the reminder window (30 days).

    Each certificate is reminded once (`reminder_sent_at`); a certificate whose producer has no
    e-mail address is counted as skipped and retried on a later run.
    """
    day = today or timezone.localdate()
    window_end = day + dt.timedelta(days=settings.CERTIFICATE_REMINDER_DAYS)
    candidates = list(
        OcopCertificate.objects.filter(status=CertificateStatus.VALID, reminder_sent_at__isnull=True,
                                       expires_on__gt=day, expires_on__lte=window_end)
        .values_list("pk", flat=True).order_by("expires_on", "pk")
    )
    sent = skipped = 0
    for pk in candidates:
        with transaction.atomic():
            cert = (OcopCertificate.objects.select_for_update(skip_locked=True, of=("self",))
                    .select_related("product__producer").filter(pk=pk, reminder_sent_at__isnull=True).first())
            if cert is None:
                continue
            recipients = reminder_recipients(cert)
            if not recipients:
                skipped += 1
                continue
            subject, body = _reminder_message(cert)
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
            OcopCertificate.objects.filter(pk=cert.pk).update(reminder_sent_at=timezone.now())
            sent += 1
    return {"sent": sent, "skipped_no_email": skipped}
