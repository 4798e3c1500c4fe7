"""GraphQL object types of the inventory (Saleor names: Warehouse, Stock; OCOP: StockMovement,
StockTransfer, StockCount)."""

from __future__ import annotations

import graphene
from django.utils import timezone
from graphene import relay
from graphene_django import DjangoObjectType
from graphql_relay import to_global_id

from ..availability import reserved_by_others_for, reserved_subquery
from ..counts import count_variance
from ..models import (
    CountStatus,
    MovementReason,
    Stock,
    StockCount,
    StockCountLine,
    StockMovement,
    StockTransfer,
    StockTransferLine,
    TransferKind,
    TransferStatus,
    Warehouse,
    WarehouseKind,
)

WarehouseKindEnum = graphene.Enum.from_enum(WarehouseKind, name="WarehouseKindEnum")
StockMovementReasonEnum = graphene.Enum.from_enum(MovementReason, name="StockMovementReasonEnum")
StockTransferKindEnum = graphene.Enum.from_enum(TransferKind, name="StockTransferKindEnum")
StockTransferStatusEnum = graphene.Enum.from_enum(TransferStatus, name="StockTransferStatusEnum")
StockCountStatusEnum = graphene.Enum.from_enum(CountStatus, name="StockCountStatusEnum")


class CountableConnection(relay.Connection):
    class Meta:
        abstract = True

    total_count = graphene.Int(description="Number of items in the whole list.")

    @staticmethod
    def resolve_total_count(root, info):
        return root.length


def variant_gid(pk: int) -> str:
    return to_global_id("ProductVariant", pk)


class VariantRefMixin:
    """Variant fields shared by stock-like rows (the row must select_related product_variant__product)."""

    variant_id = graphene.ID(required=True, description="Global ID of the product variant (ProductVariant:<pk>).")
    sku = graphene.String(required=True)
    product_name = graphene.String(required=True)
    variant_name = graphene.String(required=True)

    @staticmethod
    def resolve_variant_id(root, info):
        return variant_gid(root.product_variant_id)

    @staticmethod
    def resolve_sku(root, info):
        return root.product_variant.sku

    @staticmethod
    def resolve_product_name(root, info):
        return root.product_variant.product.name

    @staticmethod
    def resolve_variant_name(root, info):
        return root.product_variant.name


class WarehouseType(DjangoObjectType):
    kind = graphene.Field(WarehouseKindEnum, required=True)
    stocks = graphene.List(graphene.NonNull(lambda: StockType), required=True,
                           description="Stock of every variant kept here.")

    class Meta:
        model = Warehouse
        name = "Warehouse"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "name", "slug", "street_address", "ward_code", "ward_name", "province_code",
                  "province_name", "email", "phone", "is_active")
        convert_choices_to_enum = False

    @staticmethod
    def resolve_kind(root, info):
        return root.kind

    @staticmethod
    def resolve_stocks(root, info):
        prefetched = getattr(root, "_prefetched_objects_cache", {}).get("stocks")
        if prefetched is not None:
            return prefetched
        return (root.stocks.select_related("product_variant__product", "warehouse")
                .annotate(reserved=reserved_subquery(timezone.now(), None)).order_by("pk"))


class StockType(VariantRefMixin, DjangoObjectType):
    warehouse = graphene.Field(WarehouseType, required=True)
    quantity_reserved = graphene.Int(required=True, description="Units held by active checkout reservations.")
    quantity_available = graphene.Int(required=True, description="quantity − allocated − reserved.")

    class Meta:
        model = Stock
        name = "Stock"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "quantity", "quantity_allocated")

    @staticmethod
    def resolve_quantity_reserved(root, info):
        reserved = getattr(root, "reserved", None)
        if reserved is None:
            reserved = reserved_by_others_for([root.pk]).get(root.pk, 0)
        return reserved

    @staticmethod
    def resolve_quantity_available(root, info):
        return max(root.quantity - root.quantity_allocated - StockType.resolve_quantity_reserved(root, info), 0)


class StockMovementType(VariantRefMixin, DjangoObjectType):
    warehouse = graphene.Field(WarehouseType, required=True)
    reason = graphene.Field(StockMovementReasonEnum, required=True)
    user_email = graphene.String()

    class Meta:
        model = StockMovement
        name = "StockMovement"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "quantity", "balance_after", "reference_type", "reference_id", "note", "created_at")

    @staticmethod
    def resolve_reason(root, info):
        return root.reason

    @staticmethod
    def resolve_user_email(root, info):
        return root.user.email if root.user_id else None


class StockTransferLineType(VariantRefMixin, DjangoObjectType):
    class Meta:
        model = StockTransferLine
        name = "StockTransferLine"
        interfaces = (relay.Node,)
        fields = ("id", "quantity", "quantity_received", "quantity_damaged", "quantity_missing")


class StockTransferType(DjangoObjectType):
    kind = graphene.Field(StockTransferKindEnum, required=True)
    status = graphene.Field(StockTransferStatusEnum, required=True)
    source = graphene.Field(WarehouseType, required=True)
    destination = graphene.Field(WarehouseType, required=True)
    lines = graphene.List(graphene.NonNull(StockTransferLineType), required=True)

    class Meta:
        model = StockTransfer
        name = "StockTransfer"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "note", "created_at", "shipped_at", "received_at")
        convert_choices_to_enum = False

    @staticmethod
    def resolve_kind(root, info):
        return root.kind

    @staticmethod
    def resolve_status(root, info):
        return root.status

    @staticmethod
    def resolve_lines(root, info):
        return root.lines.select_related("product_variant__product").order_by("pk")


class StockCountLineType(VariantRefMixin, DjangoObjectType):
    difference = graphene.Int(description="Counted − booked (booked at closing; today's while open).")
    value_difference = graphene.Float(description="Difference × unit cost, in VND.")

    class Meta:
        model = StockCountLine
        name = "StockCountLine"
        interfaces = (relay.Node,)
        fields = ("id", "counted_quantity", "expected_quantity", "unit_cost", "updated_at")


class StockCountVariance(graphene.ObjectType):
    total_quantity = graphene.Int(required=True)
    total_value = graphene.Float(required=True, description="VND at cost.")
    lines_without_cost = graphene.Int(required=True)


class StockCountType(DjangoObjectType):
    status = graphene.Field(StockCountStatusEnum, required=True)
    warehouse = graphene.Field(WarehouseType, required=True)
    lines = graphene.List(graphene.NonNull(StockCountLineType), required=True)
    variance = graphene.Field(StockCountVariance, required=True)

    class Meta:
        model = StockCount
        name = "StockCount"
        interfaces = (relay.Node,)
        connection_class = CountableConnection
        fields = ("id", "note", "created_at", "closed_at")
        convert_choices_to_enum = False

    @staticmethod
    def resolve_status(root, info):
        return root.status

    @staticmethod
    def _report(root):
        if not hasattr(root, "_variance"):
            root._variance = count_variance(root)
        return root._variance

    @staticmethod
    def resolve_lines(root, info):
        report = StockCountType._report(root)
        by_variant = {ln.variant_id: ln for ln in report.lines}
        lines = list(root.lines.select_related("product_variant__product").order_by("pk"))
        for line in lines:
            v = by_variant[line.product_variant_id]
            line.expected_quantity, line.unit_cost = v.expected, v.unit_cost
        return lines

    @staticmethod
    def resolve_variance(root, info):
        report = StockCountType._report(root)
        return StockCountVariance(total_quantity=report.total_quantity, total_value=report.total_value,
                                  lines_without_cost=report.lines_without_cost)
