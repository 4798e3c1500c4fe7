"""`warehouses` (Saleor): every warehouse for staff with MANAGE_INVENTORY/MANAGE_PRODUCTS, otherwise only the
caller's own (POS staff: assigned points of sale; producer members: their stores). Anonymous: denied."""

from __future__ import annotations

import graphene
from django.utils.translation import gettext as _
from graphql import GraphQLError
from graphql_relay import to_global_id

from accounts.permissions import Perm, has_perm
from core.connections import connection_args, countable_connection, paginate

from .models import ClickAndCollect, Warehouse, WarehouseKind
from .selectors import warehouse_ids_for_user

WarehouseKindEnum = graphene.Enum("WarehouseKindEnum", [(k.name, k.value) for k in WarehouseKind])
ClickAndCollectEnum = graphene.Enum("WarehouseClickAndCollectOptionEnum", [(k.name, k.value) for k in ClickAndCollect])


class WarehouseAddress(graphene.ObjectType):
    street_address_1 = graphene.String()
    city = graphene.String(description="Commune/ward.")
    city_area = graphene.String()
    country_area = graphene.String(description="Province.")
    country = graphene.String(required=True)
    ward_code = graphene.String()

    class Meta:
        name = "WarehouseAddress"


class WarehouseType(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    kind = graphene.Field(WarehouseKindEnum, required=True)
    email = graphene.String()
    phone = graphene.String()
    is_active = graphene.Boolean(required=True)
    click_and_collect_option = graphene.Field(ClickAndCollectEnum, required=True)
    address = graphene.Field(WarehouseAddress, required=True)
    producer_id = graphene.ID(description="OCOP: the producer owning this store, if any.")
    channels = graphene.List(graphene.NonNull("channels.api.ChannelType"), required=True)

    class Meta:
        name = "Warehouse"

    @staticmethod
    def resolve_id(root, info):
        return to_global_id("Warehouse", root.pk)

    @staticmethod
    def resolve_address(root, info):
        return WarehouseAddress(street_address_1=root.street_address, city=root.ward_name, city_area="",
                                country_area=root.province_name, country="VN", ward_code=root.ward_code)

    @staticmethod
    def resolve_producer_id(root, info):
        return to_global_id("Producer", root.producer_id) if root.producer_id else None

    @staticmethod
    def resolve_channels(root, info):
        return list(root.channels.all())


WarehouseCountableConnection = countable_connection(WarehouseType)


class WarehouseFilterInput(graphene.InputObjectType):
    search = graphene.String()
    kinds = graphene.List(graphene.NonNull(WarehouseKindEnum))
    channels = graphene.List(graphene.NonNull(graphene.String), description="Channel slugs.")


class Query(graphene.ObjectType):
    warehouses = graphene.Field(WarehouseCountableConnection, **connection_args(filter=WarehouseFilterInput()))

    @staticmethod
    def resolve_warehouses(root, info, filter=None, **page):
        user = info.context.user
        if not getattr(user, "is_authenticated", False):
            raise GraphQLError(_("Bạn cần đăng nhập để xem kho và điểm bán."))
        qs = Warehouse.objects.prefetch_related("channels")
        if not has_perm(user, Perm.MANAGE_PRODUCTS):
            scope = warehouse_ids_for_user(user)
            if scope is not None:
                qs = qs.filter(pk__in=scope)
        flt = filter or {}
        if flt.get("search"):
            qs = qs.filter(name__unaccent__icontains=flt["search"])
        if flt.get("kinds") is not None:
            qs = qs.filter(kind__in=[getattr(k, "value", k) for k in flt["kinds"]])
        if flt.get("channels") is not None:
            qs = qs.filter(channelwarehouse__channel__slug__in=flt["channels"]).distinct()
        return paginate(qs.order_by("name", "pk"), WarehouseCountableConnection, field="warehouses", **page)
