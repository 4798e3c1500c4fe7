"""Read models for the public trace pages and staff lists (bounded queries, no N+1)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.gate import current_certificate
from catalog.models import Product, ProductVariant
from certification.models import CertificateStatus, OcopCertificate

from . import digital_link as dl
from .models import Batch, Stamp, TraceEvent

STEP_LABELS = {
    "commissioning": gettext_lazy("Đóng gói, dán tem tại cơ sở sản xuất"),
    "shipping": gettext_lazy("Xuất kho, đang vận chuyển"),
    "receiving": gettext_lazy("Nhập kho tại điểm bán"),
    "retail_selling": gettext_lazy("Đã bán cho người tiêu dùng"),
    "stocking": gettext_lazy("Trả lại quầy hàng"),
    "decommissioning": gettext_lazy("Tem bị huỷ"),
}
# Certificate statuses as shown on the trace page (same words as certification's choices).
CERT_STATUS_WORDS = (gettext_lazy("Còn hiệu lực"), gettext_lazy("Tạm đình chỉ"), gettext_lazy("Thu hồi"))


def step_label(biz_step: str) -> str:
    return str(STEP_LABELS[biz_step]) if biz_step in STEP_LABELS else biz_step


@dataclass
class TimelineItem:
    when: dt.datetime
    biz_step: str
    label: str
    place: str
    quantity: int | None


@dataclass
class CertificateView:
    certificate: OcopCertificate | None
    is_valid: bool
    status_label: str


@dataclass
class TracePage:
    variant: ProductVariant
    product: Product
    batch: Batch | None = None
    stamp: Stamp | None = None
    certificate: CertificateView | None = None
    documents: list = field(default_factory=list)
    timeline: list[TimelineItem] = field(default_factory=list)


def certificate_view(product: Product) -> CertificateView:
    cert = current_certificate(product)
    if cert is None:
        return CertificateView(None, False, _("Chưa có chứng nhận OCOP"))
    today = timezone.localdate()
    if cert.status == CertificateStatus.VALID and cert.expires_on <= today:
        return CertificateView(cert, False, _("Hết hạn"))
    is_valid = cert.status == CertificateStatus.VALID and cert.issued_on <= today
    return CertificateView(cert, is_valid, str(CertificateStatus(cert.status).label))


def variant_by_gtin(gtin14: str) -> ProductVariant | None:
    gtin13 = gtin14[1:] if gtin14.startswith("0") else None
    if gtin13 is None:
        return None
    return (ProductVariant.objects.select_related("product__producer", "product__category")
            .filter(gtin=gtin13).first())


def batch_for(variant: ProductVariant, lot: str) -> Batch | None:
    return Batch.objects.filter(variant=variant, lot_code=lot).first()


def stamp_for(serial: str) -> Stamp | None:
    return (Stamp.objects.select_related("batch__variant__product__producer", "batch__producer")
            .filter(serial=serial).first())


def _timeline(events: QuerySet[TraceEvent]) -> list[TimelineItem]:
    items = []
    for e in events.select_related("warehouse", "batch__producer").defer("serials"):
        if e.warehouse is not None:
            place = e.warehouse.name
            if e.warehouse.ward_name:
                place += f" ({e.warehouse.ward_name}, {e.warehouse.province_name})"
        elif e.biz_step in ("commissioning", "decommissioning"):
            place = e.batch.producer.name
        else:
            place = ""
        items.append(TimelineItem(when=e.event_time, biz_step=e.biz_step, label=step_label(e.biz_step), place=place,
                                  quantity=e.quantity))
    return items


def batch_timeline(batch: Batch) -> list[TimelineItem]:
    return _timeline(TraceEvent.objects.filter(batch=batch).filter(
        Q(quantity__isnull=False) | Q(biz_step="commissioning")).order_by("event_time", "pk"))


def stamp_timeline(stamp: Stamp) -> list[TimelineItem]:
    """The stamp's own events plus its batch's class-level movements."""
    return _timeline(TraceEvent.objects.filter(batch_id=stamp.batch_id).filter(
        Q(quantity__isnull=False) | Q(serials__contains=[stamp.serial])).order_by("event_time", "pk"))


def batch_page(variant: ProductVariant, batch: Batch, stamp: Stamp | None = None) -> TracePage:
    page = TracePage(variant=variant, product=variant.product, batch=batch, stamp=stamp)
    page.certificate = certificate_view(variant.product)
    page.documents = list(batch.documents.all())
    page.timeline = stamp_timeline(stamp) if stamp is not None else batch_timeline(batch)
    return page


def public_batches(product: Product) -> list[Batch]:
    batches = list(Batch.objects.filter(variant__product=product).select_related("variant")
                   .order_by("-production_date", "-pk")[:20])
    for b in batches:
        b.trace_path = dl.build_path(gtin=b.variant.gtin, lot=b.lot_code)
    return batches
