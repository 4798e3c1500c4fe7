"""Stock transfers between warehouses (and consignment from a producer store to a point of sale):
draft → shipped (TRANSFER_OUT at the source) → received (TRANSFER_IN at the destination with
per-line received / damaged / missing quantities)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import (
    DuplicateLine,
    InsufficientStock,
    InvalidQuantity,
    InvalidStatus,
    ReceiveExceedsShipped,
    SameWarehouse,
)
from .hooks import stocks_changed
from .locks import lock_stocks
from .models import (
    MovementReason,
    Stock,
    StockTransfer,
    StockTransferLine,
    TransferKind,
    TransferStatus,
    WarehouseKind,
)
from .primitives import (
    Ref,
    active_warehouse,
    apply_movement,
    check_qty,
    ensure_variant,
    stock_get_or_create,
    user_or_none,
)


@dataclass(frozen=True)
class TransferLineInput:
    variant_id: int
    quantity: int


@dataclass(frozen=True)
class ReceiveLineInput:
    line_id: int
    quantity_received: int
    quantity_damaged: int = 0


def _ref(transfer: StockTransfer) -> Ref:
    return Ref("stock_transfer", transfer.pk)


def _locked_transfer(transfer_id: int) -> StockTransfer:
    transfer = StockTransfer.objects.select_for_update().filter(pk=transfer_id).first()
    if transfer is None:
        raise InvalidStatus(_("Không tìm thấy phiếu chuyển kho."), field="id", code="NOT_FOUND")
    return transfer


@transaction.atomic
def transfer_create(*, source_id: int, destination_id: int, lines: Sequence[TransferLineInput | tuple[int, int]],
                    kind: str = TransferKind.TRANSFER, user=None, note: str = "") -> StockTransfer:
    """A draft transfer. Consignment (`kind="consignment"`) must leave from a producer store."""
    source = active_warehouse(source_id, "source")
    destination = active_warehouse(destination_id, "destination")
    if source.pk == destination.pk:
        raise SameWarehouse()
    if kind not in TransferKind.values:
        raise InvalidStatus(_("Loại phiếu chuyển không hợp lệ."), field="kind", code="INVALID")
    if kind == TransferKind.CONSIGNMENT and source.kind != WarehouseKind.PRODUCER_STORE:
        raise InvalidStatus(_("Hàng ký gửi phải xuất từ cửa hàng của chủ thể."), field="source", code="INVALID")
    items = [li if isinstance(li, TransferLineInput) else TransferLineInput(*li) for li in lines]
    if not items:
        raise InvalidQuantity(_("Phiếu chuyển phải có ít nhất một dòng hàng."), field="lines")
    seen: set[int] = set()
    for item in items:
        ensure_variant(item.variant_id, field="lines")
        check_qty(item.quantity, field="lines")
        if item.variant_id in seen:
            raise DuplicateLine()
        seen.add(item.variant_id)
    transfer = StockTransfer.objects.create(kind=kind, source=source, destination=destination, note=note,
                                            created_by=user_or_none(user))
    StockTransferLine.objects.bulk_create([StockTransferLine(transfer=transfer, product_variant_id=i.variant_id,
                                                             quantity=i.quantity) for i in items])
    return transfer


@transaction.atomic
def transfer_ship(*, transfer_id: int, user=None) -> StockTransfer:
    """The goods leave the source: one TRANSFER_OUT per line, all or nothing."""
    transfer = _locked_transfer(transfer_id)
    if transfer.status != TransferStatus.DRAFT:
        raise InvalidStatus(_("Phiếu chuyển đã được xuất hoặc đã đóng; không thể xuất lại."), field="id")
    lines = list(transfer.lines.all())
    stocks = {s.product_variant_id: s for s in Stock.objects.filter(
        warehouse_id=transfer.source_id, product_variant_id__in=[li.product_variant_id for li in lines])}
    missing = [{"variant_id": li.product_variant_id, "warehouse_id": transfer.source_id, "available": 0,
                "requested": li.quantity} for li in lines if li.product_variant_id not in stocks]
    if missing:
        raise InsufficientStock(missing, field="lines")
    locked = lock_stocks(s.pk for s in stocks.values())
    for line in lines:
        stock = locked[stocks[line.product_variant_id].pk]
        apply_movement(stock, -line.quantity, MovementReason.TRANSFER_OUT, ref=_ref(transfer), user=user,
               note=_("Chuyển đến %(wh)s") % {"wh": transfer.destination.name})
    transfer.status = TransferStatus.SHIPPED
    transfer.shipped_by = user_or_none(user)
    transfer.shipped_at = timezone.now()
    transfer.save(update_fields=["status", "shipped_by", "shipped_at"])
    stocks_changed(locked.values())
    return transfer


@transaction.atomic
def transfer_receive(*, transfer_id: int, lines: Sequence[ReceiveLineInput] | None = None, user=None,
                     write_off_damaged: bool = True) -> StockTransfer:
    """The goods arrive. Per line: received + damaged ≤ shipped; the rest is recorded as missing.
    Received and damaged units enter the destination (TRANSFER_IN); damaged ones are then written
    off there (WRITE_OFF), or — with `write_off_damaged=False` — only noted on the line and not
    taken into stock. Lines not given are received in full."""
    transfer = _locked_transfer(transfer_id)
    if transfer.status != TransferStatus.SHIPPED:
        raise InvalidStatus(_("Chỉ nhận được phiếu chuyển đã xuất và chưa nhận."), field="id")
    by_id = {li.pk: li for li in transfer.lines.all()}
    given: dict[int, ReceiveLineInput] = {}
    for item in lines or []:
        if item.line_id not in by_id:
            raise InvalidQuantity(_("Dòng hàng không thuộc phiếu chuyển này."), field="lines")
        if item.line_id in given:
            raise DuplicateLine()
        for value in (item.quantity_received, item.quantity_damaged):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise InvalidQuantity(_("Số nhận và số hỏng phải là số nguyên không âm."), field="lines")
        if item.quantity_received + item.quantity_damaged > by_id[item.line_id].quantity:
            raise ReceiveExceedsShipped()
        given[item.line_id] = item
    plan = []
    for line in by_id.values():
        item = given.get(line.pk) or ReceiveLineInput(line.pk, line.quantity, 0)
        line.quantity_received = item.quantity_received
        line.quantity_damaged = item.quantity_damaged
        line.quantity_missing = line.quantity - item.quantity_received - item.quantity_damaged
        entering = item.quantity_received + (item.quantity_damaged if write_off_damaged else 0)
        plan.append((line, entering))
    stocks = {li.product_variant_id: stock_get_or_create(variant_id=li.product_variant_id,
                                                         warehouse_id=transfer.destination_id)
              for li, entering in plan if entering}
    locked = lock_stocks(s.pk for s in stocks.values())
    source_name = transfer.source.name
    for line, entering in plan:
        if entering:
            stock = locked[stocks[line.product_variant_id].pk]
            apply_movement(stock, entering, MovementReason.TRANSFER_IN, ref=_ref(transfer), user=user,
                   note=_("Nhận từ %(wh)s") % {"wh": source_name})
            if line.quantity_damaged and write_off_damaged:
                apply_movement(stock, -line.quantity_damaged, MovementReason.WRITE_OFF, ref=_ref(transfer), user=user,
                       note=_("Hỏng khi vận chuyển (phiếu CK-%(id)s)") % {"id": transfer.pk})
    StockTransferLine.objects.bulk_update([li for li, _e in plan],
                                          ["quantity_received", "quantity_damaged", "quantity_missing"])
    transfer.status = TransferStatus.RECEIVED
    transfer.received_by = user_or_none(user)
    transfer.received_at = timezone.now()
    transfer.save(update_fields=["status", "received_by", "received_at"])
    stocks_changed(locked.values())
    return transfer


@transaction.atomic
def transfer_cancel(*, transfer_id: int, user=None) -> StockTransfer:
    """Cancel a draft (nothing has moved yet)."""
    transfer = _locked_transfer(transfer_id)
    if transfer.status != TransferStatus.DRAFT:
        raise InvalidStatus(_("Chỉ huỷ được phiếu chuyển còn nháp."), field="id")
    transfer.status = TransferStatus.CANCELLED
    transfer.save(update_fields=["status"])
    return transfer
