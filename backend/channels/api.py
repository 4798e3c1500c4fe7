"""Channel GraphQL type and the `channel` argument resolution shared by channel-aware queries."""

from __future__ import annotations

import graphene
from django.utils.translation import gettext as _
from graphql import GraphQLError
from graphql_relay import to_global_id

from accounts.permissions import Perm, has_perm
from core.graphql import decode_global_id

from .models import Channel, ChannelKind

ChannelKindEnum = graphene.Enum("ChannelKindEnum", [(k.name, k.value) for k in ChannelKind])


class CountryDisplay(graphene.ObjectType):
    code = graphene.String(required=True)
    country = graphene.String(required=True)


class ChannelType(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    currency_code = graphene.String(required=True)
    default_country = graphene.Field(CountryDisplay, required=True)
    is_active = graphene.Boolean(required=True)
    kind = graphene.Field(ChannelKindEnum, required=True, description="OCOP: online / showroom / supermarket / event.")

    class Meta:
        name = "Channel"
        description = "A sales channel: the online shop, a showroom, a supermarket counter or an event."

    @staticmethod
    def resolve_id(root: Channel, info):
        return to_global_id("Channel", root.pk)

    @staticmethod
    def resolve_kind(root: Channel, info):
        return str(root.kind)

    @staticmethod
    def resolve_default_country(root: Channel, info):
        return CountryDisplay(code=root.default_country, country="Việt Nam" if root.default_country == "VN" else "")


def is_staff_reader(info) -> bool:
    return has_perm(info.context.user, Perm.MANAGE_CHANNELS) or has_perm(info.context.user, Perm.MANAGE_PRODUCTS)


def _request_cache(info) -> dict:
    cache = getattr(info.context, "_ocop_channels", None)
    if cache is None:
        cache = info.context._ocop_channels = {}
    return cache


def resolve_channel(info, slug: str | None, *, staff: bool) -> Channel | None:
    """The channel a query is about. Staff may omit it (no channel = all); others get the only channel
    there is, or must name one (as Saleor does)."""
    cache = _request_cache(info)
    if slug in cache:
        return cache[slug]
    if slug:
        channel = Channel.objects.filter(slug=slug).first()
        if channel is None:
            raise GraphQLError(_("Không có kênh bán với mã “%(s)s”.") % {"s": slug})
    elif staff:
        channel = None
    else:
        channels = list(Channel.objects.filter(is_active=True)[:2])
        if len(channels) != 1:
            raise GraphQLError(_("Có nhiều kênh bán; hãy chỉ định kênh bằng tham số `channel`."))
        channel = channels[0]
    cache[slug] = channel
    return channel


class Query(graphene.ObjectType):
    channels = graphene.List(graphene.NonNull(ChannelType), description="Sales channels (inactive ones for staff only).")
    channel = graphene.Field(ChannelType, slug=graphene.String(), id=graphene.ID(),
                             description="A channel by slug or ID.")

    @staticmethod
    def resolve_channels(root, info):
        qs = Channel.objects.all()
        if not is_staff_reader(info):
            qs = qs.filter(is_active=True)
        return qs

    @staticmethod
    def resolve_channel(root, info, slug: str | None = None, id: str | None = None):
        if bool(slug) == bool(id):
            raise GraphQLError(_("Hãy cung cấp đúng một trong hai tham số `slug` hoặc `id`."))
        qs = Channel.objects.all()
        if not is_staff_reader(info):
            qs = qs.filter(is_active=True)
        if id:
            try:
                return qs.filter(pk=decode_global_id(id, "Channel")).first()
            except Exception as exc:
                raise GraphQLError(str(exc)) from None
        return qs.filter(slug=slug).first()
