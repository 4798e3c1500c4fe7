"""GraphQL object types of the portal (prefixed Portal*/Producer* so they never clash with the staff API)."""

from __future__ import annotations

import graphene
from django.urls import reverse
from django.utils import timezone
from graphql_relay import to_global_id

from catalog.media import rendition_url

from .models import ReviewStatus
from .services.listings import variant_price


def gid(type_name: str, pk) -> str:
    return to_global_id(type_name, pk)


class PortalCategory(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)

    @staticmethod
    def resolve_id(root, info):
        return gid("Category", root.pk)


class PortalVariant(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String()
    sku = graphene.String(required=True)
    gtin = graphene.String()
    price = graphene.Int(description="Live suggested price (VND, VAT included).")
    pending_price = graphene.Int(description="Price waiting for the centre's approval.")

    @staticmethod
    def resolve_id(root, info):
        return gid("ProductVariant", root.pk)

    @staticmethod
    def resolve_price(root, info):
        return variant_price(root)

    @staticmethod
    def resolve_pending_price(root, info):
        pending = getattr(root, "_pending_prices", {})
        return int(pending[str(root.pk)]) if str(root.pk) in pending else None


class PortalMedia(graphene.ObjectType):
    id = graphene.ID(required=True)
    url = graphene.String(required=True)
    alt = graphene.String()
    is_pending = graphene.Boolean(required=True)


class PortalCertificate(graphene.ObjectType):
    id = graphene.ID(required=True)
    stars = graphene.Int(required=True)
    certificate_number = graphene.String(required=True)
    status = graphene.String(required=True)
    issued_on = graphene.Date(required=True)
    expires_on = graphene.Date(required=True)
    days_left = graphene.Int(required=True)

    @staticmethod
    def resolve_id(root, info):
        return gid("OcopCertificate", root.pk)

    @staticmethod
    def resolve_days_left(root, info):
        return (root.expires_on - timezone.localdate()).days


class PortalCertificateUpload(graphene.ObjectType):
    id = graphene.ID(required=True)
    status = graphene.String(required=True)
    reason = graphene.String()
    content_type = graphene.String(required=True)
    size = graphene.Int(required=True)
    url = graphene.String(required=True, description="Permission-checked download URL.")
    certificate = graphene.Field(PortalCertificate)
    product_name = graphene.String(required=True)

    @staticmethod
    def resolve_id(root, info):
        return gid("CertificateUpload", root.pk)

    @staticmethod
    def resolve_url(root, info):
        return reverse("portal:certificate-scan", args=[root.pk])

    @staticmethod
    def resolve_product_name(root, info):
        return root.product.name


class PortalProduct(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    description = graphene.String()
    moderation_status = graphene.String(required=True)
    moderation_reason = graphene.String()
    pending_name = graphene.String()
    category = graphene.Field(PortalCategory)
    variants = graphene.List(graphene.NonNull(PortalVariant), required=True)
    media = graphene.List(graphene.NonNull(PortalMedia), required=True)
    certificates = graphene.List(graphene.NonNull(PortalCertificate), required=True)
    certificate_uploads = graphene.List(graphene.NonNull(PortalCertificateUpload), required=True)

    @staticmethod
    def resolve_id(root, info):
        return gid("Product", root.pk)

    @staticmethod
    def resolve_pending_name(root, info):
        rev = next((r for r in root.revisions.all() if r.status == ReviewStatus.PENDING), None)
        return rev.name or None if rev else None

    @staticmethod
    def resolve_variants(root, info):
        rev = next((r for r in root.revisions.all() if r.status == ReviewStatus.PENDING), None)
        variants = list(root.variants.all())
        for v in variants:
            v._pending_prices = rev.prices if rev else {}
        return variants

    @staticmethod
    def resolve_media(root, info):
        live = [PortalMedia(id=gid("ProductMedia", m.pk), url=rendition_url(m, 512), alt=m.alt, is_pending=False)
                for m in root.media.all()]
        pending = [PortalMedia(id=gid("PendingImage", p.pk), url=reverse("portal:pending-image", args=[p.pk]),
                               alt=p.alt, is_pending=True) for p in root.pending_images.all()]
        return live + pending

    @staticmethod
    def resolve_certificates(root, info):
        return root.certificates.all()

    @staticmethod
    def resolve_certificate_uploads(root, info):
        return root.certificate_uploads.all()


class PortalProducer(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    status = graphene.String(required=True)
    tax_code = graphene.String(required=True)
    role = graphene.String(description="The viewer's role in this producer (owner/member).")

    @staticmethod
    def resolve_id(root, info):
        return gid("Producer", root.pk)


class PortalStock(graphene.ObjectType):
    warehouse_id = graphene.ID(required=True)
    warehouse_name = graphene.String(required=True)
    warehouse_kind = graphene.String(required=True)
    variant_id = graphene.ID(required=True)
    sku = graphene.String(required=True)
    product_name = graphene.String(required=True)
    quantity = graphene.Int(required=True)
    allocated = graphene.Int(required=True)
    editable = graphene.Boolean(required=True)

    @staticmethod
    def resolve_warehouse_id(root, info):
        return gid("Warehouse", root.warehouse_id)

    @staticmethod
    def resolve_variant_id(root, info):
        return gid("ProductVariant", root.variant_id)


class ProducerOrderLine(graphene.ObjectType):
    """One line of the producer's own goods (never the customer's whole order or other lines)."""

    id = graphene.ID(required=True)
    order_number = graphene.String(required=True)
    created_at = graphene.DateTime(required=True)
    channel_name = graphene.String(required=True)
    product_name = graphene.String(required=True)
    product_sku = graphene.String()
    quantity = graphene.Int(required=True)
    quantity_returned = graphene.Int(required=True)
    unit_price = graphene.Int(required=True)
    total_price = graphene.Int(required=True)

    @staticmethod
    def resolve_id(root, info):
        return gid("OrderLine", root.pk)

    @staticmethod
    def resolve_order_number(root, info):
        return str(root.order.number)

    @staticmethod
    def resolve_created_at(root, info):
        return root.order.created_at

    @staticmethod
    def resolve_channel_name(root, info):
        return root.order.channel.name


class SalesBucket(graphene.ObjectType):
    start = graphene.Date(required=True)
    units = graphene.Int(required=True)
    revenue = graphene.Int(required=True)


class SalesByChannel(graphene.ObjectType):
    channel_name = graphene.String(required=True)
    channel_kind = graphene.String(required=True)
    units = graphene.Int(required=True)
    revenue = graphene.Int(required=True)


class SalesTopProduct(graphene.ObjectType):
    name = graphene.String(required=True)
    sku = graphene.String()
    units = graphene.Int(required=True)
    revenue = graphene.Int(required=True)


class ProducerSalesReport(graphene.ObjectType):
    period = graphene.String(required=True)
    units = graphene.Int(required=True)
    revenue = graphene.Int(required=True)
    buckets = graphene.List(graphene.NonNull(SalesBucket), required=True)
    channels = graphene.List(graphene.NonNull(SalesByChannel), required=True)
    top_products = graphene.List(graphene.NonNull(SalesTopProduct), required=True)


class StatementChannelRow(graphene.ObjectType):
    channel_name = graphene.String(required=True)
    gross = graphene.Int(required=True)
    returns = graphene.Int(required=True)
    net = graphene.Int(required=True)
    commission_rate_percent = graphene.Float(required=True)
    commission = graphene.Int(required=True)
    payable = graphene.Int(required=True)

    @staticmethod
    def resolve_commission_rate_percent(root, info):
        return root.rate_bp / 100


class ProducerStatement(graphene.ObjectType):
    month = graphene.String(required=True)
    gross = graphene.Int(required=True)
    returns = graphene.Int(required=True)
    net = graphene.Int(required=True)
    commission = graphene.Int(required=True)
    payable = graphene.Int(required=True)
    channels = graphene.List(graphene.NonNull(StatementChannelRow), required=True)
    pdf_url = graphene.String(required=True)
    csv_url = graphene.String(required=True)

    @staticmethod
    def resolve_pdf_url(root, info):
        return reverse("portal:statement-file", args=[root.month, "pdf"])

    @staticmethod
    def resolve_csv_url(root, info):
        return reverse("portal:statement-file", args=[root.month, "csv"])


class ProducerApplicationType(graphene.ObjectType):
    class Meta:
        name = "ProducerApplication"

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    tax_code = graphene.String(required=True)
    legal_form = graphene.String(required=True)
    ward_name = graphene.String(required=True)
    status = graphene.String(required=True)
    reason = graphene.String()

    @staticmethod
    def resolve_id(root, info):
        return gid("ProducerApplication", root.pk)


class ProducerInvitationType(graphene.ObjectType):
    class Meta:
        name = "ProducerInvitation"

    id = graphene.ID(required=True)
    email = graphene.String(required=True)
    role = graphene.String(required=True)

    @staticmethod
    def resolve_id(root, info):
        return gid("ProducerInvitation", root.pk)


class ModerationQueue(graphene.ObjectType):
    submitted_products = graphene.List(graphene.NonNull(PortalProduct), required=True)
    revised_products = graphene.List(graphene.NonNull(PortalProduct), required=True)
    certificate_uploads = graphene.List(graphene.NonNull(PortalCertificateUpload), required=True)
    producer_applications = graphene.List(graphene.NonNull(ProducerApplicationType), required=True)
