"""Producer GraphQL (OCOP addition): `producers`, `producer(slug|id)`, `producerCreate`, `producerUpdate`."""

from __future__ import annotations

import graphene
from django.db.models import Q
from django.utils.translation import gettext as _
from graphql import GraphQLError
from graphql_relay import to_global_id

from accounts.permissions import Perm, has_perm
from catalog.api.types import (
    Image,
    MetadataItem,
    ProductCountableConnection,
    metadata_items,
    product_connection_args,
    resolve_products,
)
from core.api_mutation import ApiMutation
from core.connections import connection_args, countable_connection, paginate
from core.errors import DomainError, NotFound
from core.graphql import decode_argument_id, decode_global_id, error_type, one_of

from . import services
from .models import LegalForm, Producer, ProducerStatus

LegalFormEnum = graphene.Enum("ProducerLegalFormEnum", [(f.name, f.value) for f in LegalForm])
ProducerStatusEnum = graphene.Enum("ProducerStatusEnum", [(s.name, s.value) for s in ProducerStatus])
ProducerError = error_type("ProducerError")


def can_manage_producers(info) -> bool:
    return has_perm(info.context.user, Perm.MANAGE_PRODUCERS)


class ProducerAddress(graphene.ObjectType):
    street_address = graphene.String()
    ward_code = graphene.String(required=True, description="Commune/ward code (2025 units).")
    ward_name = graphene.String(required=True)
    province_code = graphene.String(required=True)
    province_name = graphene.String(required=True)
    former_district = graphene.String(description="District before the 2025 reform, for reference.")


class ProducerType(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    legal_form = graphene.Field(LegalFormEnum, required=True)
    tax_code = graphene.String(required=True)
    address = graphene.Field(ProducerAddress, required=True)
    representative = graphene.String()
    phone = graphene.String()
    email = graphene.String()
    website = graphene.String()
    story = graphene.String()
    logo = graphene.Field(Image)
    is_active = graphene.Boolean(required=True)
    status = graphene.Field(ProducerStatusEnum, required=True)
    products = graphene.Field(ProductCountableConnection, **product_connection_args())
    metadata = graphene.List(graphene.NonNull(MetadataItem), required=True)

    class Meta:
        name = "Producer"
        description = "An OCOP producer (chủ thể OCOP): cooperative, enterprise, household business."

    @staticmethod
    def resolve_id(root, info):
        return to_global_id("Producer", root.pk)

    @staticmethod
    def resolve_legal_form(root, info):
        return str(root.legal_form)

    @staticmethod
    def resolve_status(root, info):
        return str(root.status)

    @staticmethod
    def resolve_address(root, info):
        return ProducerAddress(street_address=root.street_address, ward_code=root.ward_code, ward_name=root.ward_name,
                               province_code=root.province_code, province_name=root.province_name,
                               former_district=root.former_district)

    @staticmethod
    def resolve_logo(root, info):
        return Image(url=info.context.build_absolute_uri(root.logo.url), alt=root.name) if root.logo else None

    @staticmethod
    def resolve_products(root, info, channel=None, filter=None, sort_by=None, search=None, **page):
        flt = dict(filter or {})
        flt["producers"] = [to_global_id("Producer", root.pk)]
        return resolve_products(info, channel=channel, filter=flt, sort_by=sort_by, search=search, field="products",
                                **page)

    @staticmethod
    def resolve_metadata(root, info):
        return metadata_items(root.metadata)


ProducerCountableConnection = countable_connection(ProducerType)


class ProducerFilterInput(graphene.InputObjectType):
    search = graphene.String()
    wards = graphene.List(graphene.NonNull(graphene.String))
    legal_forms = graphene.List(graphene.NonNull(LegalFormEnum))
    is_active = graphene.Boolean(description="Staff only.")


def producer_queryset(info):
    qs = Producer.objects.all()
    if not can_manage_producers(info):
        qs = qs.filter(is_active=True, status=ProducerStatus.APPROVED)
    return qs


class Query(graphene.ObjectType):
    producers = graphene.Field(ProducerCountableConnection, **connection_args(filter=ProducerFilterInput()))
    producer = graphene.Field(ProducerType, id=graphene.ID(), slug=graphene.String())

    @staticmethod
    def resolve_producers(root, info, filter=None, **page):
        qs = producer_queryset(info)
        flt = filter or {}
        if flt.get("search"):
            term = flt["search"].strip()
            qs = qs.filter(Q(name__unaccent__icontains=term) | Q(ward_name__unaccent__icontains=term) | Q(tax_code=term))
        if flt.get("wards") is not None:
            qs = qs.filter(ward_code__in=[w.strip().lstrip("0") for w in flt["wards"]])
        if flt.get("legal_forms") is not None:
            qs = qs.filter(legal_form__in=[getattr(v, "value", v) for v in flt["legal_forms"]])
        if flt.get("is_active") is not None:
            if not can_manage_producers(info):
                raise GraphQLError(_("Chỉ nhân viên mới lọc được theo trạng thái hoạt động."))
            qs = qs.filter(is_active=flt["is_active"])
        return paginate(qs.order_by("name", "pk"), ProducerCountableConnection, field="producers", **page)

    @staticmethod
    def resolve_producer(root, info, id=None, slug=None):
        key, value = one_of(id=id, slug=slug)
        qs = producer_queryset(info)
        return qs.filter(pk=decode_argument_id(value, "Producer")).first() if key == "id" else qs.filter(slug=value).first()


class ProducerInput(graphene.InputObjectType):
    name = graphene.String()
    slug = graphene.String()
    legal_form = graphene.Field(LegalFormEnum)
    tax_code = graphene.String(description="10 digits, or 13 for a branch.")
    street_address = graphene.String()
    ward_code = graphene.String(description="One of Thanh Hóa's 166 commune/ward codes (2025).")
    former_district = graphene.String()
    representative = graphene.String()
    phone = graphene.String()
    email = graphene.String()
    website = graphene.String()
    story = graphene.String()
    is_active = graphene.Boolean()
    status = graphene.Field(ProducerStatusEnum)
    status_reason = graphene.String()


class ProducerCreateInput(ProducerInput):
    name = graphene.String(required=True)
    legal_form = graphene.Field(LegalFormEnum, required=True)
    tax_code = graphene.String(required=True)
    ward_code = graphene.String(required=True)


def _data(input: dict) -> dict:
    return {k: getattr(v, "value", v) for k, v in input.items() if v is not None}


class ProducerCreate(ApiMutation):
    class Arguments:
        input = ProducerCreateInput(required=True)

    class Meta:
        error_type_class = ProducerError
        permissions = (Perm.MANAGE_PRODUCERS,)

    producer = graphene.Field(ProducerType)

    @classmethod
    def perform_mutation(cls, root, info, input):
        return {"producer": services.producer_create(**_data(input))}


class ProducerUpdate(ApiMutation):
    class Arguments:
        id = graphene.ID(required=True)
        input = ProducerInput(required=True)

    class Meta:
        error_type_class = ProducerError
        permissions = (Perm.MANAGE_PRODUCERS,)

    producer = graphene.Field(ProducerType)

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        producer = Producer.objects.filter(pk=decode_global_id(id, "Producer")).first()
        if producer is None:
            raise NotFound(_("Không tìm thấy chủ thể OCOP."), field="id")
        data = _data(input)
        if not data:
            raise DomainError(_("Không có thay đổi nào."), field="input", code="REQUIRED")
        return {"producer": services.producer_update(producer=producer, **data)}


class Mutation(graphene.ObjectType):
    producer_create = ProducerCreate.Field()
    producer_update = ProducerUpdate.Field()
