import pytest

from catalog.gate import gate_reasons, is_visible
from tests.factories import make_listed_product


@pytest.mark.django_db
def test_listed_product_passes_gate(channel):
    product, _ = make_listed_product(channel)
    assert is_visible(product, channel)
    assert gate_reasons(product, channel) == []


@pytest.mark.django_db
def test_graphql_ping(gql):
    assert gql("{ ping }")["data"]["ping"] == "pong"
