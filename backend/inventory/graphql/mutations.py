"""Inventory mutations (Saleor: productVariantStocksCreate/Update/Delete, stockBulkUpdate; OCOP:
stockTransferCreate/Ship/Receive, stockCountCreate/Submit/Close). Each runs in one transaction and
returns `errors { field code message }`; a warehouse-scoped user may only touch their own warehouses."""

from __future__ import annotations

import graphene
from django.utils.translation import gettext as _
from graphql_relay import to_global_id

from core.errors import DomainError
from core.graphql import BaseMutation, decode_global_id, error_type, user_from_info

from .. import counts, transfers
from ..errors import InvalidQuantity
from ..models import Stock, StockCount, StockTransfer, TransferKind
from ..services import (
    ensure_variant,
    ensure_warehouse,
    stock_adjust,
    stock_get_or_create,
    stock_receive,
)
from ..thresholds import threshold_delete, threshold_set
from .scope import require_warehouse, scope_for
from .types import StockCountType, StockTransferKindEnum, StockTransferType, StockType

StockError = error_type("StockError", ["SAME_WAREHOUSE", "QUANTITY_GREATER_THAN_SHIPPED"])


class InventoryMutation(BaseMutation):
    class Meta:
        abstract = True

    @classmethod
    def check_permissions(cls, info, **data) -> None:
        scope_for(info)  # anonymous users and users without any warehouse are refused outright


def _variant(gid: str, field: str = "variantId") -> int:
    return ensure_variant(decode_global_id(gid, "ProductVariant", field=field), field=field)


def _warehouse(info, gid: str, field: str = "warehouse") -> int:
    pk = ensure_warehouse(decode_global_id(gid, "Warehouse", field=field), field=field)
    require_warehouse(info, pk, field=field)
    return pk


def _quantity(value, field: str = "quantity", allow_zero: bool = True) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0 or (value == 0 and not allow_zero):
        raise InvalidQuantity(_("Số lượng phải là số nguyên không âm.") if allow_zero else None, field=field)
    return value


def _stocks(pks) -> list[Stock]:
    return list(Stock.objects.select_related("warehouse", "product_variant__product").filter(pk__in=pks)
                .order_by("pk"))


class StockInput(graphene.InputObjectType):
    warehouse = graphene.ID(required=True)
    quantity = graphene.Int(required=True)


class ProductVariantStocksCreate(InventoryMutation):
    """Create stock of a variant in warehouses; a positive quantity is booked as a RECEIPT."""

    class Arguments:
        variant_id = graphene.ID(required=True)
        stocks = graphene.List(graphene.NonNull(StockInput), required=True)

    class Meta:
        error_type_class = StockError

    stocks = graphene.List(graphene.NonNull(StockType))

    @classmethod
    def perform_mutation(cls, root, info, variant_id, stocks):
        vid = _variant(variant_id)
        user = user_from_info(info)
        seen, pks = set(), []
        for item in stocks:
            wid = _warehouse(info, item.warehouse, "stocks")
            qty = _quantity(item.quantity, "stocks")
            if wid in seen or Stock.objects.filter(product_variant_id=vid, warehouse_id=wid).exists():
                raise DomainError(_("Sản phẩm đã có tồn kho tại kho này."), field="stocks", code="UNIQUE")
            seen.add(wid)
            stock = stock_get_or_create(variant_id=vid, warehouse_id=wid)
            if qty:
                stock_receive(variant_id=vid, warehouse_id=wid, quantity=qty, user=user, note="API")
            pks.append(stock.pk)
        return {"stocks": _stocks(pks)}


class ProductVariantStocksUpdate(InventoryMutation):
    """Set the quantity of a variant in warehouses; the difference is a COUNT_ADJUSTMENT movement."""

    class Arguments:
        variant_id = graphene.ID(required=True)
        stocks = graphene.List(graphene.NonNull(StockInput), required=True)

    class Meta:
        error_type_class = StockError

    stocks = graphene.List(graphene.NonNull(StockType))

    @classmethod
    def perform_mutation(cls, root, info, variant_id, stocks):
        vid = _variant(variant_id)
        user = user_from_info(info)
        pks = []
        for item in stocks:
            wid = _warehouse(info, item.warehouse, "stocks")
            stock_adjust(variant_id=vid, warehouse_id=wid, new_quantity=_quantity(item.quantity, "stocks"),
                         user=user, note="API")
            pks.append(Stock.objects.get(product_variant_id=vid, warehouse_id=wid).pk)
        return {"stocks": _stocks(pks)}


class ProductVariantStocksDelete(InventoryMutation):
    """Remove a variant from warehouses: stock without history is deleted; stock with ledger history is
    set to zero (COUNT_ADJUSTMENT) and kept, because the ledger is immutable. Allocated stock is refused."""

    class Arguments:
        variant_id = graphene.ID(required=True)
        warehouse_ids = graphene.List(graphene.NonNull(graphene.ID), required=True)

    class Meta:
        error_type_class = StockError

    stocks = graphene.List(graphene.NonNull(StockType), description="Stocks kept at zero (with history).")

    @classmethod
    def perform_mutation(cls, root, info, variant_id, warehouse_ids):
        vid = _variant(variant_id)
        user = user_from_info(info)
        kept = []
        for gid in warehouse_ids:
            wid = _warehouse(info, gid, "warehouseIds")
            stock = Stock.objects.filter(product_variant_id=vid, warehouse_id=wid).first()
            if stock is None:
                continue
            if stock.quantity_allocated:
                raise DomainError(_("Không thể xoá tồn kho đang được phân bổ cho đơn hàng."),
                                  field="warehouseIds", code="INSUFFICIENT_STOCK")
            if stock.movements.exists():
                stock_adjust(variant_id=vid, warehouse_id=wid, new_quantity=0, user=user, note="API: xoá tồn kho")
                kept.append(stock.pk)
            else:
                stock.reservations.all().delete()
                stock.delete()
        return {"stocks": _stocks(kept)}


class StockBulkUpdateInput(graphene.InputObjectType):
    variant_id = graphene.ID(required=True)
    warehouse_id = graphene.ID(required=True)
    quantity = graphene.Int(required=True)


class StockBulkUpdate(InventoryMutation):
    """Set many stock quantities at once; all or nothing."""

    class Arguments:
        stocks = graphene.List(graphene.NonNull(StockBulkUpdateInput), required=True)

    class Meta:
        error_type_class = StockError

    count = graphene.Int(description="Stock rows updated.")
    stocks = graphene.List(graphene.NonNull(StockType))

    @classmethod
    def perform_mutation(cls, root, info, stocks):
        user = user_from_info(info)
        items, seen = [], set()
        for item in stocks:
            key = (_variant(item.variant_id, "variantId"), _warehouse(info, item.warehouse_id, "warehouseId"))
            if key in seen:
                raise DomainError(_("Một dòng tồn kho xuất hiện nhiều lần."), field="stocks",
                                  code="DUPLICATED_INPUT_ITEM")
            seen.add(key)
            items.append((key, _quantity(item.quantity)))
        for (vid, wid), qty in sorted(items):
            stock_adjust(variant_id=vid, warehouse_id=wid, new_quantity=qty, user=user, note="API: stockBulkUpdate")
        pks = [Stock.objects.get(product_variant_id=v, warehouse_id=w).pk for (v, w), _q in items]
        return {"count": len(items), "stocks": _stocks(pks)}


class StockTransferLineInput(graphene.InputObjectType):
    variant = graphene.ID(required=True)
    quantity = graphene.Int(required=True)


class StockTransferCreateInput(graphene.InputObjectType):
    source = graphene.ID(required=True)
    destination = graphene.ID(required=True)
    kind = StockTransferKindEnum(description="TRANSFER (default) or CONSIGNMENT from a producer store.")
    note = graphene.String()
    lines = graphene.List(graphene.NonNull(StockTransferLineInput), required=True)


def _transfer(info, gid: str, *, side: str) -> StockTransfer:
    pk = decode_global_id(gid, "StockTransfer")
    transfer = StockTransfer.objects.filter(pk=pk).first()
    if transfer is None:
        raise DomainError(_("Không tìm thấy phiếu chuyển kho."), field="id", code="NOT_FOUND")
    require_warehouse(info, transfer.source_id if side == "source" else transfer.destination_id, field="id")
    return transfer


class StockTransferCreate(InventoryMutation):
    """Draft a transfer (or a consignment) from a warehouse you manage."""

    class Arguments:
        input = StockTransferCreateInput(required=True)

    class Meta:
        error_type_class = StockError

    stock_transfer = graphene.Field(StockTransferType)

    @classmethod
    def perform_mutation(cls, root, info, input):
        source = _warehouse(info, input.source, "source")
        destination = ensure_warehouse(decode_global_id(input.destination, "Warehouse", field="destination"),
                                       field="destination")
        lines = [(_variant(li.variant, "lines"), li.quantity) for li in input.lines]
        kind = getattr(input.kind, "value", input.kind) or TransferKind.TRANSFER
        transfer = transfers.transfer_create(source_id=source, destination_id=destination, lines=lines, kind=kind,
                                             user=user_from_info(info), note=input.note or "")
        return {"stock_transfer": transfer}


class StockTransferShip(InventoryMutation):
    """The goods leave the source (TRANSFER_OUT)."""

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        error_type_class = StockError

    stock_transfer = graphene.Field(StockTransferType)

    @classmethod
    def perform_mutation(cls, root, info, id):
        transfer = _transfer(info, id, side="source")
        return {"stock_transfer": transfers.transfer_ship(transfer_id=transfer.pk, user=user_from_info(info))}


class StockTransferReceiveLineInput(graphene.InputObjectType):
    line = graphene.ID(required=True, description="StockTransferLine ID.")
    quantity_received = graphene.Int(required=True)
    quantity_damaged = graphene.Int(default_value=0)


class StockTransferReceive(InventoryMutation):
    """The goods arrive at the destination; lines not given are received in full."""

    class Arguments:
        id = graphene.ID(required=True)
        lines = graphene.List(graphene.NonNull(StockTransferReceiveLineInput))
        write_off_damaged = graphene.Boolean(default_value=True,
                                             description="Book damaged units in and write them off (default), "
                                                         "or only note them.")

    class Meta:
        error_type_class = StockError

    stock_transfer = graphene.Field(StockTransferType)

    @classmethod
    def perform_mutation(cls, root, info, id, lines=None, write_off_damaged=True):
        transfer = _transfer(info, id, side="destination")
        items = [transfers.ReceiveLineInput(decode_global_id(li.line, "StockTransferLine", field="lines"),
                                            li.quantity_received, li.quantity_damaged or 0) for li in lines or []]
        result = transfers.transfer_receive(transfer_id=transfer.pk, lines=items, user=user_from_info(info),
                                            write_off_damaged=write_off_damaged)
        return {"stock_transfer": result}


def _count(info, gid: str) -> StockCount:
    pk = decode_global_id(gid, "StockCount")
    count = StockCount.objects.filter(pk=pk).first()
    if count is None:
        raise DomainError(_("Không tìm thấy phiếu kiểm kê."), field="id", code="NOT_FOUND")
    require_warehouse(info, count.warehouse_id, field="id")
    return count


class StockCountCreate(InventoryMutation):
    """Open a stock count (kiểm kê) for a warehouse."""

    class Arguments:
        warehouse = graphene.ID(required=True)
        note = graphene.String()

    class Meta:
        error_type_class = StockError

    stock_count = graphene.Field(StockCountType)

    @classmethod
    def perform_mutation(cls, root, info, warehouse, note=""):
        wid = _warehouse(info, warehouse)
        return {"stock_count": counts.count_create(warehouse_id=wid, user=user_from_info(info), note=note or "")}


class StockCountLineInput(graphene.InputObjectType):
    variant = graphene.ID(required=True)
    counted_quantity = graphene.Int(required=True)


class StockCountSubmit(InventoryMutation):
    """Enter counted quantities (partial counts allowed; a recount replaces the figure)."""

    class Arguments:
        id = graphene.ID(required=True)
        lines = graphene.List(graphene.NonNull(StockCountLineInput), required=True)

    class Meta:
        error_type_class = StockError

    stock_count = graphene.Field(StockCountType)

    @classmethod
    def perform_mutation(cls, root, info, id, lines):
        count = _count(info, id)
        items = [counts.CountLineInput(_variant(li.variant, "lines"), li.counted_quantity) for li in lines]
        result = counts.count_submit(count_id=count.pk, lines=items, user=user_from_info(info))
        return {"stock_count": result}


class StockCountClose(InventoryMutation):
    """Close the count: differences become COUNT_ADJUSTMENT movements; see `variance`."""

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        error_type_class = StockError

    stock_count = graphene.Field(StockCountType)

    @classmethod
    def perform_mutation(cls, root, info, id):
        count = _count(info, id)
        return {"stock_count": counts.count_close(count_id=count.pk, user=user_from_info(info))}


class LowStockThresholdType(graphene.ObjectType):
    class Meta:
        name = "LowStockThreshold"

    variant_id = graphene.ID(required=True)
    warehouse_id = graphene.ID(required=True)
    threshold = graphene.Int(required=True)
    is_below = graphene.Boolean(required=True)

    @staticmethod
    def resolve_variant_id(root, info):
        return to_global_id("ProductVariant", root.product_variant_id)

    @staticmethod
    def resolve_warehouse_id(root, info):
        return to_global_id("Warehouse", root.warehouse_id)


class LowStockThresholdSet(InventoryMutation):
    """Set (or, with threshold 0, remove) the low-stock threshold of a variant in a warehouse; below it
    the variant is on the restock list and the warehouse's contact gets one e-mail per crossing."""

    class Arguments:
        variant_id = graphene.ID(required=True)
        warehouse = graphene.ID(required=True)
        threshold = graphene.Int(required=True)

    class Meta:
        error_type_class = StockError

    low_stock_threshold = graphene.Field(LowStockThresholdType)

    @classmethod
    def perform_mutation(cls, root, info, variant_id, warehouse, threshold):
        vid = _variant(variant_id)
        wid = _warehouse(info, warehouse)
        if _quantity(threshold, "threshold") == 0:
            threshold_delete(variant_id=vid, warehouse_id=wid)
            return {"low_stock_threshold": None}
        return {"low_stock_threshold": threshold_set(variant_id=vid, warehouse_id=wid, threshold=threshold)}


class Mutation(graphene.ObjectType):
    low_stock_threshold_set = LowStockThresholdSet.Field()
    product_variant_stocks_create = ProductVariantStocksCreate.Field()
    product_variant_stocks_update = ProductVariantStocksUpdate.Field()
    product_variant_stocks_delete = ProductVariantStocksDelete.Field()
    stock_bulk_update = StockBulkUpdate.Field()
    stock_transfer_create = StockTransferCreate.Field()
    stock_transfer_ship = StockTransferShip.Field()
    stock_transfer_receive = StockTransferReceive.Field()
    stock_count_create = StockCountCreate.Field()
    stock_count_submit = StockCountSubmit.Field()
    stock_count_close = StockCountClose.Field()
