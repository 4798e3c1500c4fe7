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
from core.connections import paginate
from core.errors import DomainError
from core.graphql import decode_global_id
from core.loaders import hint

from .context import ChannelContext, is_product_staff
from .filters import apply_filter, apply_sort
from .types import ProductCountableConnection

_UNSET = object()


def product_queryset(*, channel: Channel | None, staff: bool) -> QuerySet[Product]:
    qs = Product.objects.select_related("producer", "category", "category__parent", "product_type")
    if staff:
        return qs.filter(channel_listings__channel=channel) if channel is not None else qs
    return visible_products(channel, queryset=qs)


def resolve_products(info, *, channel: str | None = None, channel_obj=_UNSET, filter=None, sort_by=None,
                     search: str | None = None, field: str = "products", **page):
    if search:
        filter = {**(filter or {}), "search": search}
    staff = is_product_staff(info)
    chan = channel_obj if channel_obj is not _UNSET else resolve_channel(info, channel, staff=staff)
    if chan is None and not staff:
        raise GraphQLError(_("Hãy chỉ định kênh bán bằng tham số `channel`."))
    qs = product_queryset(channel=chan, staff=staff)
    qs = apply_sort(apply_filter(qs, filter, channel=chan, staff=staff), sort_by, channel=chan)
    return paginate(qs, ProductCountableConnection, field=field, **page,
                    on_page=lambda objs: hint(info, "product", [p.pk for p in objs]),
                    wrap=lambda p: ChannelContext(p, chan))


def _decode(gid: str, type_name: str) -> int:
    try:
        return decode_global_id(gid, type_name)
    except DomainError as exc:
        raise GraphQLError(exc.message) from None


def _one_of(**kwargs) -> tuple[str, str]:
    given = [(k, v) for k, v in kwargs.items() if v]
    if len(given) != 1:
        raise GraphQLError(_("Hãy cung cấp đúng một trong các tham số: %(a)s.") % {"a": ", ".join(kwargs)})
    return given[0]


def resolve_product(info, *, id: str | None = None, slug: str | None = None, channel: str | None = None):
    key, value = _one_of(id=id, slug=slug)
    staff = is_product_staff(info)
    chan = resolve_channel(info, channel, staff=staff)
    qs = product_queryset(channel=chan, staff=staff)
    product = qs.filter(pk=_decode(value, "Product")).first() if key == "id" else qs.filter(slug=value).first()
    return ChannelContext(product, chan) if product else None


def resolve_product_variant(info, *, id: str | None = None, sku: str | None = None, channel: str | None = None):
    key, value = _one_of(id=id, sku=sku)
    staff = is_product_staff(info)
    chan = resolve_channel(info, channel, staff=staff)
    qs = ProductVariant.objects.select_related("product", "product__product_type", "product__producer",
                                               "product__category")
    if staff:
        if chan is not None:
            qs = qs.filter(product__channel_listings__channel=chan)
    else:
        qs = qs.filter(product__in=visible_products(chan).values("pk"), channel_listings__channel=chan)
    variant = qs.filter(pk=_decode(value, "ProductVariant")).first() if key == "id" else qs.filter(
        sku__iexact=value).first()
    return ChannelContext(variant, chan) if variant else None
