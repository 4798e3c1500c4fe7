"""`products(filter: …, sortBy: …)`: Saleor's ProductFilterInput / ProductOrder plus OCOP filters."""

from __future__ import annotations

import graphene
from django.db.models import Exists, F, Func, Max, Min, OuterRef, Q, QuerySet, Subquery, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from graphql import GraphQLError

from catalog.gate import valid_certificates
from catalog.models import Category, CollectionProduct, ModerationStatus, ProductVariant, ProductVariantChannelListing
from channels.models import Channel
from core.errors import DomainError
from core.graphql import decode_global_id
from search.backends.postgres import prefix_tsquery, query_terms

OrderDirection = graphene.Enum("OrderDirection", [("ASC", "asc"), ("DESC", "desc")])
ProductOrderField = graphene.Enum("ProductOrderField", [
    ("NAME", "name"), ("PRICE", "price"), ("CREATED_AT", "created_at"), ("STARS", "stars"),
])
ProductModerationStatusEnum = graphene.Enum("ProductModerationStatusEnum",
                                            [(s.name, s.value) for s in ModerationStatus])


class PriceRangeInput(graphene.InputObjectType):
    gte = graphene.Float(description="Price greater than or equal to (VND).")
    lte = graphene.Float(description="Price less than or equal to (VND).")


class ProductFilterInput(graphene.InputObjectType):
    search = graphene.String(description="Words in the name, producer or description; an exact SKU or GTIN.")
    categories = graphene.List(graphene.NonNull(graphene.ID), description="Categories (sub-categories included).")
    collections = graphene.List(graphene.NonNull(graphene.ID))
    producers = graphene.List(graphene.NonNull(graphene.ID), description="OCOP: producers.")
    stars = graphene.List(graphene.NonNull(graphene.Int), description="OCOP: stars of the valid certificate.")
    wards = graphene.List(graphene.NonNull(graphene.String), description="OCOP: producer's commune/ward codes.")
    product_types = graphene.List(graphene.NonNull(graphene.ID))
    ids = graphene.List(graphene.NonNull(graphene.ID))
    price = graphene.Field(PriceRangeInput, description="Price in the channel (needs `channel`).")
    moderation_status = graphene.List(graphene.NonNull(ProductModerationStatusEnum), description="Staff only.")


class ProductOrder(graphene.InputObjectType):
    field = graphene.Field(ProductOrderField, required=True)
    direction = graphene.Field(OrderDirection, required=True)


def _ids(values, type_name: str, field: str) -> list[int]:
    try:
        return [decode_global_id(v, type_name, field=field) for v in values]
    except DomainError as exc:
        raise GraphQLError(f"{field}: {exc.message}") from None


def _full_text(term: str) -> Q:
    """The search app's accent-insensitive full-text match (its index holds unaccented words)."""
    terms = query_terms(term)
    if not terms:
        return Q(pk__in=[])
    return Q(pk__in=RawSQL("SELECT id FROM catalog_product WHERE search_vector @@ to_tsquery('simple', "
                           "ocop_unaccent(%s))", [prefix_tsquery(terms)]))


def _value(v):
    return getattr(v, "value", v)


def apply_filter(qs: QuerySet, flt: dict | None, *, channel: Channel | None, staff: bool) -> QuerySet:
    if not flt:
        return qs
    if flt.get("search"):
        term = flt["search"].strip()
        variant_match = ProductVariant.objects.filter(product=OuterRef("pk")).filter(Q(sku__iexact=term) | Q(gtin=term))
        qs = qs.filter(
            Q(name__unaccent__icontains=term) | Q(producer__name__unaccent__icontains=term)
            | Q(description_plaintext__unaccent__icontains=term)
            | Q(Exists(variant_match)) | _full_text(term)
        )
    if flt.get("categories") is not None:
        ids = _ids(flt["categories"], "Category", "categories")
        tree = Category.objects.filter(Q(pk__in=ids) | Q(parent_id__in=ids)).values("pk")
        qs = qs.filter(category_id__in=tree)
    if flt.get("collections") is not None:
        ids = _ids(flt["collections"], "Collection", "collections")
        qs = qs.filter(Exists(CollectionProduct.objects.filter(product=OuterRef("pk"), collection_id__in=ids)))
    if flt.get("producers") is not None:
        qs = qs.filter(producer_id__in=_ids(flt["producers"], "Producer", "producers"))
    if flt.get("product_types") is not None:
        qs = qs.filter(product_type_id__in=_ids(flt["product_types"], "ProductType", "productTypes"))
    if flt.get("ids") is not None:
        qs = qs.filter(pk__in=_ids(flt["ids"], "Product", "ids"))
    if flt.get("stars") is not None:
        qs = qs.filter(Exists(valid_certificates().filter(product=OuterRef("pk"), stars__in=flt["stars"])))
    if flt.get("wards") is not None:
        qs = qs.filter(producer__ward_code__in=[w.strip().lstrip("0") for w in flt["wards"]])
    if flt.get("price"):
        if channel is None:
            raise GraphQLError(_("Lọc theo giá cần chỉ định kênh bán (`channel`)."))
        prices = ProductVariantChannelListing.objects.filter(variant__product=OuterRef("pk"), channel=channel)
        if flt["price"].get("gte") is not None:
            prices = prices.filter(price_amount__gte=flt["price"]["gte"])
        if flt["price"].get("lte") is not None:
            prices = prices.filter(price_amount__lte=flt["price"]["lte"])
        qs = qs.filter(Exists(prices))
    if flt.get("moderation_status") is not None:
        if not staff:
            raise GraphQLError(_("Chỉ nhân viên mới lọc được theo trạng thái duyệt."))
        qs = qs.filter(moderation_status__in=[_value(s) for s in flt["moderation_status"]])
    return qs


def apply_sort(qs: QuerySet, sort_by: dict | None, *, channel: Channel | None) -> QuerySet:
    field = _value(sort_by["field"]) if sort_by else "name"
    desc = bool(sort_by) and _value(sort_by["direction"]) == "desc"
    if field == "price":
        if channel is None:
            raise GraphQLError(_("Sắp xếp theo giá cần chỉ định kênh bán (`channel`)."))
        min_price = (ProductVariantChannelListing.objects.filter(variant__product=OuterRef("pk"), channel=channel)
                     .values("variant__product").annotate(m=Min("price_amount")).values("m")[:1])
        qs = qs.annotate(sort_price=Subquery(min_price))
        key = F("sort_price")
    elif field == "stars":
        best = (valid_certificates().filter(product=OuterRef("pk")).values("product")
                .annotate(m=Max("stars")).values("m")[:1])
        qs = qs.annotate(sort_stars=Subquery(best))
        key = F("sort_stars")
    elif field == "created_at":
        key = F("created_at")
    else:  # Vietnamese order regardless of the database collation: accents and case ignored
        qs = qs.annotate(sort_name=Func(Lower("name"), function="ocop_unaccent", output_field=TextField()))
        key = F("sort_name")
    ordered = key.desc(nulls_last=True) if desc else key.asc(nulls_last=True)
    return qs.order_by(ordered, "-pk" if desc else "pk")
