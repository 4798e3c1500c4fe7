"""Catalogue queries: products, product, productVariant, categories, category, collections, collection."""

from __future__ import annotations

import graphene
from django.db.models import Q

from catalog.gate import published_collections
from catalog.models import Category, Collection
from channels.api import resolve_channel
from core.connections import connection_args, paginate
from core.graphql import decode_argument_id, one_of
from core.loaders import hint

from .context import ChannelContext, is_product_staff
from .products import resolve_product, resolve_product_variant
from .types import (
    CategoryCountableConnection,
    CategoryType,
    CollectionCountableConnection,
    CollectionType,
    ProductCountableConnection,
    ProductObject,
    ProductVariantObject,
    product_connection_args,
    resolve_products,
)


class CategoryFilterInput(graphene.InputObjectType):
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))


class CollectionFilterInput(graphene.InputObjectType):
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))


class Query(graphene.ObjectType):
    products = graphene.Field(ProductCountableConnection, **product_connection_args(),
                              description="List of products (only listed ones unless you manage products).")
    product = graphene.Field(ProductObject, id=graphene.ID(), slug=graphene.String(), channel=graphene.String(),
                             description="Look up a product by ID or slug.")
    product_variant = graphene.Field(ProductVariantObject, id=graphene.ID(), sku=graphene.String(),
                                     channel=graphene.String(), description="Look up a variant by ID or SKU.")
    categories = graphene.Field(CategoryCountableConnection,
                                **connection_args(filter=CategoryFilterInput(),
                                                  level=graphene.Int(description="0 = OCOP groups.")))
    category = graphene.Field(CategoryType, id=graphene.ID(), slug=graphene.String())
    collections = graphene.Field(CollectionCountableConnection,
                                 **connection_args(channel=graphene.String(), filter=CollectionFilterInput()))
    collection = graphene.Field(CollectionType, id=graphene.ID(), slug=graphene.String(), channel=graphene.String())

    @staticmethod
    def resolve_products(root, info, **kwargs):
        return resolve_products(info, field="products", **kwargs)

    @staticmethod
    def resolve_product(root, info, **kwargs):
        return resolve_product(info, **kwargs)

    @staticmethod
    def resolve_product_variant(root, info, **kwargs):
        return resolve_product_variant(info, **kwargs)

    @staticmethod
    def resolve_categories(root, info, filter=None, level=None, **page):
        qs = Category.objects.select_related("parent")
        if level is not None:
            qs = qs.filter(level=level)
        if filter and filter.get("search"):
            qs = qs.filter(Q(name__unaccent__icontains=filter["search"]) | Q(slug__icontains=filter["search"]))
        if filter and filter.get("ids") is not None:
            qs = qs.filter(pk__in=[decode_argument_id(i, "Category") for i in filter["ids"]])
        return paginate(qs.order_by("level", "sort_order", "slug", "pk"), CategoryCountableConnection,
                        field="categories", on_page=lambda objs: hint(info, "category", [c.pk for c in objs]),
                        **page)

    @staticmethod
    def resolve_category(root, info, id=None, slug=None):
        key, value = one_of(id=id, slug=slug)
        qs = Category.objects.select_related("parent")
        return qs.filter(pk=decode_argument_id(value, "Category")).first() if key == "id" else qs.filter(slug=value).first()

    @staticmethod
    def resolve_collections(root, info, channel=None, filter=None, **page):
        staff = is_product_staff(info)
        chan = resolve_channel(info, channel, staff=staff)
        if staff:
            qs = Collection.objects.all()
            if chan is not None:
                qs = qs.filter(channel_listings__channel=chan)
        else:
            qs = published_collections(chan)
        if filter and filter.get("search"):
            qs = qs.filter(name__unaccent__icontains=filter["search"])
        if filter and filter.get("ids") is not None:
            qs = qs.filter(pk__in=[decode_argument_id(i, "Collection") for i in filter["ids"]])
        return paginate(qs.order_by("slug", "pk"), CollectionCountableConnection, field="collections",
                        wrap=lambda c: ChannelContext(c, chan), **page)

    @staticmethod
    def resolve_collection(root, info, id=None, slug=None, channel=None):
        key, value = one_of(id=id, slug=slug)
        staff = is_product_staff(info)
        chan = resolve_channel(info, channel, staff=staff)  # the public always get a channel (or an error)
        qs = Collection.objects.all() if staff else published_collections(chan)
        col = qs.filter(pk=decode_argument_id(value, "Collection")).first() if key == "id" else qs.filter(slug=value).first()
        return ChannelContext(col, chan) if col else None
