"""Star-upgrade support: plans for 3★ products aiming at 4★, with items from the budget rules the plan
cites (Circular 08/2019/TT-BTC: consulting, packaging, testing, promotion…), amounts and progress; the
outcome is recorded when the product's next evaluation is decided."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from certification.models import CertificateStatus, OcopCertificate
from core.errors import DomainError, FieldError, NotFound, ValidationFailed

from .. import access
from ..models import Dossier, SupportKind, UpgradeItem, UpgradePlan, UpgradeStatus

OPEN = (UpgradeStatus.PLANNED, UpgradeStatus.IN_PROGRESS)


@transaction.atomic
def upgrade_plan_create(*, user, certificate: OcopCertificate, year: int, is_demo: bool = False) -> UpgradePlan:
    access.require_office(user)
    if certificate.stars != 3 or certificate.status != CertificateStatus.VALID:
        raise DomainError(_("Chỉ hỗ trợ nâng hạng sản phẩm 3 sao còn hiệu lực."), field="certificate", code="INVALID")
    if UpgradePlan.objects.filter(product=certificate.product, status__in=OPEN).exists():
        raise DomainError(_("Sản phẩm đã có kế hoạch nâng hạng đang thực hiện."), field="certificate",
                          code="ALREADY_EXISTS")
    return UpgradePlan.objects.create(product=certificate.product, certificate=certificate, year=year, is_demo=is_demo)


def _item_errors(kind: str, amount, progress) -> list[FieldError]:
    errors = []
    if kind not in SupportKind.values:
        errors.append(FieldError("kind", "INVALID", _("Nội dung hỗ trợ không hợp lệ.")))
    if not isinstance(amount, int) or amount < 0:
        errors.append(FieldError("amount", "INVALID", _("Kinh phí phải là số tiền (đồng) không âm.")))
    if not isinstance(progress, int) or not 0 <= progress <= 100:
        errors.append(FieldError("progress", "INVALID", _("Tiến độ phải từ 0 đến 100%.")))
    return errors


@transaction.atomic
def upgrade_item_save(*, user, plan_id: int, kind: str, amount: int, progress: int = 0, description: str = "",
                      item_id: int | None = None) -> UpgradeItem:
    access.require_office(user)
    plan = UpgradePlan.objects.select_for_update().filter(pk=plan_id).first()
    if plan is None:
        raise NotFound(_("Không tìm thấy kế hoạch."), field="plan")
    if plan.status not in OPEN:
        raise DomainError(_("Kế hoạch đã có kết quả, không sửa được."), field="plan", code="INVALID_STATUS")
    errors = _item_errors(kind, amount, progress)
    if errors:
        raise ValidationFailed(errors)
    item = plan.items.filter(pk=item_id).first() if item_id else UpgradeItem(plan=plan)
    if item is None:
        raise NotFound(_("Không tìm thấy nội dung hỗ trợ."), field="item")
    item.kind, item.amount, item.progress, item.description = kind, amount, progress, (description or "")[:255]
    item.save()
    if plan.status == UpgradeStatus.PLANNED and progress > 0:
        plan.status = UpgradeStatus.IN_PROGRESS
        plan.save(update_fields=["status"])
    return item


def upgrade_outcome_record(*, dossier: Dossier, stars: int) -> None:
    """Called by the decision on a product: its open plan ends as upgraded (≥ target) or not."""
    for plan in UpgradePlan.objects.select_for_update().filter(product_id=dossier.product_id, status__in=OPEN):
        plan.status = UpgradeStatus.UPGRADED if stars >= plan.target_stars else UpgradeStatus.NOT_UPGRADED
        plan.outcome_dossier = dossier
        plan.save(update_fields=["status", "outcome_dossier"])
