"""Shared fixtures. Tests run on real PostgreSQL: the embedded server unless DATABASE_URL is set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts and ends in the default language (vi): a test-client request with the English
    cookie activates English for the whole thread, which would leak into later tests."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache (accounts/throttling.py): each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def channel(db):
    from tests.factories import make_channel

    return make_channel("online", name="Cửa hàng trực tuyến")


@pytest.fixture
def reserving(channel):
    """The online channel holding carts' goods for 15 minutes."""
    channel.reservation_minutes = 15
    channel.save()
    return channel


@pytest.fixture
def two_warehouses(channel):
    """Two points of sale in the online channel, in priority order (A first)."""
    from tests.factories import make_warehouse

    a = make_warehouse(channels=[channel], name="Showroom sân bay Thọ Xuân", email="tho-xuan@ocop.demo")
    b = make_warehouse(channels=[channel], name="Quầy Co.opmart Thanh Hóa")
    return a, b


@pytest.fixture
def gql(client):
    """Post a GraphQL operation through the real view; returns the decoded JSON."""

    def run(query: str, variables: dict | None = None, *, token: str | None = None):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        resp = client.post("/graphql/", {"query": query, "variables": variables or {}},
                           content_type="application/json", **headers)
        return resp.json()

    return run


@pytest.fixture
def token_for():
    from accounts.jwt import create_access_token

    return create_access_token
