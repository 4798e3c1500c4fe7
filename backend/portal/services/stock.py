"""Producers' stock: change it only at their own stores (through inventory.services), see it
elsewhere (showrooms, fairs) read-only, and ask for consignment transfers to a showroom
(draft consignment StockTransfers through inventory.transfers)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from catalog.models import ProductVariant
from core.errors import DomainError, NotFound
from inventory import services as inventory
from inventory.models import Stock, StockTransfer, TransferKind, Warehouse, WarehouseKind
from inventory.thresholds import threshold_delete, threshold_set
from inventory.transfers import TransferLineInput, transfer_create
from producers.models import Producer

CONSIGNMENT_KINDS = (WarehouseKind.SHOWROOM, WarehouseKind.DISPLAY_CENTRE, WarehouseKind.SUPERMARKET,
                     WarehouseKind.EVENT_STAND)


def own_warehouses(producer: Producer) -> list[Warehouse]:
    return list(Warehouse.objects.filter(producer=producer, is_active=True).order_by("name"))


def own_warehouse(producer: Producer, warehouse_id) -> Warehouse:
    try:
        return Warehouse.objects.get(pk=int(warehouse_id), producer=producer)
    except (Warehouse.DoesNotExist, TypeError, ValueError):
        raise NotFound(_("Không tìm thấy kho của bạn."), field="warehouse") from None


@dataclass
class StockRow:
    warehouse_id: int
    warehouse_name: str
    warehouse_kind: str
    variant_id: int
    sku: str
    product_name: str
    variant_name: str
    quantity: int
    allocated: int
    editable: bool


def stock_rows(producer: Producer) -> list[StockRow]:
    """Every stock of the producer's goods, anywhere; only their own stores are editable."""
    qs = (Stock.objects.filter(product_variant__product__producer=producer)
          .select_related("warehouse", "product_variant__product")
          .order_by("warehouse__name", "product_variant__sku"))
    return [StockRow(s.warehouse_id, s.warehouse.name, s.warehouse.kind, s.product_variant_id,
                     s.product_variant.sku, s.product_variant.product.name, s.product_variant.name, s.quantity,
                     s.quantity_allocated, s.warehouse.producer_id == producer.pk) for s in qs]


def _variant(producer: Producer, variant_id) -> ProductVariant:
    try:
        return ProductVariant.objects.get(pk=int(variant_id), product__producer=producer)
    except (ProductVariant.DoesNotExist, TypeError, ValueError):
        raise NotFound(_("Không tìm thấy phân loại sản phẩm."), field="variant") from None


def _quantity(value, field: str = "quantity", *, allow_zero: bool = False) -> int:
    try:
        qty = int(value)
    except (TypeError, ValueError):
        raise DomainError(_("Số lượng phải là số nguyên."), field=field, code="INVALID_QUANTITY") from None
    if qty < 0 or (qty == 0 and not allow_zero):
        raise DomainError(_("Số lượng phải lớn hơn 0.") if not allow_zero else _("Số lượng không được âm."),
                          field=field, code="INVALID_QUANTITY")
    return qty


@transaction.atomic
def stock_set(*, user, producer: Producer, warehouse_id, variant_id, quantity, note: str = ""):
    """Count adjustment at the producer's own store."""
    wh = own_warehouse(producer, warehouse_id)
    variant = _variant(producer, variant_id)
    return inventory.stock_adjust(variant_id=variant.pk, warehouse_id=wh.pk, new_quantity=_quantity(
        quantity, allow_zero=True), user=user, note=note or _("Chủ thể kiểm kê"),
        ref=inventory.Ref("portal", producer.pk))


@transaction.atomic
def stock_add(*, user, producer: Producer, warehouse_id, variant_id, quantity, note: str = ""):
    """Goods produced/received at the producer's own store."""
    wh = own_warehouse(producer, warehouse_id)
    variant = _variant(producer, variant_id)
    return inventory.stock_receive(variant_id=variant.pk, warehouse_id=wh.pk, quantity=_quantity(quantity),
                                   user=user, note=note or _("Chủ thể nhập kho"),
                                   ref=inventory.Ref("portal", producer.pk))


@transaction.atomic
def stock_threshold_set(*, user, producer: Producer, warehouse_id, variant_id, quantity, note: str = ""):
    """The level under which the producer is alerted for a product at their own store (0 = no alert)."""
    wh = own_warehouse(producer, warehouse_id)
    variant = _variant(producer, variant_id)
    qty = _quantity(quantity, allow_zero=True)
    if qty == 0:
        return threshold_delete(variant_id=variant.pk, warehouse_id=wh.pk)
    return threshold_set(variant_id=variant.pk, warehouse_id=wh.pk, threshold=qty)


def consignment_destinations() -> list[Warehouse]:
    return list(Warehouse.objects.filter(kind__in=CONSIGNMENT_KINDS, producer__isnull=True, is_active=True)
                .order_by("name"))


@transaction.atomic
def consignment_request(*, user, producer: Producer, source_id, destination_id, variant_id, quantity,
                        note: str = "") -> StockTransfer:
    """Ask to move goods from the producer's store to a showroom/fair: a DRAFT consignment transfer
    (inventory.transfers) that the centre ships and receives; nothing moves until then."""
    source = own_warehouse(producer, source_id)
    try:
        dest = Warehouse.objects.get(pk=int(destination_id), kind__in=CONSIGNMENT_KINDS, producer__isnull=True,
                                     is_active=True)
    except (Warehouse.DoesNotExist, TypeError, ValueError):
        raise NotFound(_("Điểm nhận ký gửi không hợp lệ."), field="destination") from None
    variant = _variant(producer, variant_id)
    qty = _quantity(quantity)
    available = inventory.available_in_warehouse(variant.pk, source.pk)
    if qty > available:
        raise DomainError(_("Số lượng ký gửi vượt tồn có thể dùng tại kho (%(n)s).") % {"n": available},
                          field="quantity", code="INSUFFICIENT_STOCK")
    return transfer_create(source_id=source.pk, destination_id=dest.pk, lines=[TransferLineInput(variant.pk, qty)],
                           kind=TransferKind.CONSIGNMENT, user=user, note=(note or "").strip()[:2000])


def consignment_transfers(producer: Producer):
    return (StockTransfer.objects.filter(kind=TransferKind.CONSIGNMENT, source__producer=producer)
            .select_related("destination").prefetch_related("lines__product_variant__product")[:20])
