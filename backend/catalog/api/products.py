"""Resolvers for product lists and single products: the listing gate for the public, everything for
staff with MANAGE_PRODUCTS; pages are hinted to the batch loaders."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from graphql import GraphQLError

from catalog.gate import visible_products
from catalog.models import Product, ProductVariant
from channels.api import resolve_channel
from channels.models import Channel
from core.graphql import decode_argument_id, one_of

from .context import ChannelContext, is_product_staff
from .filters import apply_filter, apply_sort

UNSET = object()


def product_queryset(*, channel: Channel | None, staff: bool) -> QuerySet[Product]:
    qs = Product.objects.select_related("producer", "category", "category__parent", "product_type")
    if staff:
        return qs.filter(channel_listings__channel=channel) if channel is not None else qs
    return visible_products(channel, queryset=qs)


def product_list(info, *, channel: str | None = None, channel_obj=UNSET, filter=None, sort_by=None,
                 search: str | None = None) -> tuple[QuerySet[Product], Channel | None]:
    """The products a query lists (gate for the public, everything for staff), filtered and sorted,
    and the channel they are shown in. `catalog.api.types.resolve_products` pages them."""
    if search:
        filter = {**(filter or {}), "search": search}
    staff = is_product_staff(info)
    chan = channel_obj if channel_obj is not UNSET else resolve_channel(info, channel, staff=staff)
    if chan is None and not staff:
        raise GraphQLError(_("Hãy chỉ định kênh bán bằng tham số `channel`."))
    qs = product_queryset(channel=chan, staff=staff)
    return apply_sort(apply_filter(qs, filter, channel=chan, staff=staff), sort_by, channel=chan), chan


def resolve_product(info, *, id: str | None = None, slug: str | None = None, channel: str | None = None):
    key, value = one_of(id=id, slug=slug)
    staff = is_product_staff(info)
    chan = resolve_channel(info, channel, staff=staff)
    qs = product_queryset(channel=chan, staff=staff)
    product = qs.filter(pk=decode_argument_id(value, "Product")).first() if key == "id" else qs.filter(slug=value).first()
    return ChannelContext(product, chan) if product else None


def resolve_product_variant(info, *, id: str | None = None, sku: str | None = None, channel: str | None = None):
    key, value = one_of(id=id, sku=sku)
    staff = is_product_staff(info)
    chan = resolve_channel(info, channel, staff=staff)
    qs = ProductVariant.objects.select_related("product", "product__product_type", "product__producer",
                                               "product__category")
    if staff:
        if chan is not None:
            qs = qs.filter(product__channel_listings__channel=chan)
    else:
        qs = qs.filter(product__in=visible_products(chan).values("pk"), channel_listings__channel=chan)
    variant = qs.filter(pk=decode_argument_id(value, "ProductVariant")).first() if key == "id" else qs.filter(
        sku__iexact=value).first()
    return ChannelContext(variant, chan) if variant else None
