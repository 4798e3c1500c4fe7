import pytest

from tests.factories import make_channel


@pytest.fixture
def channel(db):
    """The storefront's channel (slug "online", the storefront default)."""
    return make_channel("online", name="Cửa hàng trực tuyến")
