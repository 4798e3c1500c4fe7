"""channels, channel, categories, category, collections, collection (warehouses: tests/inventory)."""

from __future__ import annotations

import pytest
from graphql_relay import to_global_id

from tests.factories import make_category, make_channel, make_listed_product
from tests.factories.api import make_collection


@pytest.mark.django_db
def test_channels(gql, channel, staff_token):
    make_channel("tho-xuan-airport", kind="showroom", name="Showroom OCOP sân bay Thọ Xuân")
    make_channel("hoi-cho-cu", kind="event", is_active=False)
    q = "{ channels { slug kind currencyCode isActive defaultCountry { code } } }"
    public = gql(q)["data"]["channels"]
    assert [c["slug"] for c in public] == ["online", "tho-xuan-airport"]
    assert public[1] == {"slug": "tho-xuan-airport", "kind": "SHOWROOM", "currencyCode": "VND", "isActive": True,
                         "defaultCountry": {"code": "VN"}}
    assert len(gql(q, token=staff_token)["data"]["channels"]) == 3
    one = 'query($slug: String, $id: ID) { channel(slug: $slug, id: $id) { id name } }'
    by_slug = gql(one, {"slug": "tho-xuan-airport"})["data"]["channel"]
    assert by_slug["name"] == "Showroom OCOP sân bay Thọ Xuân"
    assert gql(one, {"id": by_slug["id"]})["data"]["channel"] == by_slug
    assert gql(one, {"slug": "hoi-cho-cu"})["data"]["channel"] is None
    assert gql(one, {})["errors"]


@pytest.mark.django_db
def test_categories_tree(gql, channel):
    food = make_category("Thực phẩm", slug="thuc-pham", ocop_group_code="1")
    make_category("Đồ uống", slug="do-uong", ocop_group_code="2", sort_order=1)
    sea = make_category("Thủy sản", slug="thuy-san", parent=food)
    make_listed_product(channel, category=sea, slug="mam-tom")
    q = """{ categories(first: 10, level: 0) { totalCount edges { node { slug level ocopGroupCode
             children(first: 10) { totalCount edges { node { slug parent { slug } } } }
             products(channel: "online", first: 5) { totalCount edges { node { slug } } } } } } }"""
    data = gql(q)["data"]["categories"]
    assert data["totalCount"] == 2
    food_node = data["edges"][0]["node"]
    assert food_node["slug"] == "thuc-pham" and food_node["ocopGroupCode"] == "1"
    assert food_node["children"]["edges"] == [{"node": {"slug": "thuy-san", "parent": {"slug": "thuc-pham"}}}]
    assert food_node["products"]["edges"] == [{"node": {"slug": "mam-tom"}}]  # sub-groups included
    one = 'query($id: ID, $slug: String) { category(id: $id, slug: $slug) { slug name parent { slug } } }'
    assert gql(one, {"slug": "thuy-san"})["data"]["category"]["parent"] == {"slug": "thuc-pham"}
    assert gql(one, {"id": to_global_id("Category", food.pk)})["data"]["category"]["slug"] == "thuc-pham"
    assert gql("{ categories(first: 5, filter: {search: \"thuy san\"}) { totalCount } }")["data"]["categories"][
        "totalCount"] == 1


@pytest.mark.django_db
def test_collections_by_channel(gql, channel, staff_token):
    product, _ = make_listed_product(channel, slug="chieu-coi")
    make_collection(channels=[channel], products=[product], slug="qua-tet", name="Quà Tết")
    make_collection(channels=[channel], products=[product], slug="nhap", published=False)
    make_collection(slug="khong-kenh")
    q = """query($ch: String) { collections(channel: $ch, first: 10) { totalCount edges { node { slug channel
           products(first: 5) { edges { node { slug } } } } } } }"""
    public = gql(q, {"ch": "online"})["data"]["collections"]
    assert public["totalCount"] == 1
    assert public["edges"][0]["node"] == {"slug": "qua-tet", "channel": "online",
                                          "products": {"edges": [{"node": {"slug": "chieu-coi"}}]}}
    assert gql(q, {"ch": None}, token=staff_token)["data"]["collections"]["totalCount"] == 3
    one = 'query($slug: String) { collection(slug: $slug, channel: "online") { name } }'
    assert gql(one, {"slug": "qua-tet"})["data"]["collection"] == {"name": "Quà Tết"}
    assert gql(one, {"slug": "nhap"})["data"]["collection"] is None
    assert gql(one, {"slug": "nhap"}, token=staff_token)["data"]["collection"] is not None
