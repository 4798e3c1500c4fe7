"""Cycles and registration: a producer registers a product (phiếu đăng ký) and uploads its dossier; the
commune officer checks completeness and forwards it to the province or returns it with a reason.
A renewal (before the certificate expires) is lighter: fewer documents and straight to the province."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Category, Product
from certification.models import CertificateStatus, OcopCertificate
from certification.services import add_months
from core.errors import DomainError, FieldError, PermissionDenied, ValidationFailed
from producers.models import Producer

from .. import access
from ..models import (
    Cycle,
    DocumentKind,
    Dossier,
    DossierDocument,
    DossierKind,
    DossierStatus,
    DossierStatusChange,
    RewardRate,
)
from .common import as_file, clean_reason, read_document, transition

REQUIRED_DOCUMENTS: dict[str, tuple[str, ...]] = {
    DossierKind.NEW: (DocumentKind.BUSINESS_REGISTRATION, DocumentKind.QUALITY, DocumentKind.LABEL,
                      DocumentKind.STORY, DocumentKind.PHOTO),
    DossierKind.RENEWAL: (DocumentKind.QUALITY, DocumentKind.LABEL),
}
RENEWAL_WINDOW_MONTHS = 6
EDITABLE = (DossierStatus.DRAFT, DossierStatus.RETURNED)
OPEN_STATUSES = [s for s in DossierStatus.values if s not in (DossierStatus.NOT_CERTIFIED, DossierStatus.CERTIFIED)]
# The plan's rewards (10 / 20 / 100 million đồng for 3★ / 4★ / 5★), used when a year has no rates yet.
PLAN_REWARDS = {3: 10_000_000, 4: 20_000_000, 5: 100_000_000}


@transaction.atomic
def cycle_create(*, user, year: int, name: str, opens_on: dt.date, closes_on: dt.date, ends_on: dt.date,
                 target_certified: int, is_demo: bool = False) -> Cycle:
    """A new annual cycle; reward rates are carried over from the last year that has them (else the plan's)."""
    access.require_office(user)
    errors = []
    if Cycle.objects.filter(year=year).exists():
        errors.append(FieldError("year", "UNIQUE", _("Đã có chu trình năm %(y)s.") % {"y": year}))
    if closes_on < opens_on or ends_on < closes_on:
        errors.append(FieldError("closes_on", "INVALID_DATE", _("Ngày mở, hạn đăng ký và ngày kết thúc phải theo thứ tự.")))
    if target_certified < 0:
        errors.append(FieldError("target_certified", "INVALID", _("Mục tiêu không được âm.")))
    if errors:
        raise ValidationFailed(errors)
    cycle = Cycle.objects.create(year=year, name=name.strip() or f"OCOP {year}", opens_on=opens_on,
                                 closes_on=closes_on, ends_on=ends_on, target_certified=target_certified)
    if not RewardRate.objects.filter(year=year).exists():
        last = RewardRate.objects.filter(year__lt=year).order_by("-year").values_list("year", flat=True).first()
        rates = ({r.stars: r.amount for r in RewardRate.objects.filter(year=last)} if last else PLAN_REWARDS)
        RewardRate.objects.bulk_create([
            RewardRate(year=year, stars=s, amount=a, is_demo=is_demo or last is None,
                       basis=_("Theo năm %(y)s") % {"y": last} if last else _("Mức của Kế hoạch OCOP tỉnh (demo)"))
            for s, a in rates.items()])
    return cycle


def open_cycle(today: dt.date | None = None) -> Cycle | None:
    today = today or timezone.localdate()
    return Cycle.objects.filter(opens_on__lte=today, closes_on__gte=today).order_by("-year").first()


@transaction.atomic
def dossier_register(*, user, producer: Producer, product: Product, group: Category | None, description: str = "",
                     cycle: Cycle | None = None, renewal_of: OcopCertificate | None = None,
                     today: dt.date | None = None) -> Dossier:
    """A producer member registers one of its own products in the open cycle."""
    today = today or timezone.localdate()
    if not producer.memberships.filter(user_id=getattr(user, "pk", None)).exists():
        raise PermissionDenied(_("Bạn không phải thành viên của chủ thể này."))
    cycle = cycle or open_cycle(today)
    errors: list[FieldError] = []
    if cycle is None or not cycle.opens_on <= today <= cycle.closes_on:
        errors.append(FieldError("cycle", "INVALID", _("Hiện không có chu trình OCOP nào đang nhận đăng ký.")))
    if product.producer_id != producer.pk:
        errors.append(FieldError("product", "NOT_FOUND", _("Không tìm thấy sản phẩm.")))
    if group is None:
        errors.append(FieldError("group", "REQUIRED", _("Hãy chọn nhóm/phân nhóm sản phẩm OCOP.")))
    if renewal_of is not None:
        window_end = add_months(today, RENEWAL_WINDOW_MONTHS)
        if renewal_of.product_id != product.pk or renewal_of.status != CertificateStatus.VALID:
            errors.append(FieldError("renewal_of", "INVALID", _("Chỉ gia hạn được chứng nhận còn hiệu lực của chính sản phẩm này.")))
        elif renewal_of.expires_on > window_end:
            errors.append(FieldError("renewal_of", "INVALID", _("Chỉ đăng ký đánh giá lại trong %(m)s tháng trước khi chứng nhận hết hạn (%(d)s).")
                                     % {"m": RENEWAL_WINDOW_MONTHS, "d": renewal_of.expires_on.strftime("%d/%m/%Y")}))
    if cycle and not errors and Dossier.objects.filter(cycle=cycle, product=product,
                                                       status__in=OPEN_STATUSES).exists():
        errors.append(FieldError("product", "ALREADY_EXISTS", _("Sản phẩm này đã có hồ sơ trong chu trình năm %(y)s.")
                                 % {"y": cycle.year}))
    if errors:
        raise ValidationFailed(errors)
    dossier = Dossier.objects.create(
        cycle=cycle, producer=producer, product=product, group=group, description=(description or "").strip()[:5000],
        ward_code=producer.ward_code, ward_name=producer.ward_name, created_by=user,
        kind=DossierKind.RENEWAL if renewal_of else DossierKind.NEW, previous_certificate=renewal_of)
    DossierStatusChange.objects.create(dossier=dossier, from_status="", to_status=DossierStatus.DRAFT,
                                       reason=_("Đăng ký sản phẩm."), user=user)
    return dossier


def _require_own(user, dossier: Dossier) -> None:
    if not dossier.producer.memberships.filter(user_id=getattr(user, "pk", None)).exists():
        raise PermissionDenied(_("Bạn không phải thành viên của chủ thể này."))


@transaction.atomic
def document_add(*, user, dossier: Dossier, kind: str, upload, note: str = "") -> DossierDocument:
    _require_own(user, dossier)
    if kind not in DocumentKind.values:
        raise DomainError(_("Loại giấy tờ không hợp lệ."), field="kind", code="INVALID")
    if dossier.status not in EDITABLE:
        raise DomainError(_("Hồ sơ đã nộp, không thể thêm giấy tờ."), field="dossier", code="INVALID_STATUS")
    data, content_type, ext = read_document(upload, label=DocumentKind(kind).label)
    doc = DossierDocument(dossier=dossier, kind=kind, content_type=content_type, size=len(data),
                          note=(note or "").strip()[:255], uploaded_by=user)
    doc.file.save(f"{dossier.pk}-{kind}.{ext}", as_file(data, f"{kind}.{ext}"), save=False)
    doc.save()
    return doc


def missing_documents(dossier: Dossier) -> list[str]:
    have = set(dossier.documents.values_list("kind", flat=True))
    return [k for k in REQUIRED_DOCUMENTS[dossier.kind] if k not in have]


@transaction.atomic
def dossier_submit(*, user, dossier: Dossier) -> Dossier:
    """Send the dossier to the commune (a renewal goes straight to the province)."""
    _require_own(user, dossier)
    missing = missing_documents(dossier)
    if missing:
        raise DomainError(_("Hồ sơ còn thiếu: %(d)s.") % {"d": ", ".join(str(DocumentKind(k).label) for k in missing)},
                          field="documents", code="REQUIRED")
    to = DossierStatus.FORWARDED if dossier.kind == DossierKind.RENEWAL else DossierStatus.SUBMITTED
    return transition(dossier, to=to, allowed_from=EDITABLE, user=user, reason=_("Chủ thể nộp hồ sơ."),
                      submitted_at=timezone.now())


@transaction.atomic
def dossier_forward(*, user, dossier_id: int, note: str = "") -> Dossier:
    """The commune officer found the dossier complete and sends it to the province."""
    dossier = access.officer_dossier(user, dossier_id)
    missing = missing_documents(dossier)
    if missing:
        raise DomainError(_("Hồ sơ còn thiếu: %(d)s.") % {"d": ", ".join(str(DocumentKind(k).label) for k in missing)},
                          field="documents", code="REQUIRED")
    return transition(dossier, to=DossierStatus.FORWARDED, allowed_from=(DossierStatus.SUBMITTED,), user=user,
                      reason=(note or "").strip() or _("Xã xác nhận hồ sơ đầy đủ."))


@transaction.atomic
def dossier_return(*, user, dossier_id: int, reason: str) -> Dossier:
    dossier = access.officer_dossier(user, dossier_id)
    reason = clean_reason(reason)
    return transition(dossier, to=DossierStatus.RETURNED, allowed_from=(DossierStatus.SUBMITTED,), user=user,
                      reason=reason)
