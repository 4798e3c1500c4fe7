"""Inventory queries: warehouses, stocks, stockMovements, stockTransfers, stockCounts, restockList."""

from __future__ import annotations

import graphene
from django.db.models import Prefetch, Q
from django.utils import timezone
from graphene_django.fields import DjangoConnectionField

from core.errors import DomainError
from core.graphql import decode_global_id

from ..availability import reserved_subquery
from ..models import Stock, StockCount, StockMovement, StockTransfer, Warehouse
from ..thresholds import restock_list
from .scope import restrict, scope_for
from .types import (
    StockCountStatusEnum,
    StockCountType,
    StockMovementReasonEnum,
    StockMovementType,
    StockTransferStatusEnum,
    StockTransferType,
    StockType,
    WarehouseType,
    variant_gid,
)


def _ids(values, type_name: str, field: str) -> list[int]:
    return [decode_global_id(v, type_name, field=field) for v in values or []]


def _decode_or_none(gid: str, type_name: str) -> int | None:
    try:
        return decode_global_id(gid, type_name)
    except DomainError:
        return None


class WarehouseFilterInput(graphene.InputObjectType):
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    is_active = graphene.Boolean()


class StockFilterInput(graphene.InputObjectType):
    warehouses = graphene.List(graphene.NonNull(graphene.ID))
    variants = graphene.List(graphene.NonNull(graphene.ID))
    search = graphene.String(description="SKU or product name contains.")


class StockMovementFilterInput(graphene.InputObjectType):
    warehouses = graphene.List(graphene.NonNull(graphene.ID))
    variants = graphene.List(graphene.NonNull(graphene.ID))
    reasons = graphene.List(graphene.NonNull(StockMovementReasonEnum))
    reference_type = graphene.String()
    reference_id = graphene.String()
    created_from = graphene.DateTime()
    created_to = graphene.DateTime()


class StockTransferFilterInput(graphene.InputObjectType):
    status = graphene.List(graphene.NonNull(StockTransferStatusEnum))
    warehouse = graphene.ID(description="Source or destination.")


class StockCountFilterInput(graphene.InputObjectType):
    status = graphene.List(graphene.NonNull(StockCountStatusEnum))
    warehouse = graphene.ID()


class RestockItemType(graphene.ObjectType):
    class Meta:
        name = "RestockItem"

    variant_id = graphene.ID(required=True)
    sku = graphene.String(required=True)
    product_name = graphene.String(required=True)
    warehouse = graphene.Field(WarehouseType, required=True)
    quantity = graphene.Int(required=True)
    quantity_allocated = graphene.Int(required=True)
    available = graphene.Int(required=True)
    threshold = graphene.Int(required=True)
    suggested = graphene.Int(required=True, description="Units to bring availability back to twice the threshold.")


def _enum_values(values) -> list[str]:
    return [getattr(v, "value", v) for v in values or []]


def stocks_queryset(scope):
    qs = Stock.objects.select_related("warehouse", "product_variant__product").annotate(
        reserved=reserved_subquery(timezone.now(), None))
    return restrict(qs, scope, "warehouse_id").order_by("pk")


class Query(graphene.ObjectType):
    warehouses = DjangoConnectionField(WarehouseType, filter=WarehouseFilterInput(),
                                       description="Warehouses / points of sale you may see.")
    warehouse = graphene.Field(WarehouseType, id=graphene.ID(required=True))
    stocks = DjangoConnectionField(StockType, filter=StockFilterInput(), description="Stock rows (Saleor `stocks`).")
    stock = graphene.Field(StockType, id=graphene.ID(required=True))
    stock_movements = DjangoConnectionField(StockMovementType, filter=StockMovementFilterInput(),
                                            description="The stock ledger, newest first.")
    stock_transfers = DjangoConnectionField(StockTransferType, filter=StockTransferFilterInput())
    stock_transfer = graphene.Field(StockTransferType, id=graphene.ID(required=True))
    stock_counts = DjangoConnectionField(StockCountType, filter=StockCountFilterInput())
    stock_count = graphene.Field(StockCountType, id=graphene.ID(required=True))
    restock_list = graphene.List(graphene.NonNull(RestockItemType), required=True, warehouse=graphene.ID(),
                                 description="Variants below their low-stock threshold, per location.")

    @staticmethod
    def resolve_warehouses(root, info, filter=None, **kwargs):
        stocks = Stock.objects.select_related("product_variant__product", "warehouse").annotate(
            reserved=reserved_subquery(timezone.now(), None)).order_by("pk")
        qs = restrict(Warehouse.objects.prefetch_related(Prefetch("stocks", queryset=stocks)), scope_for(info),
                      "pk").order_by("name", "pk")
        if filter:
            if filter.get("search"):
                qs = qs.filter(Q(name__icontains=filter["search"]) | Q(slug__icontains=filter["search"]))
            if filter.get("ids"):
                qs = qs.filter(pk__in=_ids(filter["ids"], "Warehouse", "ids"))
            if filter.get("is_active") is not None:
                qs = qs.filter(is_active=filter["is_active"])
        return qs

    @staticmethod
    def resolve_warehouse(root, info, id):
        pk = _decode_or_none(id, "Warehouse")
        return restrict(Warehouse.objects.filter(pk=pk), scope_for(info), "pk").first() if pk else None

    @staticmethod
    def resolve_stocks(root, info, filter=None, **kwargs):
        qs = stocks_queryset(scope_for(info))
        if filter:
            if filter.get("warehouses"):
                qs = qs.filter(warehouse_id__in=_ids(filter["warehouses"], "Warehouse", "warehouses"))
            if filter.get("variants"):
                qs = qs.filter(product_variant_id__in=_ids(filter["variants"], "ProductVariant", "variants"))
            if filter.get("search"):
                s = filter["search"]
                qs = qs.filter(Q(product_variant__sku__icontains=s) | Q(product_variant__product__name__icontains=s))
        return qs

    @staticmethod
    def resolve_stock(root, info, id):
        pk = _decode_or_none(id, "Stock")
        return stocks_queryset(scope_for(info)).filter(pk=pk).first() if pk else None

    @staticmethod
    def resolve_stock_movements(root, info, filter=None, **kwargs):
        qs = restrict(StockMovement.objects.select_related("warehouse", "product_variant__product", "user"),
                      scope_for(info), "warehouse_id").order_by("-pk")
        f = filter or {}
        if f.get("warehouses"):
            qs = qs.filter(warehouse_id__in=_ids(f["warehouses"], "Warehouse", "warehouses"))
        if f.get("variants"):
            qs = qs.filter(product_variant_id__in=_ids(f["variants"], "ProductVariant", "variants"))
        if f.get("reasons"):
            qs = qs.filter(reason__in=_enum_values(f["reasons"]))
        if f.get("reference_type"):
            qs = qs.filter(reference_type=f["reference_type"])
        if f.get("reference_id"):
            qs = qs.filter(reference_id=f["reference_id"])
        if f.get("created_from"):
            qs = qs.filter(created_at__gte=f["created_from"])
        if f.get("created_to"):
            qs = qs.filter(created_at__lte=f["created_to"])
        return qs

    @staticmethod
    def _transfers(info):
        return restrict(StockTransfer.objects.select_related("source", "destination"), scope_for(info),
                        "source_id", "destination_id")

    @staticmethod
    def resolve_stock_transfers(root, info, filter=None, **kwargs):
        qs = Query._transfers(info).order_by("-pk")
        f = filter or {}
        if f.get("status"):
            qs = qs.filter(status__in=_enum_values(f["status"]))
        if f.get("warehouse"):
            wid = decode_global_id(f["warehouse"], "Warehouse", field="warehouse")
            qs = qs.filter(Q(source_id=wid) | Q(destination_id=wid))
        return qs

    @staticmethod
    def resolve_stock_transfer(root, info, id):
        pk = _decode_or_none(id, "StockTransfer")
        return Query._transfers(info).filter(pk=pk).first() if pk else None

    @staticmethod
    def _counts(info):
        return restrict(StockCount.objects.select_related("warehouse"), scope_for(info), "warehouse_id")

    @staticmethod
    def resolve_stock_counts(root, info, filter=None, **kwargs):
        qs = Query._counts(info).order_by("-pk")
        f = filter or {}
        if f.get("status"):
            qs = qs.filter(status__in=_enum_values(f["status"]))
        if f.get("warehouse"):
            qs = qs.filter(warehouse_id=decode_global_id(f["warehouse"], "Warehouse", field="warehouse"))
        return qs

    @staticmethod
    def resolve_stock_count(root, info, id):
        pk = _decode_or_none(id, "StockCount")
        return Query._counts(info).filter(pk=pk).first() if pk else None

    @staticmethod
    def resolve_restock_list(root, info, warehouse=None):
        scope = scope_for(info)
        ids = scope
        if warehouse:
            wid = decode_global_id(warehouse, "Warehouse", field="warehouse")
            ids = [wid] if scope is None or wid in scope else []
        items = restock_list(warehouse_ids=ids)
        warehouses = Warehouse.objects.in_bulk({i.warehouse_id for i in items})
        return [RestockItemType(variant_id=variant_gid(i.variant_id), sku=i.sku, product_name=i.product_name,
                                warehouse=warehouses[i.warehouse_id], quantity=i.quantity,
                                quantity_allocated=i.quantity_allocated, available=i.available,
                                threshold=i.threshold, suggested=i.suggested) for i in items]
