"""Staff catalogue mutations (Saleor names): productCreate/Update/Delete, productVariantCreate/Update,
productChannelListingUpdate, productVariantChannelListingUpdate, productMediaCreate (multipart upload).
Rules live in catalog.services / catalog.media; these only translate input and output."""

from __future__ import annotations

import graphene
from django.utils.translation import gettext as _
from graphene_file_upload.scalars import Upload

from accounts.permissions import Perm, has_perm
from catalog import services
from catalog.media import media_create
from catalog.models import Category, Collection, Product, ProductType, ProductVariant
from channels.models import Channel
from core.api_mutation import ApiMutation
from core.errors import DomainError, NotFound, PermissionDenied
from core.graphql import decode_global_id, error_type
from producers.models import Producer

from .context import ChannelContext
from .filters import ProductModerationStatusEnum
from .types import ProductMediaObject, ProductObject, ProductVariantObject

ProductError = error_type("ProductError", ["PRODUCT_NOT_ASSIGNED_TO_CHANNEL"])


FIELD_ALIASES = {"vat_rate": "tax_rate", "weight_grams": "weight", "product_type": "product_type"}


class MetadataInput(graphene.InputObjectType):
    key = graphene.String(required=True)
    value = graphene.String(required=True)


class ProductInput(graphene.InputObjectType):
    name = graphene.String()
    slug = graphene.String()
    short_name = graphene.String(description="OCOP: short name printed on labels (≤ 40 characters).")
    description = graphene.String(description="HTML; sanitised on save.")
    category = graphene.ID()
    producer = graphene.ID()
    collections = graphene.List(graphene.NonNull(graphene.ID))
    tax_rate = graphene.Int(description="VAT rate in percent (0, 5, 8 or 10); empty = the product type's.")
    weight = graphene.Int(description="Weight in grams.")
    is_featured = graphene.Boolean()
    metadata = graphene.List(graphene.NonNull(MetadataInput))
    private_metadata = graphene.List(graphene.NonNull(MetadataInput))
    moderation_status = graphene.Field(ProductModerationStatusEnum, description="Needs MODERATE_LISTINGS.")
    moderation_reason = graphene.String()


class ProductCreateInput(ProductInput):
    product_type = graphene.ID(required=True)


def _get(model, gid: str | None, type_name: str, field: str):
    if not gid:
        return None
    obj = model.objects.filter(pk=decode_global_id(gid, type_name, field=field)).first()
    if obj is None:
        raise NotFound(_("Không tìm thấy %(t)s: %(id)s") % {"t": type_name, "id": gid}, field=field)
    return obj


def _product_data(info, data: dict) -> dict:
    out: dict = {}
    for key in ("name", "slug", "short_name", "description", "is_featured", "moderation_reason"):
        if key in data and data[key] is not None:
            out[key] = data[key]
    if "tax_rate" in data:
        out["vat_rate"] = data["tax_rate"]
    if "weight" in data:
        out["weight_grams"] = data["weight"]
    for key in ("metadata", "private_metadata"):
        if data.get(key) is not None:
            out[key] = {item["key"]: item["value"] for item in data[key]}
    if data.get("category"):
        out["category"] = _get(Category, data["category"], "Category", "category")
    if data.get("producer"):
        out["producer"] = _get(Producer, data["producer"], "Producer", "producer")
    if data.get("moderation_status") is not None:
        if not has_perm(info.context.user, Perm.MODERATE_LISTINGS):
            raise PermissionDenied(_("Bạn không có quyền duyệt sản phẩm."), field="moderation_status")
        out["moderation_status"] = getattr(data["moderation_status"], "value", data["moderation_status"])
    return out


def _collections(data: dict) -> list[Collection] | None:
    if data.get("collections") is None:
        return None
    return [_get(Collection, gid, "Collection", "collections") for gid in data["collections"]]


class ProductCreate(ApiMutation):
    """Create a product (draft unless a moderator sets its status)."""

    class Arguments:
        input = ProductCreateInput(required=True)

    class Meta:
        error_type_class = ProductError
        permissions = (Perm.MANAGE_PRODUCTS,)

    field_aliases = FIELD_ALIASES

    product = graphene.Field(ProductObject)

    @classmethod
    def perform_mutation(cls, root, info, input):
        data = _product_data(info, input)
        if not data.get("name"):
            raise DomainError(_("Thiếu tên sản phẩm."), field="name", code="REQUIRED")
        if "producer" not in data:
            raise DomainError(_("Thiếu chủ thể OCOP."), field="producer", code="REQUIRED")
        product_type = _get(ProductType, input["product_type"], "ProductType", "product_type")
        product = services.product_create(product_type=product_type, collections=_collections(input), **data)
        return {"product": ChannelContext(product, None)}


class ProductUpdate(ApiMutation):
    class Arguments:
        id = graphene.ID(required=True)
        input = ProductInput(required=True)

    class Meta:
        error_type_class = ProductError
        permissions = (Perm.MANAGE_PRODUCTS,)

    field_aliases = FIELD_ALIASES

    product = graphene.Field(ProductObject)

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        product = _get(Product, id, "Product", "id")
        product = services.product_update(product=product, collections=_collections(input),
                                          **_product_data(info, input))
        return {"product": ChannelContext(product, None)}


class ProductDelete(ApiMutation):
    class Arguments:
        id = graphene.ID(required=True)

    class Meta:
        error_type_class = ProductError
        permissions = (Perm.MANAGE_PRODUCTS,)

    field_aliases = FIELD_ALIASES

    product = graphene.Field(ProductObject)

    @classmethod
    def perform_mutation(cls, root, info, id):
        product = _get(Product, id, "Product", "id")
        pk = product.pk
        services.product_delete(product=product)
        product.pk = pk  # keep the ID in the response, as Saleor does
        return {"product": ChannelContext(product, None)}


class ProductVariantInput(graphene.InputObjectType):
    sku = graphene.String()
    gtin = graphene.String(description="GTIN-13 (check digit verified).")
    name = graphene.String()
    track_inventory = graphene.Boolean()
    quantity_limit_per_customer = graphene.Int()
    weight = graphene.Int(description="Weight in grams.")
    metadata = graphene.List(graphene.NonNull(MetadataInput))


class ProductVariantCreateInput(ProductVariantInput):
    product = graphene.ID(required=True)


def _variant_data(data: dict) -> dict:
    out = {k: data[k] for k in ("sku", "gtin", "name", "track_inventory", "quantity_limit_per_customer")
           if k in data and (data[k] is not None or k in ("gtin", "quantity_limit_per_customer"))}
    if "weight" in data:
        out["weight_grams"] = data["weight"]
    if data.get("metadata") is not None:
        out["metadata"] = {item["key"]: item["value"] for item in data["metadata"]}
    return out


class ProductVariantCreate(ApiMutation):
    class Arguments:
        input = ProductVariantCreateInput(required=True)

    class Meta:
        error_type_class = ProductError
        permissions = (Perm.MANAGE_PRODUCTS,)

    field_aliases = FIELD_ALIASES

    product_variant = graphene.Field(ProductVariantObject)

    @classmethod
    def perform_mutation(cls, root, info, input):
        product = _get(Product, input["product"], "Product", "product")
        data = _variant_data(input)
        if not data.get("sku"):
            raise DomainError(_("Thiếu mã SKU."), field="sku", code="REQUIRED")
        variant = services.variant_create(product=product, **data)
        return {"product_variant": ChannelContext(variant, None)}


class ProductVariantUpdate(ApiMutation):
    class Arguments:
        id = graphene.ID()
        sku = graphene.String()
        input = ProductVariantInput(required=True)

    class Meta:
        error_type_class = ProductError
        permissions = (Perm.MANAGE_PRODUCTS,)

    field_aliases = FIELD_ALIASES

    product_variant = graphene.Field(ProductVariantObject)

    @classmethod
    def perform_mutation(cls, root, info, input, id=None, sku=None):
        if bool(id) == bool(sku):
            raise DomainError(_("Hãy cung cấp đúng một trong hai: id hoặc sku."), field="id", code="REQUIRED")
        variant = (_get(ProductVariant, id, "ProductVariant", "id") if id
                   else ProductVariant.objects.filter(sku__iexact=sku).first())
        if variant is None:
            raise NotFound(_("Không tìm thấy phân loại có SKU %(s)s.") % {"s": sku}, field="sku")
        variant = services.variant_update(variant=variant, **_variant_data(input))
        return {"product_variant": ChannelContext(variant, None)}


class ProductChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True)
    is_published = graphene.Boolean()
    published_at = graphene.DateTime()
    visible_in_listings = graphene.Boolean()
    is_available_for_purchase = graphene.Boolean()
    available_for_purchase_at = graphene.DateTime()


class ProductChannelListingUpdateInput(graphene.InputObjectType):
    update_channels = graphene.List(graphene.NonNull(ProductChannelListingAddInput))
    remove_channels = graphene.List(graphene.NonNull(graphene.ID))


class ProductChannelListingUpdate(ApiMutation):
    """Publish or unpublish a product per channel (the listing gate still requires approval and a certificate)."""

    class Arguments:
        id = graphene.ID(required=True)
        input = ProductChannelListingUpdateInput(required=True)

    class Meta:
        error_type_class = ProductError
        permissions = (Perm.MANAGE_PRODUCTS,)

    field_aliases = FIELD_ALIASES

    product = graphene.Field(ProductObject)

    @classmethod
    def perform_mutation(cls, root, info, id, input):
        product = _get(Product, id, "Product", "id")
        changes = [
            services.ChannelListingChange(
                channel=_get(Channel, item["channel_id"], "Channel", f"update_channels.{i}.channel_id"),
                is_published=item.get("is_published"), published_at=item.get("published_at"),
                visible_in_listings=item.get("visible_in_listings"),
                is_available_for_purchase=item.get("is_available_for_purchase"),
                available_for_purchase_at=item.get("available_for_purchase_at"),
            )
            for i, item in enumerate(input.get("update_channels") or [])
        ]
        removed = [_get(Channel, gid, "Channel", "remove_channels") for gid in input.get("remove_channels") or []]
        services.product_channel_listing_update(product=product, update_channels=changes, remove_channels=removed)
        return {"product": ChannelContext(product, None)}


class ProductVariantChannelListingAddInput(graphene.InputObjectType):
    channel_id = graphene.ID(required=True)
    price = graphene.Float(required=True, description="Price in VND including VAT (whole đồng).")
    cost_price = graphene.Float()


class ProductVariantChannelListingUpdate(ApiMutation):
    """Set a variant's price per channel (integer VND, VAT included)."""

    class Arguments:
        id = graphene.ID(required=True)
        input = graphene.List(graphene.NonNull(ProductVariantChannelListingAddInput), required=True)
        remove_channels = graphene.List(graphene.NonNull(graphene.ID))

    class Meta:
        error_type_class = ProductError
        permissions = (Perm.MANAGE_PRODUCTS,)

    field_aliases = FIELD_ALIASES

    variant = graphene.Field(ProductVariantObject)

    @classmethod
    def perform_mutation(cls, root, info, id, input, remove_channels=None):
        variant = _get(ProductVariant, id, "ProductVariant", "id")
        changes = []
        for i, item in enumerate(input):
            for key in ("price", "cost_price"):
                value = item.get(key)
                if value is not None and value != int(value):
                    raise DomainError(_("Giá phải là số nguyên đồng."), field=f"input.{i}.{key}", code="INVALID")
            changes.append(services.VariantPriceChange(
                channel=_get(Channel, item["channel_id"], "Channel", f"input.{i}.channel_id"),
                price=int(item["price"]),
                cost_price=int(item["cost_price"]) if item.get("cost_price") is not None else None,
            ))
        removed = [_get(Channel, gid, "Channel", "remove_channels") for gid in remove_channels or []]
        variant = services.variant_channel_listing_update(variant=variant, update_channels=changes,
                                                          remove_channels=removed)
        return {"variant": ChannelContext(variant, None)}


class ProductMediaCreateInput(graphene.InputObjectType):
    product = graphene.ID(required=True)
    image = Upload(description="JPEG, PNG or WebP (decided by content), at most 10 MB.")
    alt = graphene.String()


class ProductMediaCreate(ApiMutation):
    """Upload an image (multipart request, GraphQL multipart spec)."""

    class Arguments:
        input = ProductMediaCreateInput(required=True)

    class Meta:
        error_type_class = ProductError
        permissions = (Perm.MANAGE_PRODUCTS,)

    field_aliases = FIELD_ALIASES

    product = graphene.Field(ProductObject)
    media = graphene.Field(ProductMediaObject)

    @classmethod
    def perform_mutation(cls, root, info, input):
        product = _get(Product, input["product"], "Product", "product")
        if not input.get("image"):
            raise DomainError(_("Hãy chọn tệp ảnh."), field="image", code="REQUIRED")
        media = media_create(product=product, upload=input["image"], alt=input.get("alt") or "")
        return {"product": ChannelContext(product, None), "media": media}


class Mutation(graphene.ObjectType):
    product_create = ProductCreate.Field()
    product_update = ProductUpdate.Field()
    product_delete = ProductDelete.Field()
    product_variant_create = ProductVariantCreate.Field()
    product_variant_update = ProductVariantUpdate.Field()
    product_channel_listing_update = ProductChannelListingUpdate.Field()
    product_variant_channel_listing_update = ProductVariantChannelListingUpdate.Field()
    product_media_create = ProductMediaCreate.Field()
