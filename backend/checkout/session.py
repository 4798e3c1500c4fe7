"""The shopper's current checkout, kept by token in the session (guest or logged in)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from channels.models import Channel, ChannelKind
from core.errors import DomainError

from .models import Checkout
from .services import checkout_create, checkout_get

SESSION_KEY = "checkout_token"


def online_channel() -> Channel | None:
    """The storefront's channel (settings.STOREFRONT_CHANNEL, as the storefront pages use)."""
    from storefront.channel import storefront_channel_slug

    slug = storefront_channel_slug()
    return (Channel.objects.filter(slug=slug, is_active=True).first()
            or Channel.objects.filter(kind=ChannelKind.ONLINE, is_active=True).order_by("pk").first())


def current_checkout(request, *, create: bool = False) -> Checkout | None:
    token = request.session.get(SESSION_KEY)
    checkout = None
    if token:
        try:
            checkout = checkout_get(token, user=request.user)
        except DomainError:
            checkout = None
        if checkout is not None and checkout.completed_order_id:
            checkout = None
    if checkout is not None and request.user.is_authenticated and checkout.user_id is None:
        checkout.user = request.user
        checkout.email = checkout.email or request.user.email
        checkout.save(update_fields=["user", "email", "last_change"])
    if checkout is None and create:
        channel = online_channel()
        if channel is None:
            raise DomainError(_("Cửa hàng trực tuyến chưa mở."), field="channel", code="NOT_FOUND")
        checkout = checkout_create(channel=channel, user=request.user)
        request.session[SESSION_KEY] = str(checkout.token)
    return checkout
