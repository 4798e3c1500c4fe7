from __future__ import annotations

import pytest

from tests.factories.traceability import make_batch, make_producer_user, make_trace_staff


@pytest.fixture
def trace_staff(db):
    return make_trace_staff()


@pytest.fixture
def batch(db):
    return make_batch(quantity=50, lot_code="LOT-2026/01", short_name="Nước mắm Ba Làng")


@pytest.fixture
def producer_user(batch):
    return make_producer_user(batch.producer)


@pytest.fixture
def other_producer_user(db):
    from tests.factories import make_producer

    return make_producer_user(make_producer())


@pytest.fixture(autouse=True)
def _trace_base_url(settings):
    settings.TRACE_BASE_URL = "https://ocop.thanhhoa.vn"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
