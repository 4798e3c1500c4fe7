"""Product graph types in Saleor 3's names: Product, ProductVariant, ProductMedia, Category, Collection,
ProductType, plus the OCOP fields (Product.ocop, Product.producer). Nested fields read through the
request's batch loaders (catalog.api.loaders)."""

from __future__ import annotations

import graphene
from graphql_relay import to_global_id

from accounts.permissions import Perm, has_perm
from catalog.gate import is_available_for_purchase
from catalog.media import rendition_url
from certification.api import OcopCertificateType, ProductOcop
from core.connections import connection_args, countable_connection, paginate
from core.loaders import get_loader, hint
from inventory.graphql.types import StockType
from inventory.graphql.variant import AddressInput, resolve_variant_quantity_available, resolve_variant_stocks

from . import loaders as L
from .context import ChannelContext, is_product_staff
from .filters import ProductFilterInput, ProductModerationStatusEnum, ProductOrder
from .money import ProductPricingInfo, VariantPricingInfo, money, product_pricing, variant_pricing
from .products import UNSET, product_list

ThumbnailFormatEnum = graphene.Enum("ThumbnailFormatEnum", [("ORIGINAL", "original"), ("WEBP", "webp")])
ProductMediaTypeEnum = graphene.Enum("ProductMediaType", [("IMAGE", "IMAGE")])


def _gid(type_name: str):
    def resolve(root, info):
        node = root.node if isinstance(root, ChannelContext) else root
        return to_global_id(type_name, node.pk)
    return resolve


def _absolute(info, url: str) -> str:
    return info.context.build_absolute_uri(url) if url else url


def image_url(info, media, size: int | None, fmt) -> str:
    fmt = getattr(fmt, "value", fmt)
    if fmt == "original":
        return _absolute(info, media.image.url) if media.image else ""
    return _absolute(info, rendition_url(media, size))


class MetadataItem(graphene.ObjectType):
    key = graphene.String(required=True)
    value = graphene.String(required=True)


def metadata_items(data: dict | None) -> list[MetadataItem]:
    return [MetadataItem(key=k, value=str(v)) for k, v in sorted((data or {}).items())]


class Image(graphene.ObjectType):
    url = graphene.String(required=True)
    alt = graphene.String()


class Weight(graphene.ObjectType):
    unit = graphene.String(required=True)
    value = graphene.Float(required=True)


def weight(grams: int | None) -> Weight | None:
    return Weight(unit="G", value=grams) if grams is not None else None


def product_connection_args():
    """Arguments of every product connection; `channel` is a slug, as in Saleor."""
    return connection_args(
        channel=graphene.String(description="Slug of a channel for which the data should be returned."),
        filter=ProductFilterInput(), sort_by=ProductOrder(),
        search=graphene.String(description="Same as `filter.search` (Saleor 3.14+ top-level argument)."),
    )


class AttributeType(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)

    class Meta:
        name = "Attribute"

    resolve_id = staticmethod(_gid("Attribute"))


class AttributeValueType(graphene.ObjectType):
    name = graphene.String(required=True)
    plain_text = graphene.String()

    class Meta:
        name = "AttributeValue"


class SelectedAttribute(graphene.ObjectType):
    """A label fact (ingredients, net quantity, shelf life, origin…) and its value."""

    attribute = graphene.Field(AttributeType, required=True)
    values = graphene.List(graphene.NonNull(AttributeValueType), required=True)


class ProductTypeType(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    has_variants = graphene.Boolean(required=True)
    is_shipping_required = graphene.Boolean(required=True)
    tax_rate = graphene.Int(required=True, description="VAT rate in percent.")

    class Meta:
        name = "ProductType"

    resolve_id = staticmethod(_gid("ProductType"))

    @staticmethod
    def resolve_tax_rate(root, info):
        return root.vat_rate


class CategoryType(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    description = graphene.String()
    level = graphene.Int(required=True)
    ocop_group_code = graphene.String(description="OCOP group code (Decision 148/QĐ-TTg).")
    parent = graphene.Field(lambda: CategoryType)
    children = graphene.Field(lambda: countable_connection(CategoryType), **connection_args())
    products = graphene.Field(lambda: countable_connection(ProductObject), **product_connection_args())
    metadata = graphene.List(graphene.NonNull(MetadataItem), required=True)

    class Meta:
        name = "Category"
        description = "An OCOP group or sub-group."

    resolve_id = staticmethod(_gid("Category"))

    @staticmethod
    def resolve_parent(root, info):
        return root.parent if root.parent_id else None

    @staticmethod
    def resolve_children(root, info, **page):
        items = get_loader(info, L.ChildrenByCategory).load(root.pk)
        return paginate(items, countable_connection(CategoryType), field="children", **page)

    @staticmethod
    def resolve_products(root, info, channel=None, filter=None, sort_by=None, search=None, **page):
        flt = dict(filter or {})
        flt["categories"] = [to_global_id("Category", root.pk)]
        return resolve_products(info, channel=channel, filter=flt, sort_by=sort_by, search=search, field="products",
                                **page)

    @staticmethod
    def resolve_metadata(root, info):
        return metadata_items(root.metadata)


class CollectionType(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    description = graphene.String()
    channel = graphene.String(description="Slug of the channel the collection is shown in.")
    background_image = graphene.Field(Image)
    products = graphene.Field(lambda: countable_connection(ProductObject),
                              **connection_args(filter=ProductFilterInput(), sort_by=ProductOrder()))
    metadata = graphene.List(graphene.NonNull(MetadataItem), required=True)

    class Meta:
        name = "Collection"

    resolve_id = staticmethod(_gid("Collection"))

    @staticmethod
    def resolve_name(root, info):
        return root.node.name

    @staticmethod
    def resolve_slug(root, info):
        return root.node.slug

    @staticmethod
    def resolve_description(root, info):
        return root.node.description

    @staticmethod
    def resolve_channel(root, info):
        return root.channel.slug if root.channel else None

    @staticmethod
    def resolve_background_image(root, info):
        img = root.node.background_image
        return Image(url=_absolute(info, img.url), alt=root.node.name) if img else None

    @staticmethod
    def resolve_products(root, info, filter=None, sort_by=None, **page):
        flt = dict(filter or {})
        flt["collections"] = [to_global_id("Collection", root.node.pk)]
        return resolve_products(info, channel_obj=root.channel, filter=flt, sort_by=sort_by, field="products",
                                **page)

    @staticmethod
    def resolve_metadata(root, info):
        return metadata_items(root.node.metadata)


class ProductMediaObject(graphene.ObjectType):
    id = graphene.ID(required=True)
    sort_order = graphene.Int()
    alt = graphene.String(required=True)
    type = graphene.Field(ProductMediaTypeEnum, required=True)
    url = graphene.String(required=True, size=graphene.Int(), format=graphene.Argument(ThumbnailFormatEnum))
    width = graphene.Int()
    height = graphene.Int()
    is_placeholder = graphene.Boolean(required=True, description="OCOP: a generated placeholder, not a real photo.")

    class Meta:
        name = "ProductMedia"

    resolve_id = staticmethod(_gid("ProductMedia"))

    @staticmethod
    def resolve_type(root, info):
        return "IMAGE"

    @staticmethod
    def resolve_url(root, info, size=None, format=None):
        return image_url(info, root, size, format or "webp")


class ChannelListingType(graphene.ObjectType):
    id = graphene.ID(required=True)
    channel = graphene.Field("channels.api.ChannelType", required=True)
    is_published = graphene.Boolean(required=True)
    published_at = graphene.DateTime()
    visible_in_listings = graphene.Boolean(required=True)
    is_available_for_purchase = graphene.Boolean()
    available_for_purchase_at = graphene.DateTime()

    class Meta:
        name = "ProductChannelListing"

    resolve_id = staticmethod(_gid("ProductChannelListing"))

    @staticmethod
    def resolve_is_available_for_purchase(root, info):
        return is_available_for_purchase(root.available_for_purchase_at)


class VariantChannelListingType(graphene.ObjectType):
    id = graphene.ID(required=True)
    channel = graphene.Field("channels.api.ChannelType", required=True)
    price = graphene.Field("catalog.api.money.Money")
    cost_price = graphene.Field("catalog.api.money.Money")

    class Meta:
        name = "ProductVariantChannelListing"

    resolve_id = staticmethod(_gid("ProductVariantChannelListing"))

    @staticmethod
    def resolve_price(root, info):
        return money(root.price_amount, root.currency)

    @staticmethod
    def resolve_cost_price(root, info):
        return money(root.cost_price_amount, root.currency) if root.cost_price_amount is not None else None


class ProductVariantObject(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    sku = graphene.String()
    gtin = graphene.String(description="OCOP: GTIN-13 barcode.")
    product = graphene.Field(lambda: ProductObject, required=True)
    channel = graphene.String()
    pricing = graphene.Field(VariantPricingInfo)
    quantity_available = graphene.Int(
        address=graphene.Argument(AddressInput), warehouse=graphene.ID(), channel=graphene.String(),
        description="Units available to buy in the channel's warehouses (or one warehouse): quantity − "
                    "allocated − others' reservations.")
    stocks = graphene.List(graphene.NonNull(StockType), address=graphene.Argument(AddressInput),
                           warehouse=graphene.ID(), description="Stocks you may see (staff / your warehouses).")
    track_inventory = graphene.Boolean(required=True)
    quantity_limit_per_customer = graphene.Int()
    weight = graphene.Field(Weight)
    channel_listings = graphene.List(graphene.NonNull(VariantChannelListingType), description="Staff only.")
    metadata = graphene.List(graphene.NonNull(MetadataItem), required=True)
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)

    class Meta:
        name = "ProductVariant"

    resolve_id = staticmethod(_gid("ProductVariant"))

    @staticmethod
    def resolve_name(root, info):
        return root.node.name

    @staticmethod
    def resolve_sku(root, info):
        return root.node.sku

    @staticmethod
    def resolve_gtin(root, info):
        return root.node.gtin

    @staticmethod
    def resolve_product(root, info):
        return ChannelContext(root.node.product, root.channel)

    @staticmethod
    def resolve_channel(root, info):
        return root.channel.slug if root.channel else None

    @staticmethod
    def resolve_pricing(root, info):
        if root.channel is None:
            return None
        price = get_loader(info, L.PricesByVariant, root.channel).load(root.node.pk)
        if price is None:
            return None
        return variant_pricing(price, root.node.product.effective_vat_rate, root.channel.currency_code)

    @staticmethod
    def resolve_quantity_available(root, info, address=None, warehouse=None, channel=None):
        if address or warehouse or channel or root.channel is None:
            return resolve_variant_quantity_available(root.node, info, address=address, warehouse=warehouse,
                                                      channel=channel or (root.channel.slug if root.channel else None))
        return get_loader(info, L.QuantityByVariant, root.channel.pk).load(root.node.pk)

    @staticmethod
    def resolve_stocks(root, info, address=None, warehouse=None):
        return resolve_variant_stocks(root.node, info, address=address, warehouse=warehouse)

    @staticmethod
    def resolve_track_inventory(root, info):
        return root.node.track_inventory

    @staticmethod
    def resolve_quantity_limit_per_customer(root, info):
        return root.node.quantity_limit_per_customer

    @staticmethod
    def resolve_weight(root, info):
        return weight(root.node.weight_grams)

    @staticmethod
    def resolve_channel_listings(root, info):
        if not is_product_staff(info):
            return None
        return get_loader(info, L.VariantListingsByVariant).load(root.node.pk)

    @staticmethod
    def resolve_metadata(root, info):
        return metadata_items(root.node.metadata)

    @staticmethod
    def resolve_created(root, info):
        return root.node.created_at

    @staticmethod
    def resolve_updated_at(root, info):
        return root.node.updated_at


class ProductObject(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    short_name = graphene.String()
    description = graphene.String(description="Sanitised HTML.")
    description_plaintext = graphene.String()
    channel = graphene.String(description="Slug of the channel the product is shown in.")
    product_type = graphene.Field(ProductTypeType, required=True)
    category = graphene.Field(CategoryType)
    collections = graphene.List(graphene.NonNull(CollectionType))
    producer = graphene.Field("producers.api.ProducerType", required=True, description="OCOP: the producer (chủ thể OCOP).")
    ocop = graphene.Field(ProductOcop, description="OCOP: the certificate shown with the product.")
    attributes = graphene.List(graphene.NonNull(SelectedAttribute), required=True,
                               description="Label facts (Decree 43/2017/NĐ-CP).")
    certificates = graphene.List(graphene.NonNull(OcopCertificateType), description="Staff only: all certificates.")
    variants = graphene.List(graphene.NonNull(ProductVariantObject))
    media = graphene.List(graphene.NonNull(ProductMediaObject))
    thumbnail = graphene.Field(Image, size=graphene.Int(description="Longest side in pixels."),
                               format=graphene.Argument(ThumbnailFormatEnum, description="Defaults to WEBP."))
    pricing = graphene.Field(ProductPricingInfo, description="Prices in the channel (VND, VAT included).")
    is_available = graphene.Boolean(description="Visible, available for purchase and in stock in the channel.")
    is_available_for_purchase = graphene.Boolean()
    available_for_purchase_at = graphene.DateTime()
    moderation_status = graphene.Field(ProductModerationStatusEnum, required=True)
    channel_listings = graphene.List(graphene.NonNull(ChannelListingType), description="Staff only.")
    weight = graphene.Field(Weight)
    tax_rate = graphene.Int(required=True, description="VAT rate in percent.")
    is_featured = graphene.Boolean(required=True)
    metadata = graphene.List(graphene.NonNull(MetadataItem), required=True)
    metafield = graphene.String(key=graphene.String(required=True))
    private_metadata = graphene.List(graphene.NonNull(MetadataItem), description="Staff only.")
    created = graphene.DateTime(required=True)
    updated_at = graphene.DateTime(required=True)

    class Meta:
        name = "Product"

    resolve_id = staticmethod(_gid("Product"))

    @staticmethod
    def resolve_name(root, info):
        return root.node.name

    @staticmethod
    def resolve_slug(root, info):
        return root.node.slug

    @staticmethod
    def resolve_short_name(root, info):
        return root.node.short_name

    @staticmethod
    def resolve_description(root, info):
        return root.node.description

    @staticmethod
    def resolve_description_plaintext(root, info):
        return root.node.description_plaintext

    @staticmethod
    def resolve_channel(root, info):
        return root.channel.slug if root.channel else None

    @staticmethod
    def resolve_product_type(root, info):
        return root.node.product_type

    @staticmethod
    def resolve_category(root, info):
        return root.node.category

    @staticmethod
    def resolve_producer(root, info):
        return root.node.producer

    @staticmethod
    def resolve_collections(root, info):
        public = not is_product_staff(info)
        cols = get_loader(info, L.CollectionsByProduct, root.channel_id, public).load(root.node.pk)
        return [ChannelContext(c, root.channel) for c in cols]

    @staticmethod
    def resolve_ocop(root, info):
        return get_loader(info, L.CertificateByProduct).load(root.node.pk)

    @staticmethod
    def resolve_attributes(root, info):
        values = get_loader(info, L.AttributesByProduct).load(root.node.pk)
        return [SelectedAttribute(attribute=v.attribute, values=[AttributeValueType(name=v.value, plain_text=v.value)])
                for v in values]

    @staticmethod
    def resolve_certificates(root, info):
        if not (is_product_staff(info) or has_perm(info.context.user, Perm.MANAGE_CERTIFICATES)):
            return None
        return get_loader(info, L.CertificatesByProduct).load(root.node.pk)

    @staticmethod
    def resolve_variants(root, info):
        variants = get_loader(info, L.VariantsByProduct).load(root.node.pk)
        for v in variants:
            v.product = root.node  # the parent is already loaded
        if root.channel is not None and not is_product_staff(info):
            prices = get_loader(info, L.PricesByVariant, root.channel)
            variants = [v for v in variants if prices.load(v.pk) is not None]
        return [ChannelContext(v, root.channel) for v in variants]

    @staticmethod
    def resolve_media(root, info):
        return get_loader(info, L.MediaByProduct).load(root.node.pk)

    @staticmethod
    def resolve_thumbnail(root, info, size=None, format=None):
        media = get_loader(info, L.MediaByProduct).load(root.node.pk)
        if not media:
            return None
        first = media[0]
        return Image(url=image_url(info, first, size, format or "webp"), alt=first.alt or root.node.name)

    @staticmethod
    def resolve_pricing(root, info):
        if root.channel is None:
            return None
        variants = get_loader(info, L.VariantsByProduct).load(root.node.pk)
        loader = get_loader(info, L.PricesByVariant, root.channel)
        prices = [p for p in (loader.load(v.pk) for v in variants) if p is not None]
        return product_pricing(prices, root.node.effective_vat_rate, root.channel.currency_code)

    @staticmethod
    def _listing(root, info):
        if root.channel is None:
            return None
        return get_loader(info, L.ListingByProduct, root.channel.pk).load(root.node.pk)

    @staticmethod
    def resolve_is_available_for_purchase(root, info):
        listing = ProductObject._listing(root, info)
        if listing is None:
            return None
        return is_available_for_purchase(listing.available_for_purchase_at)

    @staticmethod
    def resolve_available_for_purchase_at(root, info):
        listing = ProductObject._listing(root, info)
        return listing.available_for_purchase_at if listing else None

    @staticmethod
    def resolve_is_available(root, info):
        if root.channel is None:
            return None
        if not get_loader(info, L.VisibleInChannel, root.channel.pk).load(root.node.pk):
            return False
        if not ProductObject.resolve_is_available_for_purchase(root, info):
            return False
        variants = get_loader(info, L.VariantsByProduct).load(root.node.pk)
        prices = get_loader(info, L.PricesByVariant, root.channel)
        stock = get_loader(info, L.QuantityByVariant, root.channel.pk)
        return any(prices.load(v.pk) is not None and (not v.track_inventory or stock.load(v.pk) > 0)
                   for v in variants)

    @staticmethod
    def resolve_moderation_status(root, info):
        return str(root.node.moderation_status)

    @staticmethod
    def resolve_channel_listings(root, info):
        if not is_product_staff(info):
            return None
        return get_loader(info, L.ListingsByProduct).load(root.node.pk)

    @staticmethod
    def resolve_weight(root, info):
        return weight(root.node.weight_grams)

    @staticmethod
    def resolve_tax_rate(root, info):
        return root.node.effective_vat_rate

    @staticmethod
    def resolve_is_featured(root, info):
        return root.node.is_featured

    @staticmethod
    def resolve_metadata(root, info):
        return metadata_items(root.node.metadata)

    @staticmethod
    def resolve_metafield(root, info, key):
        value = (root.node.metadata or {}).get(key)
        return None if value is None else str(value)

    @staticmethod
    def resolve_private_metadata(root, info):
        return metadata_items(root.node.private_metadata) if is_product_staff(info) else None

    @staticmethod
    def resolve_created(root, info):
        return root.node.created_at

    @staticmethod
    def resolve_updated_at(root, info):
        return root.node.updated_at


ProductCountableConnection = countable_connection(ProductObject)


def resolve_products(info, *, field: str = "products", channel=None, channel_obj=UNSET, filter=None, sort_by=None,
                     search=None, **page):
    """A page of products (catalog.api.products.product_list), hinted to the batch loaders."""
    qs, chan = product_list(info, channel=channel, channel_obj=channel_obj, filter=filter, sort_by=sort_by,
                            search=search)
    return paginate(qs, ProductCountableConnection, field=field, **page,
                    on_page=lambda objs: hint(info, "product", [p.pk for p in objs]),
                    wrap=lambda p: ChannelContext(p, chan))
CategoryCountableConnection = countable_connection(CategoryType)
CollectionCountableConnection = countable_connection(CollectionType)
