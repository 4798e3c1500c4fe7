"""Staff catalogue mutations: permissions, Saleor's `errors { field code message }`, and a failed mutation
changes nothing."""

from __future__ import annotations

import pytest
from graphql_relay import to_global_id

from catalog.models import Product, ProductChannelListing, ProductVariant, ProductVariantChannelListing
from core.gtin import gtin_check_digit
from tests.factories import make_category, make_certificate, make_producer, make_product, make_product_type, make_user
from tests.factories.api import make_collection

from .conftest import errors_of

PRODUCT_CREATE = """
mutation($input: ProductCreateInput!) {
  productCreate(input: $input) {
    errors { field code message }
    product { id name slug description descriptionPlaintext moderationStatus category { slug }
              producer { slug } collections { slug } metadata { key value } taxRate }
  }
}
"""
PRODUCT_UPDATE = """
mutation($id: ID!, $input: ProductInput!) {
  productUpdate(id: $id, input: $input) { errors { field code message } product { name slug moderationStatus } }
}
"""
PRODUCT_DELETE = "mutation($id: ID!) { productDelete(id: $id) { errors { field code message } product { id } } }"
VARIANT_CREATE = """
mutation($input: ProductVariantCreateInput!) {
  productVariantCreate(input: $input) { errors { field code message } productVariant { id sku gtin name } }
}
"""
VARIANT_UPDATE = """
mutation($id: ID, $sku: String, $input: ProductVariantInput!) {
  productVariantUpdate(id: $id, sku: $sku, input: $input) { errors { field code message } productVariant { sku gtin } }
}
"""
LISTING_UPDATE = """
mutation($id: ID!, $input: ProductChannelListingUpdateInput!) {
  productChannelListingUpdate(id: $id, input: $input) {
    errors { field code message } product { channelListings { channel { slug } isPublished isAvailableForPurchase } }
  }
}
"""
PRICE_UPDATE = """
mutation($id: ID!, $input: [ProductVariantChannelListingAddInput!]!) {
  productVariantChannelListingUpdate(id: $id, input: $input) {
    errors { field code message } variant { channelListings { channel { slug } price { amount currency } } }
  }
}
"""


def gtin(payload: str) -> str:
    return payload + str(gtin_check_digit(payload))


@pytest.fixture
def product_inputs(db):
    return {
        "productType": to_global_id("ProductType", make_product_type(name="Thực phẩm").pk),
        "producer": to_global_id("Producer", make_producer(slug="le-gia").pk),
        "category": to_global_id("Category", make_category(slug="thuy-san").pk),
    }


@pytest.mark.django_db
def test_product_create_sanitises_description(gql, staff_token, product_inputs):
    col = make_collection(slug="dac-san")
    result = gql(PRODUCT_CREATE, {"input": {
        **product_inputs, "name": "Nước mắm cốt Lê Gia 40N",
        "description": '<p onclick="x()">Cá cơm <b>Hoằng Hóa</b><script>alert(1)</script></p><img src=x onerror=y>',
        "collections": [to_global_id("Collection", col.pk)], "metadata": [{"key": "dung_tich", "value": "500 ml"}],
        "taxRate": 10,
    }}, token=staff_token)
    assert "errors" not in result, result
    data = result["data"]["productCreate"]
    assert data["errors"] == []
    product = data["product"]
    assert product["slug"] == "nuoc-mam-cot-le-gia-40n"
    assert product["description"] == "<p>Cá cơm <b>Hoằng Hóa</b></p>"
    assert product["descriptionPlaintext"] == "Cá cơm Hoằng Hóa"
    assert product["moderationStatus"] == "DRAFT"
    assert product["collections"] == [{"slug": "dac-san"}]
    assert product["metadata"] == [{"key": "dung_tich", "value": "500 ml"}]
    assert product["taxRate"] == 10
    # the same name again gets a unique slug
    again = gql(PRODUCT_CREATE, {"input": {**product_inputs, "name": "Nước mắm cốt Lê Gia 40N"}}, token=staff_token)
    assert again["data"]["productCreate"]["product"]["slug"] == "nuoc-mam-cot-le-gia-40n-2"


@pytest.mark.django_db
@pytest.mark.parametrize("token_kind", ["anonymous", "consumer", "producer_member_without_perm"])
def test_product_mutations_need_manage_products(gql, token_for, product_inputs, token_kind):
    token = None if token_kind == "anonymous" else token_for(make_user(is_staff=token_kind != "consumer"))
    result = gql(PRODUCT_CREATE, {"input": {**product_inputs, "name": "X"}}, token=token)
    assert errors_of(result, "productCreate")[0]["code"] == "PERMISSION_DENIED"
    assert result["data"]["productCreate"]["product"] is None
    assert Product.objects.count() == 0
    product = make_product(slug="giu-nguyen")
    gid = to_global_id("Product", product.pk)
    assert errors_of(gql(PRODUCT_UPDATE, {"id": gid, "input": {"name": "Đổi"}}, token=token),
                     "productUpdate")[0]["code"] == "PERMISSION_DENIED"
    assert errors_of(gql(PRODUCT_DELETE, {"id": gid}, token=token), "productDelete")[0]["code"] == "PERMISSION_DENIED"
    assert Product.objects.get(pk=product.pk).name != "Đổi"


@pytest.mark.django_db
def test_product_create_invalid_input_changes_nothing(gql, staff_token, product_inputs):
    make_product(slug="trung")
    cases = [
        ({"name": "  "}, "name", "REQUIRED"),
        ({"name": "A", "slug": "trung"}, "slug", "UNIQUE"),
        ({"name": "A", "taxRate": 7}, "taxRate", "INVALID"),
        ({"name": "A", "producer": "bad-id"}, "producer", "GRAPHQL_ERROR"),
        ({"name": "A", "category": to_global_id("Category", 999999)}, "category", "NOT_FOUND"),
        ({"name": "A", "moderationStatus": "APPROVED"}, None, None),
    ]
    before = Product.objects.count()
    for extra, field, code in cases[:-1]:
        errors = errors_of(gql(PRODUCT_CREATE, {"input": {**product_inputs, **extra}}, token=staff_token),
                           "productCreate")
        assert errors and errors[0]["field"] == field and errors[0]["code"] == code, (extra, errors)
        assert errors[0]["message"]
    assert Product.objects.count() == before
    # moderation needs MODERATE_LISTINGS
    editor = make_user(perms=["accounts.manage_products"], is_staff=True)
    from accounts.jwt import create_access_token

    errors = errors_of(gql(PRODUCT_CREATE, {"input": {**product_inputs, **cases[-1][0]}},
                           token=create_access_token(editor)), "productCreate")
    assert errors[0] == {"field": "moderationStatus", "code": "PERMISSION_DENIED", "message": errors[0]["message"]}
    assert Product.objects.count() == before


@pytest.mark.django_db
def test_product_update_and_delete(gql, staff_token):
    product = make_product(slug="cu", name="Cũ", status="submitted")
    gid = to_global_id("Product", product.pk)
    data = gql(PRODUCT_UPDATE, {"id": gid, "input": {"name": "Chè lam Phủ Quảng", "slug": "che-lam-phu-quang",
                                                     "moderationStatus": "APPROVED"}}, token=staff_token)
    assert data["data"]["productUpdate"] == {"errors": [], "product": {
        "name": "Chè lam Phủ Quảng", "slug": "che-lam-phu-quang", "moderationStatus": "APPROVED"}}
    certified = make_product(slug="co-chung-nhan")
    make_certificate(certified)
    errors = errors_of(gql(PRODUCT_DELETE, {"id": to_global_id("Product", certified.pk)}, token=staff_token),
                       "productDelete")
    assert errors[0]["code"] == "INVALID" and Product.objects.filter(pk=certified.pk).exists()
    deleted = gql(PRODUCT_DELETE, {"id": gid}, token=staff_token)["data"]["productDelete"]
    assert deleted == {"errors": [], "product": {"id": gid}}
    assert not Product.objects.filter(pk=product.pk).exists()
    missing = errors_of(gql(PRODUCT_DELETE, {"id": gid}, token=staff_token), "productDelete")
    assert missing[0]["code"] == "NOT_FOUND"


@pytest.mark.django_db
def test_variant_create_checks_gtin_and_sku(gql, staff_token):
    product = make_product()
    pid = to_global_id("Product", product.pk)
    good = gtin("893604159001")
    result = gql(VARIANT_CREATE, {"input": {"product": pid, "sku": "legia-500", "gtin": good, "name": "Chai 500 ml"}},
                 token=staff_token)
    assert result["data"]["productVariantCreate"]["errors"] == []
    assert result["data"]["productVariantCreate"]["productVariant"]["sku"] == "LEGIA-500"

    wrong_check = good[:-1] + str((int(good[-1]) + 1) % 10)
    cases = [
        ({"sku": "A1", "gtin": wrong_check}, "gtin", "INVALID_GTIN"),
        ({"sku": "A2", "gtin": "89360415900"}, "gtin", "INVALID_GTIN"),
        ({"sku": "A3", "gtin": "89360415900AB"}, "gtin", "INVALID_GTIN"),
        ({"sku": "A4", "gtin": good}, "gtin", "UNIQUE"),
        ({"sku": "LEGIA-500"}, "sku", "UNIQUE"),
        ({"sku": ""}, "sku", "REQUIRED"),
        ({"sku": "A5", "quantityLimitPerCustomer": 0}, "quantityLimitPerCustomer", "INVALID"),
    ]
    for extra, field, code in cases:
        errors = errors_of(gql(VARIANT_CREATE, {"input": {"product": pid, **extra}}, token=staff_token),
                           "productVariantCreate")
        assert (errors[0]["field"], errors[0]["code"]) == (field, code), (extra, errors)
    assert ProductVariant.objects.count() == 1
    assert "số kiểm tra" in errors_of(gql(VARIANT_CREATE, {"input": {"product": pid, "sku": "Z", "gtin": wrong_check}},
                                          token=staff_token), "productVariantCreate")[0]["message"]


@pytest.mark.django_db
def test_variant_update(gql, staff_token, consumer_token):
    product = make_product()
    v1 = ProductVariant.objects.create(product=product, sku="V1", gtin=gtin("893000000001"))
    ProductVariant.objects.create(product=product, sku="V2", gtin=gtin("893000000002"))
    new = gtin("893000000003")
    ok = gql(VARIANT_UPDATE, {"sku": "v1", "input": {"gtin": new}}, token=staff_token)
    assert ok["data"]["productVariantUpdate"] == {"errors": [], "productVariant": {"sku": "V1", "gtin": new}}
    clash = errors_of(gql(VARIANT_UPDATE, {"id": to_global_id("ProductVariant", v1.pk), "input": {"sku": "V2"}},
                          token=staff_token), "productVariantUpdate")
    assert clash[0] == {"field": "sku", "code": "UNIQUE", "message": clash[0]["message"]}
    denied = errors_of(gql(VARIANT_UPDATE, {"sku": "V1", "input": {"gtin": None}}, token=consumer_token),
                       "productVariantUpdate")
    assert denied[0]["code"] == "PERMISSION_DENIED"
    v1.refresh_from_db()
    assert (v1.sku, v1.gtin) == ("V1", new)


@pytest.mark.django_db
def test_channel_listing_and_prices(gql, staff_token, channel):
    product = make_product()
    variant = ProductVariant.objects.create(product=product, sku="P1")
    pid, vid = to_global_id("Product", product.pk), to_global_id("ProductVariant", variant.pk)
    cid = to_global_id("Channel", channel.pk)
    # price before the product is in the channel: refused
    errors = errors_of(gql(PRICE_UPDATE, {"id": vid, "input": [{"channelId": cid, "price": 125000}]},
                           token=staff_token), "productVariantChannelListingUpdate")
    assert errors[0] == {"field": "input.0.channelId", "code": "NOT_AVAILABLE_IN_CHANNEL",
                         "message": errors[0]["message"]}
    listed = gql(LISTING_UPDATE, {"id": pid, "input": {"updateChannels": [
        {"channelId": cid, "isPublished": True, "isAvailableForPurchase": True}]}}, token=staff_token)
    assert listed["data"]["productChannelListingUpdate"] == {"errors": [], "product": {"channelListings": [
        {"channel": {"slug": "online"}, "isPublished": True, "isAvailableForPurchase": True}]}}
    for bad, field in ((0, "input.0.price"), (12.5, "input.0.price"), (-5, "input.0.price")):
        errors = errors_of(gql(PRICE_UPDATE, {"id": vid, "input": [{"channelId": cid, "price": bad}]},
                               token=staff_token), "productVariantChannelListingUpdate")
        assert errors[0]["field"] == field, (bad, errors)
    assert not ProductVariantChannelListing.objects.exists()
    priced = gql(PRICE_UPDATE, {"id": vid, "input": [{"channelId": cid, "price": 125000, "costPrice": 80000}]},
                 token=staff_token)["data"]["productVariantChannelListingUpdate"]
    assert priced == {"errors": [], "variant": {"channelListings": [
        {"channel": {"slug": "online"}, "price": {"amount": 125000, "currency": "VND"}}]}}
    dup = errors_of(gql(LISTING_UPDATE, {"id": pid, "input": {"updateChannels": [{"channelId": cid}],
                                                              "removeChannels": [cid]}}, token=staff_token),
                    "productChannelListingUpdate")
    assert dup[0]["code"] == "DUPLICATED_INPUT_ITEM"
    removed = gql(LISTING_UPDATE, {"id": pid, "input": {"removeChannels": [cid]}}, token=staff_token)
    assert removed["data"]["productChannelListingUpdate"]["product"]["channelListings"] == []
    assert not ProductChannelListing.objects.exists() and not ProductVariantChannelListing.objects.exists()
