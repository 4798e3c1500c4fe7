"""`products`, `product`, `productVariant`: nested fields, pagination, filters, sorting, staff visibility."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from graphql_relay import to_global_id

from catalog.models import Attribute, ProductAttributeValue, ProductChannelListing
from tests.factories import (
    make_category,
    make_certificate,
    make_channel,
    make_listed_product,
    make_producer,
    make_product,
    make_variant,
    make_warehouse,
)
from tests.factories.api import make_collection, make_media, put_stock

from .queries import PRODUCT_SLUGS, PRODUCTS, slugs


@pytest.mark.django_db
def test_products_nested_fields(gql, channel):
    group = make_category("Thực phẩm", slug="thuc-pham")
    sub = make_category("Thủy sản và sản phẩm từ thủy sản", slug="thuy-san", parent=group)
    producer = make_producer(name="HTX Lê Gia", slug="le-gia")
    product, variant = make_listed_product(channel, slug="nuoc-mam-le-gia", name="Nước mắm cốt Lê Gia 40N",
                                           producer=producer, category=sub, price=125_000, stars=5,
                                           metadata={"dung_tich": "500 ml"})
    make_variant(product, channels=[channel], price=230_000, sku="LEGIA-1L", name="Chai 1 lít")
    make_collection(channels=[channel], products=[product], name="Đặc sản biển", slug="dac-san-bien")
    make_collection(channels=[], products=[product], name="Chưa công bố", slug="chua-cong-bo")
    make_media(product)
    warehouse = make_warehouse(channels=[channel])
    put_stock(variant, warehouse, 7)
    shelf_life = Attribute.objects.create(name="Hạn sử dụng", slug="han-su-dung", sort_order=2)
    net = Attribute.objects.create(name="Dung tích", slug="dung-tich", sort_order=1)
    ProductAttributeValue.objects.create(product=product, attribute=shelf_life, value="24 tháng")
    ProductAttributeValue.objects.create(product=product, attribute=net, value="500 ml")

    result = gql(PRODUCTS, {"channel": "online", "first": 10})
    assert "errors" not in result, result
    conn = result["data"]["products"]
    assert conn["totalCount"] == 1
    node = conn["edges"][0]["node"]
    assert node["id"] == to_global_id("Product", product.pk)
    assert node["channel"] == "online"
    assert node["ocop"]["stars"] == 5 and node["ocop"]["score"] == 95 and node["ocop"]["status"] == "VALID"
    assert node["ocop"]["issuingLevel"] == "CENTRAL"
    assert node["producer"]["name"] == "HTX Lê Gia"
    assert node["producer"]["address"]["provinceName"] == "Thanh Hóa"
    assert node["category"] == {"id": to_global_id("Category", sub.pk), "name": sub.name, "parent": {"name": "Thực phẩm"}}
    assert [c["name"] for c in node["collections"]] == ["Đặc sản biển"]  # unpublished collection hidden
    price_range = node["pricing"]["priceRange"]
    assert price_range["start"]["gross"] == {"amount": 125_000, "currency": "VND"}
    assert price_range["stop"]["gross"] == {"amount": 230_000, "currency": "VND"}
    # 8% VAT included: tax = round(125000 * 8 / 108)
    assert price_range["start"]["tax"]["amount"] == 9259
    assert price_range["start"]["net"]["amount"] == 125_000 - 9259
    assert node["isAvailable"] is True
    assert node["thumbnail"]["url"].startswith("http://testserver/media/thumbnails/")
    assert node["thumbnail"]["url"].endswith(".webp")
    assert node["media"][0]["type"] == "IMAGE"
    assert node["metadata"] == [{"key": "dung_tich", "value": "500 ml"}]
    assert node["attributes"] == [
        {"attribute": {"slug": "dung-tich", "name": "Dung tích"}, "values": [{"name": "500 ml"}]},
        {"attribute": {"slug": "han-su-dung", "name": "Hạn sử dụng"}, "values": [{"name": "24 tháng"}]},
    ]
    skus = {v["sku"]: v for v in node["variants"]}
    assert skus[variant.sku]["quantityAvailable"] == 7
    assert skus["LEGIA-1L"]["quantityAvailable"] == 0
    assert skus["LEGIA-1L"]["pricing"]["price"]["gross"]["amount"] == 230_000


@pytest.mark.django_db
def test_is_available_false_without_stock_and_public_variants_only_listed(gql, channel):
    product, variant = make_listed_product(channel, slug="che-lam")
    make_variant(product, channels=[], sku="NOT-IN-CHANNEL")
    node = gql(PRODUCTS, {"channel": "online", "first": 1})["data"]["products"]["edges"][0]["node"]
    assert node["isAvailable"] is False
    assert [v["sku"] for v in node["variants"]] == [variant.sku]


@pytest.mark.django_db
def test_pagination_forward_and_backward(gql, channel):
    for i in range(7):
        make_listed_product(channel, slug=f"sp-{i}", name=f"Sản phẩm {i}")
    first = gql(PRODUCT_SLUGS, {"channel": "online", "first": 3})
    assert slugs(first) == ["sp-0", "sp-1", "sp-2"]
    info = first["data"]["products"]["pageInfo"]
    assert info["hasNextPage"] is True and info["hasPreviousPage"] is False
    assert first["data"]["products"]["totalCount"] == 7

    second = gql(PRODUCT_SLUGS, {"channel": "online", "first": 3, "after": info["endCursor"]})
    assert slugs(second) == ["sp-3", "sp-4", "sp-5"]
    third = gql(PRODUCT_SLUGS, {"channel": "online", "first": 3,
                                "after": second["data"]["products"]["pageInfo"]["endCursor"]})
    assert slugs(third) == ["sp-6"]
    assert third["data"]["products"]["pageInfo"]["hasNextPage"] is False

    last = gql(PRODUCT_SLUGS, {"channel": "online", "last": 2})
    assert slugs(last) == ["sp-5", "sp-6"]
    before = gql(PRODUCT_SLUGS, {"channel": "online", "last": 2,
                                 "before": last["data"]["products"]["pageInfo"]["startCursor"]})
    assert slugs(before) == ["sp-3", "sp-4"]
    assert before["data"]["products"]["pageInfo"]["hasPreviousPage"] is True


@pytest.mark.django_db
@pytest.mark.parametrize("args, message", [
    ({"first": 101}, "101"),
    ({"last": 150}, "150"),
    ({}, "first"),
    ({"first": -1}, "first"),
    ({"first": 5, "after": "not-a-cursor"}, "after"),
])
def test_pagination_limits(gql, channel, args, message):
    result = gql(PRODUCT_SLUGS, {"channel": "online", **args})
    assert result["data"]["products"] is None
    assert message in result["errors"][0]["message"]


@pytest.mark.django_db
def test_channel_argument(gql, channel):
    make_listed_product(channel, slug="a")
    # one active channel: it is the default
    assert slugs(gql(PRODUCT_SLUGS, {"first": 5})) == ["a"]
    make_channel("tho-xuan-airport")
    assert "kênh" in gql(PRODUCT_SLUGS, {"first": 5})["errors"][0]["message"]
    assert slugs(gql(PRODUCT_SLUGS, {"channel": "tho-xuan-airport", "first": 5})) == []
    unknown = gql(PRODUCT_SLUGS, {"channel": "khong-co", "first": 5})
    assert "khong-co" in unknown["errors"][0]["message"]


@pytest.mark.django_db
def test_filters(gql, channel):
    food = make_category("Thực phẩm", slug="thuc-pham")
    sea = make_category("Thủy sản", slug="thuy-san", parent=food)
    craft = make_category("Thủ công mỹ nghệ", slug="thu-cong")
    le_gia = make_producer(name="Công ty Lê Gia", slug="le-gia", ward_code="16060", ward_name="Xã Hoằng Thanh")
    nga_son = make_producer(name="HTX cói Nga Sơn", slug="nga-son", ward_code="15910", ward_name="Xã Nga Sơn")
    mam, _ = make_listed_product(channel, slug="mam-tom", name="Mắm tôm Lê Gia", producer=le_gia, category=sea,
                                 stars=5, price=60_000)
    make_listed_product(channel, slug="chieu-coi", name="Chiếu cói Nga Sơn", producer=nga_son, category=craft,
                        stars=4, price=450_000)
    che, che_variant = make_listed_product(channel, slug="che-lam", name="Chè lam Phủ Quảng", category=food, stars=3,
                                           price=35_000)
    col = make_collection(channels=[channel], products=[che])

    def run(flt):
        return sorted(slugs(gql(PRODUCT_SLUGS, {"channel": "online", "first": 20, "filter": flt})))

    assert run({"search": "mam tom"}) == ["mam-tom"]  # accents ignored
    assert run({"search": "tom mam"}) == ["mam-tom"]  # any word order, through the unaccented search index
    top_level = gql('{ products(channel: "online", first: 5, search: "Chiếu cói") { edges { node { slug } } } }')
    assert slugs(top_level) == ["chieu-coi"]
    assert run({"search": "NGA SƠN"}) == ["chieu-coi"]  # producer name too
    assert run({"search": che_variant.sku}) == ["che-lam"]
    assert run({"search": che_variant.gtin}) == ["che-lam"]
    assert run({"categories": [to_global_id("Category", food.pk)]}) == ["che-lam", "mam-tom"]  # sub-groups too
    assert run({"collections": [to_global_id("Collection", col.pk)]}) == ["che-lam"]
    assert run({"stars": [5]}) == ["mam-tom"]
    assert run({"stars": [3, 4]}) == ["che-lam", "chieu-coi"]
    assert run({"producers": [to_global_id("Producer", le_gia.pk)]}) == ["mam-tom"]
    assert run({"wards": ["15910"]}) == ["chieu-coi"]
    assert run({"price": {"gte": 40000, "lte": 500000}}) == ["chieu-coi", "mam-tom"]
    assert run({"ids": [to_global_id("Product", mam.pk)]}) == ["mam-tom"]
    bad = gql(PRODUCT_SLUGS, {"channel": "online", "first": 5, "filter": {"categories": ["xyz"]}})
    assert bad["data"]["products"] is None and bad["errors"]


@pytest.mark.django_db
def test_sorting(gql, channel):
    a, _ = make_listed_product(channel, slug="a", name="Bánh gai", price=50_000, stars=3)
    b, _ = make_listed_product(channel, slug="b", name="Ánh dương", price=20_000, stars=5)
    c, _ = make_listed_product(channel, slug="c", name="Cói", price=90_000, stars=4)

    def run(field, direction="ASC"):
        return slugs(gql(PRODUCT_SLUGS, {"channel": "online", "first": 10,
                                         "sortBy": {"field": field, "direction": direction}}))

    assert run("PRICE") == ["b", "a", "c"]
    assert run("PRICE", "DESC") == ["c", "a", "b"]
    assert run("STARS", "DESC") == ["b", "c", "a"]
    assert run("CREATED_AT") == ["a", "b", "c"]
    assert run("NAME") == ["b", "a", "c"]  # accents ignored: "Ánh" before "Bánh"
    assert run("NAME", "DESC") == ["c", "a", "b"]


@pytest.mark.django_db
def test_product_and_variant_lookup(gql, channel):
    product, variant = make_listed_product(channel, slug="banh-gai-tu-tru", name="Bánh gai Tứ Trụ")
    gid = to_global_id("Product", product.pk)
    q = 'query($id: ID, $slug: String) { product(id: $id, slug: $slug, channel: "online") { id slug ocop { stars } } }'
    assert gql(q, {"id": gid})["data"]["product"]["slug"] == "banh-gai-tu-tru"
    assert gql(q, {"slug": "banh-gai-tu-tru"})["data"]["product"]["id"] == gid
    assert gql(q, {"slug": "khong-co"})["data"]["product"] is None
    both = gql(q, {"id": gid, "slug": "banh-gai-tu-tru"})
    assert both["errors"] and both["data"]["product"] is None
    wrong_type = gql(q, {"id": to_global_id("Producer", product.producer_id)})
    assert wrong_type["errors"]

    vq = ('query($id: ID, $sku: String) { productVariant(id: $id, sku: $sku, channel: "online") '
          '{ id sku gtin product { slug } pricing { price { gross { amount } } } } }')
    by_sku = gql(vq, {"sku": variant.sku.lower()})["data"]["productVariant"]
    assert by_sku["gtin"] == variant.gtin and by_sku["product"]["slug"] == "banh-gai-tu-tru"
    assert by_sku["pricing"]["price"]["gross"]["amount"] == 100_000
    by_id = gql(vq, {"id": to_global_id("ProductVariant", variant.pk)})["data"]["productVariant"]
    assert by_id["sku"] == variant.sku


@pytest.mark.django_db
def test_staff_see_unlisted_products_and_staff_fields(gql, channel, staff_token, consumer_token):
    listed, _ = make_listed_product(channel, slug="listed")
    draft = make_product(slug="draft", status="draft")
    make_certificate(draft, stars=4)
    ProductChannelListing.objects.create(product=draft, channel=channel, is_published=False,
                                         published_at=timezone.now() - dt.timedelta(days=1))
    assert slugs(gql(PRODUCT_SLUGS, {"channel": "online", "first": 10}, token=consumer_token)) == ["listed"]
    staff_all = gql(PRODUCT_SLUGS, {"first": 10}, token=staff_token)
    assert sorted(slugs(staff_all)) == ["draft", "listed"]
    q = ('{ product(slug: "draft") { moderationStatus channelListings { channel { slug } isPublished } '
         'certificates { stars history { toStatus } } privateMetadata { key } } }')
    staff_view = gql(q, token=staff_token)["data"]["product"]
    assert staff_view["moderationStatus"] == "DRAFT"
    assert staff_view["channelListings"] == [{"channel": {"slug": "online"}, "isPublished": False}]
    assert staff_view["certificates"][0]["stars"] == 4
    public = gql('{ product(slug: "listed", channel: "online") { channelListings { isPublished } certificates '
                 '{ stars } privateMetadata { key } } }', token=consumer_token)["data"]["product"]
    assert public == {"channelListings": None, "certificates": None, "privateMetadata": None}
    # a filter only staff may use
    denied = gql(PRODUCT_SLUGS, {"channel": "online", "first": 5, "filter": {"moderationStatus": ["DRAFT"]}})
    assert denied["errors"]
    staff_filtered = gql(PRODUCT_SLUGS, {"first": 5, "filter": {"moderationStatus": ["DRAFT"]}}, token=staff_token)
    assert slugs(staff_filtered) == ["draft"]
