"""A version number for everything campaigns change on pages (prices, banners).

Cached pages and fragments include `campaign_cache_version()` in their keys; every promotion change
and every campaign start/end bumps it, so cached pages show the right prices at once.
"""

from __future__ import annotations

from django.core.cache import cache

KEY = "campaigns:version"


def campaign_cache_version() -> int:
    value = cache.get(KEY)
    if value is None:
        cache.add(KEY, 1, timeout=None)
        value = cache.get(KEY) or 1
    return int(value)


def bump_campaign_version() -> int:
    try:
        return cache.incr(KEY)
    except ValueError:
        cache.set(KEY, 2, timeout=None)
        return 2
