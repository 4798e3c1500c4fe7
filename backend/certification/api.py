"""OCOP certificate GraphQL types (Product.ocop, certificate history) and the certificate mutations."""

from __future__ import annotations

import graphene
from django.utils.translation import gettext as _
from graphql_relay import to_global_id

from accounts.permissions import Perm
from catalog.models import Category, Product
from core.api_mutation import ApiMutation
from core.errors import NotFound
from core.graphql import decode_global_id, error_type

from . import services
from .models import CertificateStatus, IssuingLevel, OcopCertificate

OcopCertificateStatusEnum = graphene.Enum("OcopCertificateStatusEnum", [(s.name, s.value) for s in CertificateStatus])
OcopIssuingLevelEnum = graphene.Enum("OcopIssuingLevelEnum", [(s.name, s.value) for s in IssuingLevel])
OcopCertificateError = error_type("OcopCertificateError")


class CertificateStatusChangeType(graphene.ObjectType):
    from_status = graphene.String()
    to_status = graphene.String(required=True)
    reason = graphene.String()
    created_at = graphene.DateTime(required=True)
    user_email = graphene.String()

    class Meta:
        name = "OcopCertificateStatusChange"

    @staticmethod
    def resolve_user_email(root, info):
        return root.user.email if root.user_id else None


class ProductOcop(graphene.ObjectType):
    """The OCOP certificate shown with a product: the best valid one, else the latest."""

    id = graphene.ID(required=True)
    stars = graphene.Int(required=True)
    score = graphene.Int(required=True)
    certificate_number = graphene.String(required=True)
    decision_number = graphene.String(required=True)
    decision_date = graphene.Date(required=True)
    issuing_level = graphene.Field(OcopIssuingLevelEnum, required=True)
    issued_on = graphene.Date(required=True)
    expires_on = graphene.Date(required=True)
    status = graphene.Field(OcopCertificateStatusEnum, required=True)
    status_reason = graphene.String()
    group = graphene.Field("catalog.api.types.CategoryType", description="OCOP group / sub-group (a category).")

    class Meta:
        name = "ProductOcop"

    @staticmethod
    def resolve_id(root: OcopCertificate, info):
        return to_global_id("OcopCertificate", root.pk)

    @staticmethod
    def resolve_status(root: OcopCertificate, info):
        return str(root.status)

    @staticmethod
    def resolve_issuing_level(root: OcopCertificate, info):
        return str(root.issuing_level)


class OcopCertificateType(ProductOcop):
    """A certificate with its product and its status history (staff)."""

    product_id = graphene.ID(required=True)
    history = graphene.List(graphene.NonNull(CertificateStatusChangeType), required=True)

    class Meta:
        name = "OcopCertificate"

    @staticmethod
    def resolve_product_id(root: OcopCertificate, info):
        return to_global_id("Product", root.product_id)

    @staticmethod
    def resolve_history(root: OcopCertificate, info):
        return root.status_changes.select_related("user").order_by("created_at", "pk")


class OcopCertificateCreateInput(graphene.InputObjectType):
    product = graphene.ID(required=True)
    stars = graphene.Int(required=True)
    score = graphene.Int(required=True)
    certificate_number = graphene.String(required=True)
    decision_number = graphene.String(required=True)
    decision_date = graphene.Date(required=True)
    issued_on = graphene.Date(description="Defaults to the decision date.")
    expires_on = graphene.Date(description="Defaults to 36 months after issue.")
    issuing_level = graphene.Field(OcopIssuingLevelEnum, description="Defaults to PROVINCE (3–4★) or CENTRAL (5★).")
    group = graphene.ID(description="OCOP group/sub-group category; defaults to the product's category.")


class OcopCertificateUpdateInput(graphene.InputObjectType):
    stars = graphene.Int()
    score = graphene.Int()
    certificate_number = graphene.String()
    decision_number = graphene.String()
    decision_date = graphene.Date()
    issued_on = graphene.Date()
    expires_on = graphene.Date()
    issuing_level = graphene.Field(OcopIssuingLevelEnum)
    group = graphene.ID()


def _enum_value(value):
    return getattr(value, "value", value)


def _group(gid: str | None, field: str = "group") -> Category | None:
    if not gid:
        return None
    group = Category.objects.filter(pk=decode_global_id(gid, "Category", field=field)).first()
    if group is None:
        raise NotFound(_("Không tìm thấy nhóm OCOP."), field=field)
    return group


def _certificate(gid: str) -> OcopCertificate:
    cert = OcopCertificate.objects.filter(pk=decode_global_id(gid, "OcopCertificate")).first()
    if cert is None:
        raise NotFound(_("Không tìm thấy chứng nhận OCOP."), field="id")
    return cert


class OcopCertificateCreate(ApiMutation):
    """Record an OCOP certificate for a product."""

    class Arguments:
        input = OcopCertificateCreateInput(required=True)

    class Meta:
        error_type_class = OcopCertificateError
        permissions = (Perm.MANAGE_CERTIFICATES,)

    certificate = graphene.Field(OcopCertificateType)

    @classmethod
    def perform_mutation(cls, root, info, input):
        product = Product.objects.filter(pk=decode_global_id(input["product"], "Product", field="product")).first()
        if product is None:
            raise NotFound(_("Không tìm thấy sản phẩm."), field="product")
        cert = services.certificate_create(
            product=product, stars=input["stars"], score=input["score"],
            certificate_number=input["certificate_number"], decision_number=input["decision_number"],
            decision_date=input["decision_date"], issued_on=input.get("issued_on"),
            expires_on=input.get("expires_on"), issuing_level=_enum_value(input.get("issuing_level")),
            group=_group(input.get("group")), user=info.context.user,
        )
        return {"certificate": cert}


class OcopCertificateUpdate(ApiMutation):
    """Correct a certificate's recorded facts (the change is logged)."""

    class Arguments:
        id = graphene.ID(required=True)
        input = OcopCertificateUpdateInput(required=True)

    class Meta:
        error_type_class = OcopCertificateError
        permissions = (Perm.MANAGE_CERTIFICATES,)

    certificate = graphene.Field(OcopCertificateType)

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        cert = _certificate(id)
        changes = {k: _enum_value(v) for k, v in input.items() if v is not None and k != "group"}
        if input.get("group"):
            changes["group"] = _group(input["group"])
        return {"certificate": services.certificate_update(certificate=cert, user=info.context.user, **changes)}


class _StatusMutation(ApiMutation):
    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(required=True)

    class Meta:
        abstract = True

    certificate = graphene.Field(OcopCertificateType)
    service = None

    @classmethod
    def perform_mutation(cls, root, info, id, reason):
        cert = cls.service(certificate=_certificate(id), reason=reason, user=info.context.user)
        return {"certificate": cert}


class OcopCertificateSuspend(_StatusMutation):
    """Suspend a valid certificate (reason required); the product leaves every channel."""

    class Meta:
        error_type_class = OcopCertificateError
        permissions = (Perm.MANAGE_CERTIFICATES,)

    service = staticmethod(services.certificate_suspend)


class OcopCertificateRevoke(_StatusMutation):
    """Revoke a certificate for good (reason required)."""

    class Meta:
        error_type_class = OcopCertificateError
        permissions = (Perm.MANAGE_CERTIFICATES,)

    service = staticmethod(services.certificate_revoke)


class OcopCertificateReinstate(_StatusMutation):
    """Lift a suspension (reason required)."""

    class Meta:
        error_type_class = OcopCertificateError
        permissions = (Perm.MANAGE_CERTIFICATES,)

    service = staticmethod(services.certificate_reinstate)


class Mutation(graphene.ObjectType):
    ocop_certificate_create = OcopCertificateCreate.Field()
    ocop_certificate_update = OcopCertificateUpdate.Field()
    ocop_certificate_suspend = OcopCertificateSuspend.Field()
    ocop_certificate_revoke = OcopCertificateRevoke.Field()
    ocop_certificate_reinstate = OcopCertificateReinstate.Field()
