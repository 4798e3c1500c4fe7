"""Filters and sort orders over gate-visible products, as single SQL queries (no per-product work)."""

from __future__ import annotations

from django.db.models import Exists, F, OuterRef, QuerySet, Subquery

from catalog.gate import valid_certificates
from catalog.models import CollectionProduct, Product, ProductVariantChannelListing
from channels.models import Channel
from inventory.models import Stock

from .types import ProductFilters, Sort


def min_price_subquery(channel: Channel) -> Subquery:
    """The lowest list price of the product's variants in the channel (VND)."""
    return Subquery(
        ProductVariantChannelListing.objects.filter(variant__product=OuterRef("pk"), channel=channel)
        .order_by("price_amount").values("price_amount")[:1]
    )


def stars_subquery() -> Subquery:
    """The stars of the product's best currently valid certificate."""
    return Subquery(valid_certificates().filter(product=OuterRef("pk")).order_by("-stars").values("stars")[:1])


def apply_filters(qs: QuerySet[Product], filters: ProductFilters, channel: Channel) -> QuerySet[Product]:
    if filters.stars:
        qs = qs.filter(Exists(valid_certificates().filter(product=OuterRef("pk"), stars__in=filters.stars)))
    if filters.category_ids:
        qs = qs.filter(category_id__in=filters.category_ids)
    if filters.collection_id is not None:
        qs = qs.filter(Exists(CollectionProduct.objects.filter(product=OuterRef("pk"),
                                                                collection_id=filters.collection_id)))
    if filters.producer_id is not None:
        qs = qs.filter(producer_id=filters.producer_id)
    if filters.ward_code:
        qs = qs.filter(producer__ward_code=filters.ward_code)
    if filters.price_min is not None or filters.price_max is not None:
        listings = ProductVariantChannelListing.objects.filter(variant__product=OuterRef("pk"), channel=channel)
        if filters.price_min is not None:
            listings = listings.filter(price_amount__gte=filters.price_min)
        if filters.price_max is not None:
            listings = listings.filter(price_amount__lte=filters.price_max)
        qs = qs.filter(Exists(listings))
    if filters.warehouse_id is not None:
        qs = qs.filter(Exists(Stock.objects.filter(
            product_variant__product=OuterRef("pk"), warehouse_id=filters.warehouse_id,
            warehouse__is_active=True, quantity__gt=F("quantity_allocated"))))
    return qs


def apply_sort(qs: QuerySet[Product], sort: Sort, channel: Channel, *, score_field: str | None = None) -> QuerySet[Product]:
    """Order a product queryset; relevance needs a score annotation (else falls back to stars)."""
    if sort == Sort.RELEVANCE and score_field:
        return qs.order_by(F(score_field).desc(), "name", "pk")
    if sort == Sort.NAME:
        return qs.order_by("name", "pk")
    if sort in (Sort.PRICE_ASC, Sort.PRICE_DESC):
        qs = qs.annotate(_min_price=min_price_subquery(channel))
        order = F("_min_price").asc(nulls_last=True) if sort == Sort.PRICE_ASC else F("_min_price").desc(nulls_last=True)
        return qs.order_by(order, "name", "pk")
    if sort == Sort.NEWEST:
        return qs.order_by("-created_at", "-pk")
    # Stars (and relevance without a query): best certified first, then featured, then name.
    return qs.annotate(_stars=stars_subquery()).order_by(F("_stars").desc(nulls_last=True), "-is_featured",
                                                         "name", "pk")
