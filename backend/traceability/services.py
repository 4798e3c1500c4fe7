"""Traceability business rules: batches, stamp issuing, EPCIS events as things happen, lookups, scans.

Every writer validates first and raises `DomainError` (nothing written) on bad input.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import ProductVariant
from core.errors import DomainError, NotFound

from . import digital_link as dl
from .locations import producer_uri, warehouse_uri
from .models import (
    Batch,
    BatchDocument,
    DocumentKind,
    Stamp,
    StampScan,
    StampScanAlert,
    StampStatus,
    TraceEvent,
)
from .permissions import require_producer

TZ_OFFSET = "+07:00"
SERIAL_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: easy to read aloud
SERIAL_LENGTH = 12  # 31^12 ≈ 2^59 possibilities: unguessable
MAX_ISSUE_PER_CALL = 20_000
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_SIGNATURES = {b"%PDF-": "application/pdf", b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}


class Biz:
    """CBV 2.0 bizStep / disposition pairs used here."""

    COMMISSIONING = ("commissioning", "active")
    SHIPPING = ("shipping", "in_transit")
    RECEIVING = ("receiving", "in_progress")
    RETAIL_SELLING = ("retail_selling", "retail_sold")
    STOCKING = ("stocking", "sellable_accessible")
    DECOMMISSIONING = ("decommissioning", "inactive")


# ---------------------------------------------------------------------------------------------- batches

@dataclass
class BatchInput:
    variant_id: int
    lot_code: str
    production_date: dt.date
    quantity: int
    expiry_date: dt.date | None = None
    origin_commune: str = ""
    origin_farm: str = ""
    origin_cooperative: str = ""
    notes: str = ""


def batch_create(*, user, data: BatchInput) -> Batch:
    """Create a batch for a variant of a producer the user manages."""
    variant = (ProductVariant.objects.select_related("product__producer").filter(pk=data.variant_id).first()
               if data.variant_id else None)
    if variant is None:
        raise NotFound(_("Không tìm thấy phân loại sản phẩm."), field="variant")
    producer = variant.product.producer
    require_producer(user, producer.pk)
    if not variant.gtin:
        raise DomainError(_("Phân loại %(sku)s chưa có mã GTIN nên không thể in tem truy xuất.") % {"sku": variant.sku},
                          field="variant", code="INVALID_GTIN")
    dl.normalise_gtin(variant.gtin, field="variant")
    lot = (data.lot_code or "").strip()
    dl.validate_ai_value(lot, ai="10", field="lotCode")
    if not isinstance(data.quantity, int) or data.quantity <= 0:
        raise DomainError(_("Số lượng của lô phải là số nguyên dương."), field="quantity", code="INVALID_QUANTITY")
    if data.quantity > 10_000_000:
        raise DomainError(_("Số lượng của lô quá lớn."), field="quantity", code="INVALID_QUANTITY")
    if data.production_date is None:
        raise DomainError(_("Hãy nhập ngày sản xuất."), field="productionDate", code="REQUIRED")
    if data.production_date > timezone.localdate():
        raise DomainError(_("Ngày sản xuất không được ở tương lai."), field="productionDate", code="INVALID_DATE")
    if data.expiry_date is not None and data.expiry_date < data.production_date:
        raise DomainError(_("Hạn sử dụng không được trước ngày sản xuất."), field="expiryDate", code="INVALID_DATE")
    if Batch.objects.filter(variant=variant, lot_code=lot).exists():
        raise DomainError(_("Số lô %(lot)s đã tồn tại cho sản phẩm này.") % {"lot": lot}, field="lotCode",
                          code="ALREADY_EXISTS")
    return Batch.objects.create(
        variant=variant, producer=producer, lot_code=lot, production_date=data.production_date,
        expiry_date=data.expiry_date, quantity=data.quantity, origin_commune=data.origin_commune.strip(),
        origin_farm=data.origin_farm.strip(), origin_cooperative=data.origin_cooperative.strip(),
        notes=data.notes.strip(), created_by=user if getattr(user, "is_authenticated", False) else None,
    )


def batch_document_add(*, user, batch: Batch, title: str, upload: UploadedFile,
                       kind: str = DocumentKind.TEST_REPORT) -> BatchDocument:
    """Attach a quality document (PDF, JPEG or PNG, at most 10 MB; content-sniffed)."""
    require_producer(user, batch.producer_id)
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Hãy nhập tên tài liệu."), field="title", code="REQUIRED")
    if kind not in DocumentKind.values:
        raise DomainError(_("Loại tài liệu không hợp lệ."), field="kind", code="INVALID")
    if upload is None:
        raise DomainError(_("Hãy chọn tệp tài liệu."), field="file", code="REQUIRED")
    if upload.size > DOCUMENT_MAX_BYTES:
        raise DomainError(_("Tệp tài liệu lớn hơn 10 MB."), field="file", code="FILE_TOO_LARGE")
    head = upload.read(16)
    upload.seek(0)
    content_type = next((ct for sig, ct in DOCUMENT_SIGNATURES.items() if head.startswith(sig)), None)
    if content_type is None:
        raise DomainError(_("Tài liệu phải là tệp PDF, JPEG hoặc PNG."), field="file", code="INVALID_FILE_TYPE")
    return BatchDocument.objects.create(batch=batch, title=title[:200], kind=kind, file=upload,
                                        content_type=content_type)


def batch_uri(batch: Batch) -> str:
    """The batch's class identifier (LGTIN) as a Digital Link URI: /01/<gtin14>/10/<lot>."""
    return dl.build_uri(gtin=batch.variant.gtin, lot=batch.lot_code)


def stamp_uri(stamp: Stamp, *, batch: Batch | None = None, base_url: str | None = None) -> str:
    b = batch or stamp.batch
    return dl.build_uri(gtin=b.variant.gtin, lot=b.lot_code, serial=stamp.serial, base_url=base_url)


def stamp_uris(batch: Batch, serials: Iterable[str], *, base_url: str | None = None) -> list[str]:
    """Many stamp URIs of one batch, building the shared prefix once."""
    prefix = dl.build_uri(gtin=batch.variant.gtin, lot=batch.lot_code, base_url=base_url) + "/21/"
    return [prefix + dl.encode_value(s) for s in serials]


# ---------------------------------------------------------------------------------------------- events

def _event(*, batch: Batch, biz: tuple[str, str], action: str, when: dt.datetime | None = None,
           read_point: str = "", biz_location: str = "", serials: Sequence[str] = (), quantity: int | None = None,
           warehouse=None, order=None, source: str = "") -> TraceEvent:
    return TraceEvent.objects.create(
        event_id=f"urn:uuid:{uuid.uuid4()}", batch=batch, event_time=when or timezone.now(),
        event_time_zone_offset=TZ_OFFSET, action=action, biz_step=biz[0], disposition=biz[1],
        read_point=read_point, biz_location=biz_location, serials=list(serials), quantity=quantity,
        warehouse=warehouse, order=order, source=source,
    )


def _fifo_batches(variant_id: int, biz_step: str, quantity: int) -> list[tuple[Batch, int]]:
    """Split a class-level quantity over the variant's batches, oldest first (by what each step has
    already counted for it); any excess goes to the newest batch."""
    batches = list(Batch.objects.filter(variant_id=variant_id).order_by("production_date", "pk"))
    if not batches:
        return []
    used = dict(TraceEvent.objects.filter(batch__in=batches, biz_step=biz_step, quantity__isnull=False)
                .values("batch_id").annotate(n=Sum("quantity")).values_list("batch_id", "n"))
    out: list[tuple[Batch, int]] = []
    left = quantity
    for batch in batches:
        room = batch.quantity - (used.get(batch.pk) or 0)
        if room <= 0 or left <= 0:
            continue
        take = min(room, left)
        out.append((batch, take))
        left -= take
    if left > 0:
        out.append((batches[-1], left))
    return out


def _class_events(*, biz: tuple[str, str], quantity: int, warehouse, batch: Batch | None, variant_id: int | None,
                  when: dt.datetime | None, source: str, order=None, at_location: bool) -> list[TraceEvent]:
    if quantity <= 0:
        raise DomainError(_("Số lượng phải lớn hơn 0."), field="quantity", code="INVALID_QUANTITY")
    if source and TraceEvent.objects.filter(source=source).exists():
        return []  # already recorded (idempotent per cause)
    if batch is not None:
        parts = [(batch, quantity)]
    elif variant_id is not None:
        parts = _fifo_batches(variant_id, biz[0], quantity)
    else:
        raise DomainError(_("Cần lô hàng hoặc phân loại sản phẩm."), field="batch", code="REQUIRED")
    read_point = warehouse_uri(warehouse) if warehouse is not None else ""
    return [
        _event(batch=b, biz=biz, action="OBSERVE", when=when, read_point=read_point,
               biz_location=read_point if at_location else "", quantity=q, warehouse=warehouse, order=order,
               source=source)
        for b, q in parts
    ]


def record_shipping(*, quantity: int, warehouse, batch: Batch | None = None, variant_id: int | None = None,
                    when: dt.datetime | None = None, source: str = "") -> list[TraceEvent]:
    """Goods leave `warehouse` (shipping / in_transit). readPoint = the warehouse; no bizLocation while
    in transit (CBV). With only `variant_id`, the quantity is assigned to its batches oldest first."""
    return _class_events(biz=Biz.SHIPPING, quantity=quantity, warehouse=warehouse, batch=batch,
                         variant_id=variant_id, when=when, source=source, at_location=False)


def record_receiving(*, quantity: int, warehouse, batch: Batch | None = None, variant_id: int | None = None,
                     when: dt.datetime | None = None, source: str = "") -> list[TraceEvent]:
    """Goods arrive at `warehouse` (receiving / in_progress); readPoint and bizLocation = the warehouse."""
    return _class_events(biz=Biz.RECEIVING, quantity=quantity, warehouse=warehouse, batch=batch,
                         variant_id=variant_id, when=when, source=source, at_location=True)


def record_sale(*, quantity: int, warehouse, batch: Batch | None = None, variant_id: int | None = None,
                order=None, when: dt.datetime | None = None, source: str = "") -> list[TraceEvent]:
    """Goods sold at `warehouse` (retail_selling / retail_sold)."""
    return _class_events(biz=Biz.RETAIL_SELLING, quantity=quantity, warehouse=warehouse, batch=batch,
                         variant_id=variant_id, when=when, source=source, order=order, at_location=True)


# ---------------------------------------------------------------------------------------------- stamps

@dataclass
class IssueResult:
    batch: Batch
    issue_run: int
    serials: list[str]
    event: TraceEvent


def _new_serials(count: int) -> list[str]:
    out: set[str] = set()
    while len(out) < count:
        need = count - len(out)
        fresh = {"".join(secrets.choice(SERIAL_ALPHABET) for _ in range(SERIAL_LENGTH)) for _ in range(need)}
        fresh -= out
        taken = set(Stamp.objects.filter(serial__in=fresh).values_list("serial", flat=True))
        out |= fresh - taken
    return list(out)


def stamps_issue(*, user, batch_id: int, count: int) -> IssueResult:
    """Issue `count` new serialised stamps for a batch (never more than the batch quantity in total)
    and record their commissioning (EPCIS ObjectEvent ADD, commissioning / active)."""
    if not isinstance(count, int) or count <= 0:
        raise DomainError(_("Số tem cần phát hành phải là số nguyên dương."), field="count", code="INVALID_QUANTITY")
    if count > MAX_ISSUE_PER_CALL:
        raise DomainError(_("Mỗi lần phát hành tối đa %(n)s tem.") % {"n": MAX_ISSUE_PER_CALL}, field="count",
                          code="QUANTITY_GREATER_THAN_LIMIT")
    with transaction.atomic():
        batch = (Batch.objects.select_for_update(of=("self",)).select_related("variant", "producer")
                 .filter(pk=batch_id).first())
        if batch is None:
            raise NotFound(_("Không tìm thấy lô hàng."), field="batch")
        require_producer(user, batch.producer_id)
        remaining = batch.quantity - batch.stamps_issued
        if count > remaining:
            raise DomainError(
                _("Lô %(lot)s có %(qty)s sản phẩm, đã phát hành %(done)s tem; chỉ còn được phát hành %(left)s tem.")
                % {"lot": batch.lot_code, "qty": batch.quantity, "done": batch.stamps_issued, "left": remaining},
                field="count", code="QUANTITY_GREATER_THAN_LIMIT")
        run = (batch.stamps.order_by("-issue_run").values_list("issue_run", flat=True).first() or 0) + 1
        serials = _new_serials(count)
        Stamp.objects.bulk_create([Stamp(batch=batch, serial=s, issue_run=run) for s in serials], batch_size=2000)
        Batch.objects.filter(pk=batch.pk).update(stamps_issued=F("stamps_issued") + count)
        batch.stamps_issued += count
        event = _event(batch=batch, biz=Biz.COMMISSIONING, action="ADD", read_point=producer_uri(batch.producer),
                       biz_location=producer_uri(batch.producer), serials=serials, source=f"issue:{batch.pk}:{run}")
    return IssueResult(batch=batch, issue_run=run, serials=serials, event=event)


def stamps_mark_applied(*, user, batch: Batch, issue_run: int | None = None) -> int:
    """Producer confirms the printed stamps of a run are stuck on the goods (issued → applied)."""
    require_producer(user, batch.producer_id)
    qs = batch.stamps.filter(status=StampStatus.ISSUED)
    if issue_run is not None:
        qs = qs.filter(issue_run=issue_run)
    return qs.update(status=StampStatus.APPLIED)


def _stamp_from(uri_or_serial: str, *, field: str = "uri") -> Stamp | None:
    value = (uri_or_serial or "").strip()
    if "/" in value:
        link = dl.parse(value, field=field)
        if link.serial is None:
            raise DomainError(_("Đường dẫn không chứa số sê-ri của tem."), field=field, code="INVALID")
        stamp = Stamp.objects.select_related("batch__variant__product").filter(serial=link.serial).first()
        if stamp is not None and (stamp.batch.variant.gtin or "").zfill(14) != link.gtin14:
            return None  # serial exists but under another product: a copied or forged code
        if stamp is not None and link.lot is not None and stamp.batch.lot_code != link.lot:
            return None
        return stamp
    dl.validate_ai_value(value, ai="21", field=field)
    return Stamp.objects.select_related("batch__variant__product").filter(serial=value).first()


@dataclass
class StampSale:
    stamp: Stamp | None
    event: TraceEvent | None
    warning: str = ""
    already_sold: bool = False


def stamp_mark_sold(uri_or_serial: str, *, order=None, warehouse=None, strict: bool = True,
                    when: dt.datetime | None = None) -> StampSale:
    """Mark one stamp sold (retail_selling / retail_sold, epcList = the stamp) and link it to `order`.

    `warehouse` defaults to `order.warehouse`. Selling the same stamp again on the SAME order is a
    no-op. A stamp that is unknown, voided or already sold on another order raises DomainError
    (code STAMP_ALREADY_SOLD / STAMP_VOIDED / NOT_FOUND) when `strict`, else returns a warning.
    """
    with transaction.atomic():
        stamp = _stamp_from(uri_or_serial)
        if stamp is not None:
            stamp = Stamp.objects.select_for_update().select_related("batch__variant").get(pk=stamp.pk)
        problem: DomainError | None = None
        if stamp is None:
            problem = NotFound(_("Tem không hợp lệ: không tìm thấy số sê-ri này."), field="uri")
        elif stamp.status == StampStatus.VOIDED:
            problem = DomainError(_("Tem không hợp lệ: tem đã bị huỷ."), field="uri", code="STAMP_VOIDED")
        elif stamp.status == StampStatus.SOLD:
            if order is not None and stamp.order_id == order.pk:
                return StampSale(stamp=stamp, event=None)
            problem = DomainError(_("Tem này đã được bán (lúc %(when)s). Có thể là hàng giả hoặc tem dùng lại.")
                                  % {"when": timezone.localtime(stamp.sold_at).strftime("%d/%m/%Y %H:%M")
                                     if stamp.sold_at else "?"},
                                  field="uri", code="STAMP_ALREADY_SOLD")
        if problem is not None:
            if strict:
                raise problem
            return StampSale(stamp=stamp, event=None, warning=problem.message,
                             already_sold=problem.code == "STAMP_ALREADY_SOLD")
        warehouse = warehouse if warehouse is not None else getattr(order, "warehouse", None)
        now = when or timezone.now()
        Stamp.objects.filter(pk=stamp.pk).update(status=StampStatus.SOLD, sold_at=now, order=order)
        stamp.status, stamp.sold_at, stamp.order = StampStatus.SOLD, now, order
        location = warehouse_uri(warehouse) if warehouse is not None else ""
        event = _event(batch=stamp.batch, biz=Biz.RETAIL_SELLING, action="OBSERVE", when=now, read_point=location,
                       biz_location=location, serials=[stamp.serial], warehouse=warehouse, order=order,
                       source=f"stamp-sale:{stamp.pk}:{order.pk if order is not None else ''}")
    return StampSale(stamp=stamp, event=event)


def stamp_return(uri_or_serial: str, *, warehouse=None, when: dt.datetime | None = None) -> Stamp:
    """A sold item came back (POS return): its stamp is sellable again (stocking / sellable_accessible)."""
    with transaction.atomic():
        stamp = _stamp_from(uri_or_serial)
        if stamp is None:
            raise NotFound(_("Tem không hợp lệ: không tìm thấy số sê-ri này."), field="uri")
        stamp = Stamp.objects.select_for_update(of=("self",)).select_related("batch__variant", "order").get(pk=stamp.pk)
        if stamp.status != StampStatus.SOLD:
            raise DomainError(_("Tem này chưa được bán nên không thể nhận trả."), field="uri", code="INVALID_STATUS")
        order = stamp.order
        if warehouse is None:
            warehouse = getattr(order, "warehouse", None)
        if warehouse is None:  # back where it was sold
            sale = (TraceEvent.objects.filter(batch_id=stamp.batch_id, biz_step=Biz.RETAIL_SELLING[0],
                                              serials__contains=[stamp.serial])
                    .select_related("warehouse").order_by("-pk").first())
            warehouse = sale.warehouse if sale is not None else None
        Stamp.objects.filter(pk=stamp.pk).update(status=StampStatus.APPLIED, sold_at=None, order=None)
        stamp.status, stamp.sold_at, stamp.order = StampStatus.APPLIED, None, None
        location = warehouse_uri(warehouse) if warehouse is not None else ""
        _event(batch=stamp.batch, biz=Biz.STOCKING, action="OBSERVE", when=when, read_point=location,
               biz_location=location, serials=[stamp.serial], warehouse=warehouse, order=order,
               source=f"stamp-return:{stamp.pk}")
    return stamp


def stamps_release_for_order(*, order) -> int:
    """An order was cancelled/returned: its sold stamps are back on the shelf (stocking / sellable)."""
    stamps = list(Stamp.objects.select_related("batch").filter(order=order, status=StampStatus.SOLD))
    if not stamps:
        return 0
    Stamp.objects.filter(pk__in=[s.pk for s in stamps]).update(status=StampStatus.APPLIED, sold_at=None, order=None)
    by_batch: dict[int, list[Stamp]] = {}
    for s in stamps:
        by_batch.setdefault(s.batch_id, []).append(s)
    for group in by_batch.values():
        location = warehouse_uri(order.warehouse) if order.warehouse_id else ""
        _event(batch=group[0].batch, biz=Biz.STOCKING, action="OBSERVE", read_point=location, biz_location=location,
               serials=[s.serial for s in group], warehouse=order.warehouse, order=order,
               source=f"order-release:{order.pk}")
    return len(stamps)


def stamp_void(*, user, stamp: Stamp, reason: str) -> Stamp:
    """Void a stamp (lost, damaged, misprinted): decommissioning / inactive, action DELETE."""
    require_producer(user, stamp.batch.producer_id)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Hãy ghi lý do huỷ tem."), field="reason", code="REQUIRED")
    if stamp.status == StampStatus.VOIDED:
        raise DomainError(_("Tem đã bị huỷ trước đó."), field="stamp", code="INVALID_STATUS")
    if stamp.status == StampStatus.SOLD:
        raise DomainError(_("Không thể huỷ tem của sản phẩm đã bán."), field="stamp", code="INVALID_STATUS")
    now = timezone.now()
    Stamp.objects.filter(pk=stamp.pk).update(status=StampStatus.VOIDED, voided_at=now, void_reason=reason[:255])
    stamp.status, stamp.voided_at, stamp.void_reason = StampStatus.VOIDED, now, reason[:255]
    _event(batch=stamp.batch, biz=Biz.DECOMMISSIONING, action="DELETE", when=now,
           read_point=producer_uri(stamp.batch.producer), serials=[stamp.serial], source=f"void:{stamp.pk}")
    return stamp


# ---------------------------------------------------------------------------------------------- lookups

@dataclass
class StampInfo:
    """What a scanned stamp says: `ok` only for a genuine, unsold, not voided stamp."""

    status: str  # issued | applied | sold | voided | unknown | invalid
    variant: ProductVariant | None = None
    stamp: Stamp | None = None
    warning: str = ""
    link: dl.DigitalLink | None = None
    extra: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status in (StampStatus.ISSUED, StampStatus.APPLIED)


WARN_INVALID = "Tem không hợp lệ"
WARN_SOLD = "Tem này đã được bán"


def stamp_warning(status: str) -> str:
    if status == StampStatus.SOLD:
        return _("Tem này đã được bán") + " — " + _("sản phẩm mang tem này đã được bán trước đây; hãy cảnh giác hàng giả.")
    if status == StampStatus.VOIDED:
        return _("Tem không hợp lệ") + " — " + _("tem đã bị huỷ.")
    if status == "unknown":
        return _("Tem không hợp lệ") + " — " + _("không tìm thấy số sê-ri này trong hệ thống.")
    if status == "invalid":
        return _("Tem không hợp lệ") + " — " + _("mã quét không phải tem truy xuất của OCOP Thanh Hóa.")
    return ""


def stamp_lookup(uri: str) -> StampInfo:
    """Read-only check of a scanned stamp URI (POS, staff, API). Never raises for bad input."""
    try:
        link = dl.parse(uri) if "/" in (uri or "") else None
        if link is not None and link.serial is None:
            return StampInfo(status="invalid", warning=stamp_warning("invalid"), link=link)
        stamp = _stamp_from(uri)
    except DomainError:
        return StampInfo(status="invalid", warning=stamp_warning("invalid"))
    if stamp is None:
        return StampInfo(status="unknown", warning=stamp_warning("unknown"), link=link)
    return StampInfo(status=stamp.status, variant=stamp.batch.variant, stamp=stamp, warning=stamp_warning(stamp.status),
                     link=link)


# ---------------------------------------------------------------------------------------------- scans

def alert_threshold() -> tuple[int, int]:
    """(distinct IP hashes, window in minutes) that raise a StampScanAlert."""
    return (int(getattr(settings, "TRACE_ALERT_DISTINCT_IPS", 5)), int(getattr(settings, "TRACE_ALERT_WINDOW_MINUTES", 1440)))


def ip_hash(ip: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()[:32]


def record_scan(*, link: dl.DigitalLink, stamp: Stamp | None, result: str, ip: str, user_agent: str = "",
                location: str = "") -> StampScanAlert | None:
    """Log one public scan; count it on the stamp; raise an alert when one serial is scanned from
    ≥ N distinct IP hashes within the window (one open alert per serial at a time)."""
    serial = (link.serial or "")[:40]
    StampScan.objects.create(stamp=stamp, serial=serial, gtin14=link.gtin14, ip_hash=ip_hash(ip or ""),
                             user_agent=(user_agent or "")[:255], location=(location or "")[:100], result=result)
    if stamp is not None:
        Stamp.objects.filter(pk=stamp.pk).update(scan_count=F("scan_count") + 1)
    if not serial:
        return None
    threshold, minutes = alert_threshold()
    since = timezone.now() - dt.timedelta(minutes=minutes)
    recent = StampScan.objects.filter(serial=serial, scanned_at__gte=since)
    distinct = recent.values("ip_hash").distinct().count()
    if distinct < threshold:
        return None
    if StampScanAlert.objects.filter(serial=serial, is_resolved=False, last_scan_at__gte=since).exists():
        StampScanAlert.objects.filter(serial=serial, is_resolved=False).update(distinct_ips=distinct,
                                                                              last_scan_at=timezone.now())
        return None
    first = recent.order_by("scanned_at").values_list("scanned_at", flat=True).first()
    return StampScanAlert.objects.create(stamp=stamp, serial=serial, distinct_ips=distinct, window_minutes=minutes,
                                         first_scan_at=first or timezone.now(), last_scan_at=timezone.now())
