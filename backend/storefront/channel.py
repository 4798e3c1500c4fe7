"""Which sales channel the online storefront sells in (settings.ONLINE_CHANNEL_SLUG, default "online",
the same setting checkout uses)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404

from channels.models import Channel


def storefront_channel_slug() -> str:
    return getattr(settings, "ONLINE_CHANNEL_SLUG", "") or "online"


def storefront_channel() -> Channel:
    channel = Channel.objects.filter(slug=storefront_channel_slug(), is_active=True).first()
    if channel is None:
        raise Http404("storefront channel")
    return channel
