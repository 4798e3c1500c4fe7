"""GraphQL of the producer portal and the centre's moderation. Every resolver is scoped on the server:
producers see only their own producer's objects (others' IDs resolve to null / NOT_FOUND); centre
operations need MODERATE_LISTINGS / MANAGE_PRODUCERS (/ MANAGE_CERTIFICATES for certificates)."""

from __future__ import annotations

import graphene
from django.db.models import Prefetch
from graphene_file_upload.scalars import Upload
from graphql_relay import to_global_id

from catalog.models import ModerationStatus, Product, ProductVariant
from core.errors import DomainError, PermissionDenied
from core.graphql import BaseMutation, decode_global_id, error_type, user_from_info

from . import access
from .graphql_types import (
    ModerationQueue,
    PortalCertificateUpload,
    PortalProducer,
    PortalProduct,
    PortalStock,
    PortalVariant,
    ProducerApplicationType,
    ProducerInvitationType,
    ProducerOrderLine,
    ProducerSalesReport,
    ProducerStatement,
)
from .models import CertificateUpload, ProducerApplication, ReviewStatus
from .services import certificates, joining, listings, moderation, sales, statements, stock

PortalError = error_type("PortalError")

PRODUCT_PREFETCH = ("category", "revisions", "media", "pending_images", "certificates", "certificate_uploads",
                    Prefetch("variants", queryset=ProductVariant.objects.prefetch_related("channel_listings")))


def _user(info):
    return user_from_info(info)


def _member(info, producer_id: str | None = None):
    pid = decode_global_id(producer_id, "Producer", "producer") if producer_id else None
    return access.require_member(_user(info), pid)


def _own_product(info, product_id: str):
    member = _member(info)
    return access.own_product(member.producer, decode_global_id(product_id, "Product", "product"))


def _products(producer_id: int | None = None):
    qs = Product.objects.prefetch_related(*PRODUCT_PREFETCH).order_by("-updated_at", "-pk")
    return qs.filter(producer_id=producer_id) if producer_id is not None else qs


class Query(graphene.ObjectType):
    my_producer = graphene.Field(PortalProducer, description="The producer the viewer belongs to.")
    portal_products = graphene.List(graphene.NonNull(PortalProduct), required=True,
                                    description="The viewer's producer's products (any moderation status).")
    portal_product = graphene.Field(PortalProduct, id=graphene.ID(required=True),
                                    description="One of the viewer's producer's products; null for others.")
    portal_stocks = graphene.List(graphene.NonNull(PortalStock), required=True)
    producer_order_lines = graphene.List(graphene.NonNull(ProducerOrderLine), required=True,
                                         first=graphene.Int(default_value=50))
    producer_sales = graphene.Field(ProducerSalesReport, required=True, period=graphene.String(default_value="day"))
    producer_statement = graphene.Field(ProducerStatement, required=True, month=graphene.String(required=True))
    my_producer_applications = graphene.List(graphene.NonNull(ProducerApplicationType), required=True)
    moderation_queue = graphene.Field(ModerationQueue, required=True)

    @staticmethod
    def resolve_my_producer(root, info):
        member = access.membership_for(_user(info))
        if member is None:
            return None
        producer = member.producer
        producer.role = member.role
        return producer

    @staticmethod
    def resolve_portal_products(root, info):
        return list(_products(_member(info).producer_id))

    @staticmethod
    def resolve_portal_product(root, info, id):
        member = _member(info)
        try:
            pk = decode_global_id(id, "Product")
        except DomainError:
            return None
        return _products(member.producer_id).filter(pk=pk).first()

    @staticmethod
    def resolve_portal_stocks(root, info):
        return stock.stock_rows(_member(info).producer)

    @staticmethod
    def resolve_producer_order_lines(root, info, first):
        member = _member(info)
        return list(sales.producer_lines(member.producer_id).select_related("order__channel")
                    .order_by("-order__created_at", "-pk")[: max(1, min(first, 100))])

    @staticmethod
    def resolve_producer_sales(root, info, period):
        return sales.sales_report(producer_id=_member(info).producer_id, period=period)

    @staticmethod
    def resolve_producer_statement(root, info, month):
        return statements.build_statement(producer=_member(info).producer, month=month)

    @staticmethod
    def resolve_my_producer_applications(root, info):
        user = _user(info)
        if not user or not user.is_authenticated:
            raise PermissionDenied("Bạn cần đăng nhập.")
        return list(ProducerApplication.objects.filter(user=user))

    @staticmethod
    def resolve_moderation_queue(root, info):
        user = _user(info)
        if not (access.is_moderator(user) or access.is_producer_manager(user)):
            raise PermissionDenied("Bạn không có quyền xem hàng chờ duyệt.")
        return ModerationQueue(
            submitted_products=list(_products().filter(moderation_status=ModerationStatus.SUBMITTED)),
            revised_products=list(_products().filter(revisions__status=ReviewStatus.PENDING).distinct()),
            certificate_uploads=list(CertificateUpload.objects.filter(status=ReviewStatus.PENDING)
                                     .select_related("product", "certificate")),
            producer_applications=list(ProducerApplication.objects.filter(status=ReviewStatus.PENDING)),
        )


# ---- joining ---------------------------------------------------------------------------------

class LegalInput(graphene.InputObjectType):
    name = graphene.String(required=True)
    legal_form = graphene.String(required=True, description="cooperative, cooperative_group, enterprise, household")
    tax_code = graphene.String(required=True)
    ward_code = graphene.String(required=True, description="Thanh Hóa commune/ward code (post-2025)")
    street_address = graphene.String()
    representative = graphene.String(required=True)
    phone = graphene.String(required=True)
    email = graphene.String(required=True)


def _legal(input) -> dict:
    return {k: input.get(k) or "" for k in ("name", "legal_form", "tax_code", "ward_code", "street_address",
                                            "representative", "phone", "email")}


class ProducerApply(BaseMutation):
    """Apply to join as a producer (a visitor also gives a password for the new account)."""

    class Arguments:
        input = LegalInput(required=True)
        password = graphene.String()

    class Meta:
        error_type_class = PortalError

    application = graphene.Field(ProducerApplicationType)

    @classmethod
    def perform_mutation(cls, root, info, input, password=None):
        app = joining.producer_apply(user=_user(info), password=password or "", **_legal(input))
        return {"application": app}


class ProducerApplicationApprove(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        error_type_class = PortalError

    producer = graphene.Field(PortalProducer)

    @classmethod
    def perform_mutation(cls, root, info, id):
        return {"producer": joining.application_approve(
            user=_user(info), application_id=decode_global_id(id, "ProducerApplication"))}


class ProducerApplicationReject(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(required=True)

    class Meta:
        error_type_class = PortalError

    application = graphene.Field(ProducerApplicationType)

    @classmethod
    def perform_mutation(cls, root, info, id, reason):
        return {"application": joining.application_reject(
            user=_user(info), application_id=decode_global_id(id, "ProducerApplication"), reason=reason)}


class ProducerInvite(BaseMutation):
    """The centre registers a producer and e-mails its owner an invitation."""

    class Arguments:
        input = LegalInput(required=True)

    class Meta:
        error_type_class = PortalError

    invitation = graphene.Field(ProducerInvitationType)

    @classmethod
    def perform_mutation(cls, root, info, input):
        return {"invitation": joining.producer_invite(user=_user(info), **_legal(input))}


class ProducerMemberInvite(BaseMutation):
    """A producer's owner invites a team member by e-mail."""

    class Arguments:
        email = graphene.String(required=True)
        role = graphene.String(default_value="member")

    class Meta:
        error_type_class = PortalError

    invitation = graphene.Field(ProducerInvitationType)

    @classmethod
    def perform_mutation(cls, root, info, email, role):
        member = _member(info)
        return {"invitation": joining.member_invite(user=_user(info), producer_id=member.producer_id, email=email,
                                                    role=role)}


class ProducerMemberRemove(BaseMutation):
    class Arguments:
        user_id = graphene.ID(required=True)

    class Meta:
        error_type_class = PortalError

    ok = graphene.Boolean()

    @classmethod
    def perform_mutation(cls, root, info, user_id):
        from producers.models import ProducerMember

        member = _member(info)
        target = ProducerMember.objects.filter(producer_id=member.producer_id,
                                               user_id=decode_global_id(user_id, "User", "userId")).first()
        joining.member_remove(user=_user(info), producer_id=member.producer_id, member_id=target.pk if target else 0)
        return {"ok": True}


class ProducerInvitationAccept(BaseMutation):
    class Arguments:
        token = graphene.UUID(required=True)
        password = graphene.String()
        full_name = graphene.String()

    class Meta:
        error_type_class = PortalError

    producer = graphene.Field(PortalProducer)

    @classmethod
    def perform_mutation(cls, root, info, token, password=None, full_name=None):
        member = joining.invitation_accept(token=token, user=_user(info), password=password or "",
                                           full_name=full_name or "")
        return {"producer": member.producer}


# ---- listings --------------------------------------------------------------------------------

class LabelFactInput(graphene.InputObjectType):
    attribute = graphene.String(required=True, description="Attribute slug")
    value = graphene.String(required=True)


class PortalProductInput(graphene.InputObjectType):
    name = graphene.String()
    description = graphene.String()
    category = graphene.ID()
    label_facts = graphene.List(graphene.NonNull(LabelFactInput))


def _product_kwargs(input) -> dict:
    out: dict = {}
    for key in ("name", "description"):
        if input.get(key) is not None:
            out[key] = input[key]
    if input.get("category"):
        out["category_id"] = decode_global_id(input["category"], "Category", "category")
    if input.get("label_facts") is not None:
        out["attributes"] = {f["attribute"]: f["value"] for f in input["label_facts"]}
    return out


class PortalProductCreate(BaseMutation):
    class Arguments:
        input = PortalProductInput(required=True)

    class Meta:
        error_type_class = PortalError

    product = graphene.Field(PortalProduct)

    @classmethod
    def perform_mutation(cls, root, info, input):
        member = _member(info)
        kwargs = _product_kwargs(input)
        kwargs.setdefault("name", "")
        return {"product": listings.product_create(user=_user(info), producer=member.producer, **kwargs)}


class PortalProductUpdate(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True)
        input = PortalProductInput(required=True)

    class Meta:
        error_type_class = PortalError

    product = graphene.Field(PortalProduct)

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        product = _own_product(info, id)
        return {"product": listings.product_update(user=_user(info), product=product, **_product_kwargs(input))}


class PortalVariantInput(graphene.InputObjectType):
    name = graphene.String()
    sku = graphene.String(required=True)
    gtin = graphene.String()
    price = graphene.Int(required=True, description="Suggested price, VND incl. VAT")
    weight_grams = graphene.Int()


class PortalVariantSave(BaseMutation):
    """Create (no variantId) or edit a variant of one of the viewer's products."""

    class Arguments:
        product_id = graphene.ID(required=True)
        variant_id = graphene.ID()
        input = PortalVariantInput(required=True)

    class Meta:
        error_type_class = PortalError

    variant = graphene.Field(PortalVariant)

    @classmethod
    def perform_mutation(cls, root, info, product_id, input, variant_id=None):
        product = _own_product(info, product_id)
        variant = None
        if variant_id:
            variant = access.own_variant(product.producer, decode_global_id(variant_id, "ProductVariant",
                                                                            "variantId"))
            if variant.product_id != product.pk:
                raise DomainError("Phân loại không thuộc sản phẩm này.", field="variantId", code="NOT_FOUND")
        return {"variant": listings.variant_save(
            user=_user(info), product=product, variant=variant, name=input.get("name") or "", sku=input["sku"],
            gtin=input.get("gtin"), price=input["price"], weight_grams=input.get("weight_grams"))}


class PortalProductImageUpload(BaseMutation):
    class Arguments:
        product_id = graphene.ID(required=True)
        image = Upload(required=True)
        alt = graphene.String()

    class Meta:
        error_type_class = PortalError

    product = graphene.Field(PortalProduct)

    @classmethod
    def perform_mutation(cls, root, info, product_id, image, alt=None):
        product = _own_product(info, product_id)
        listings.image_add(user=_user(info), product=product, upload=image, alt=alt or "")
        return {"product": product}


class ProductSubmitForReview(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        error_type_class = PortalError

    product = graphene.Field(PortalProduct)

    @classmethod
    def perform_mutation(cls, root, info, id):
        return {"product": listings.product_submit(user=_user(info), product=_own_product(info, id))}


class ProductApprove(BaseMutation):
    """Centre: approve a submitted product or an approved product's pending changes."""

    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        error_type_class = PortalError

    product = graphene.Field(PortalProduct)

    @classmethod
    def perform_mutation(cls, root, info, id):
        return {"product": moderation.product_approve(user=_user(info), product_id=decode_global_id(id, "Product"))}


class ProductReject(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(required=True)

    class Meta:
        error_type_class = PortalError

    product = graphene.Field(PortalProduct)

    @classmethod
    def perform_mutation(cls, root, info, id, reason):
        return {"product": moderation.product_reject(user=_user(info), product_id=decode_global_id(id, "Product"),
                                                     reason=reason)}


# ---- certificates ----------------------------------------------------------------------------

class OcopCertificateUpload(BaseMutation):
    """A producer sends the scanned certificate of one of its products (PDF/JPEG/PNG/WebP, ≤10 MB)."""

    class Arguments:
        product_id = graphene.ID(required=True)
        file = Upload(required=True)
        note = graphene.String()

    class Meta:
        error_type_class = PortalError

    upload = graphene.Field(PortalCertificateUpload)

    @classmethod
    def perform_mutation(cls, root, info, product_id, file, note=None):
        product = _own_product(info, product_id)
        return {"upload": certificates.certificate_upload(user=_user(info), product=product, upload=file,
                                                          note=note or "")}


class OcopCertificateVerifyInput(graphene.InputObjectType):
    stars = graphene.Int(required=True)
    score = graphene.Int(required=True)
    certificate_number = graphene.String(required=True)
    decision_number = graphene.String(required=True)
    decision_date = graphene.Date(required=True)
    issued_on = graphene.Date(required=True)
    expires_on = graphene.Date(required=True)
    issuing_level = graphene.String(default_value="province")


class OcopCertificateVerify(BaseMutation):
    class Arguments:
        upload_id = graphene.ID(required=True)
        input = OcopCertificateVerifyInput(required=True)

    class Meta:
        error_type_class = PortalError

    upload = graphene.Field(PortalCertificateUpload)

    @classmethod
    def perform_mutation(cls, root, info, upload_id, input):
        pk = decode_global_id(upload_id, "CertificateUpload", "uploadId")
        certificates.certificate_verify(user=_user(info), upload_id=pk, **dict(input))
        return {"upload": CertificateUpload.objects.get(pk=pk)}


class OcopCertificateUploadReject(BaseMutation):
    class Arguments:
        upload_id = graphene.ID(required=True)
        reason = graphene.String(required=True)

    class Meta:
        error_type_class = PortalError

    upload = graphene.Field(PortalCertificateUpload)

    @classmethod
    def perform_mutation(cls, root, info, upload_id, reason):
        return {"upload": certificates.certificate_reject(
            user=_user(info), upload_id=decode_global_id(upload_id, "CertificateUpload", "uploadId"), reason=reason)}


# ---- stock, consignment, commission ----------------------------------------------------------

class PortalStockUpdate(BaseMutation):
    """At the producer's own store: `receive` adds units, `count` sets the counted quantity."""

    class Arguments:
        warehouse_id = graphene.ID(required=True)
        variant_id = graphene.ID(required=True)
        quantity = graphene.Int(required=True)
        mode = graphene.String(default_value="count")
        note = graphene.String()

    class Meta:
        error_type_class = PortalError

    stocks = graphene.List(graphene.NonNull(PortalStock))

    @classmethod
    def perform_mutation(cls, root, info, warehouse_id, variant_id, quantity, mode, note=None):
        member = _member(info)
        fn = stock.stock_add if mode == "receive" else stock.stock_set
        fn(user=_user(info), producer=member.producer,
           warehouse_id=decode_global_id(warehouse_id, "Warehouse", "warehouseId"),
           variant_id=decode_global_id(variant_id, "ProductVariant", "variantId"), quantity=quantity,
           note=note or "")
        return {"stocks": stock.stock_rows(member.producer)}


class ConsignmentRequestCreate(BaseMutation):
    class Arguments:
        source_id = graphene.ID(required=True)
        destination_id = graphene.ID(required=True)
        variant_id = graphene.ID(required=True)
        quantity = graphene.Int(required=True)
        note = graphene.String()

    class Meta:
        error_type_class = PortalError

    transfer_id = graphene.ID(description="The draft consignment StockTransfer created for the centre.")

    @classmethod
    def perform_mutation(cls, root, info, source_id, destination_id, variant_id, quantity, note=None):
        member = _member(info)
        transfer = stock.consignment_request(
            user=_user(info), producer=member.producer,
            source_id=decode_global_id(source_id, "Warehouse", "sourceId"),
            destination_id=decode_global_id(destination_id, "Warehouse", "destinationId"),
            variant_id=decode_global_id(variant_id, "ProductVariant", "variantId"), quantity=quantity,
            note=note or "")
        return {"transfer_id": to_global_id("StockTransfer", transfer.pk)}


class CommissionRateSet(BaseMutation):
    class Arguments:
        channel_id = graphene.ID(required=True)
        percent = graphene.Float(required=True)

    class Meta:
        error_type_class = PortalError

    percent = graphene.Float()

    @classmethod
    def perform_mutation(cls, root, info, channel_id, percent):
        rate = statements.commission_rate_set(user=_user(info), percent=percent,
                                              channel_id=decode_global_id(channel_id, "Channel", "channelId"))
        return {"percent": rate.rate_bp / 100}


class Mutation(graphene.ObjectType):
    producer_apply = ProducerApply.Field()
    producer_application_approve = ProducerApplicationApprove.Field()
    producer_application_reject = ProducerApplicationReject.Field()
    producer_invite = ProducerInvite.Field()
    producer_member_invite = ProducerMemberInvite.Field()
    producer_member_remove = ProducerMemberRemove.Field()
    producer_invitation_accept = ProducerInvitationAccept.Field()
    portal_product_create = PortalProductCreate.Field()
    portal_product_update = PortalProductUpdate.Field()
    portal_variant_save = PortalVariantSave.Field()
    portal_product_image_upload = PortalProductImageUpload.Field()
    product_submit_for_review = ProductSubmitForReview.Field()
    product_approve = ProductApprove.Field()
    product_reject = ProductReject.Field()
    ocop_certificate_upload = OcopCertificateUpload.Field()
    ocop_certificate_verify = OcopCertificateVerify.Field()
    ocop_certificate_upload_reject = OcopCertificateUploadReject.Field()
    portal_stock_update = PortalStockUpdate.Field()
    consignment_request_create = ConsignmentRequestCreate.Field()
    commission_rate_set = CommissionRateSet.Field()


__all__ = ["Query", "Mutation"]
