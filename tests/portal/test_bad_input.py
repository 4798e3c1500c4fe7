"""Bad input: clear Vietnamese messages naming the field, and nothing half-saved."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from graphql_relay import to_global_id

from catalog.models import ModerationStatus, Product, ProductVariant
from core.gtin import gtin_check_digit
from portal.models import PendingImage
from tests.factories.portal import png_upload

pytestmark = pytest.mark.django_db

GOOD_GTIN = "893604" + "123456"
GOOD_GTIN += str(gtin_check_digit(GOOD_GTIN))
BAD_GTIN = GOOD_GTIN[:-1] + str((int(GOOD_GTIN[-1]) + 1) % 10)


def form(world, **kw):
    data = {"name": "Chè lam Phủ Quảng", "description": "<p>Ngon</p>", "category": world.category.pk,
            "variant_name": "Gói 300 g", "sku": "CL-300", "gtin": GOOD_GTIN, "price": "45000", "image": png_upload()}
    data.update(kw)
    return {k: v for k, v in data.items() if v is not None}


def _snapshot():
    return (Product.objects.count(), ProductVariant.objects.count(), PendingImage.objects.count())


@pytest.mark.parametrize("override,field,text", [
    ({"gtin": BAD_GTIN}, "gtin", "sai số kiểm tra"),
    ({"gtin": "12345"}, "gtin", "đúng 13 chữ số"),
    ({"gtin": "USED"}, "gtin", "đã được dùng cho một sản phẩm khác"),
    ({"image": SimpleUploadedFile("anh.png", b"not an image at all", content_type="image/png")}, "image",
     "không phải là ảnh hợp lệ"),
    ({"image": SimpleUploadedFile("anh.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", content_type="image/gif")},
     "image", "JPEG, PNG hoặc WebP"),
    ({"image": None}, "image", "cần ít nhất một ảnh"),
    ({"price": "-5"}, "price", "Giá đề xuất"),
    ({"price": "abc"}, "price", "Giá đề xuất"),
    ({"name": "  "}, "name", "Tên sản phẩm"),
    ({"sku": ""}, "sku", "Mã SKU"),
    ({"category": "999999"}, "category", "Danh mục"),
])
def test_create_page_rejects_and_saves_nothing(world, client, override, field, text):
    if override.get("gtin") == "USED":
        override = {"gtin": world.variant_b.gtin}  # another producer's GTIN: unique across ALL products
    client.force_login(world.owner_a)
    before = _snapshot()
    resp = client.post("/kenh-nguoi-ban/san-pham/moi/", form(world, **override))
    assert resp.status_code == 400
    page = resp.content.decode()
    assert f'id="err-{field}"' in page and text in page
    assert _snapshot() == before


def test_all_problems_reported_at_once(world, client):
    client.force_login(world.owner_a)
    resp = client.post("/kenh-nguoi-ban/san-pham/moi/", form(world, name="", gtin=BAD_GTIN, price="0", image=None))
    page = resp.content.decode()
    for field in ("name", "gtin", "price", "image"):
        assert f'id="err-{field}"' in page


SUBMIT = """mutation($id: ID!) { productSubmitForReview(id: $id) { product { moderationStatus }
  errors { field code message } } }"""


def test_incomplete_product_cannot_be_submitted(world, gql, token_for):
    token = token_for(world.owner_a)
    create = gql("""mutation { portalProductCreate(input: {name: "Nước mắm Khúc Phụ"}) { product { id }
        errors { field message } } }""", token=token)["data"]["portalProductCreate"]
    pid = create["product"]["id"]
    errors = gql(SUBMIT, {"id": pid}, token=token)["data"]["productSubmitForReview"]["errors"]
    fields = {e["field"] for e in errors}
    assert fields == {"category", "description", "variants", "image"}
    assert all(e["message"] for e in errors)
    assert Product.objects.get(name="Nước mắm Khúc Phụ").moderation_status == ModerationStatus.DRAFT


def test_variant_errors_through_graphql(world, gql, token_for):
    token = token_for(world.owner_a)
    q = """mutation($p: ID!, $i: PortalVariantInput!) { portalVariantSave(productId: $p, input: $i) {
        variant { sku } errors { field code message } } }"""
    pid = to_global_id("Product", world.draft_a.pk)
    res = gql(q, {"p": pid, "i": {"sku": "X-1", "gtin": BAD_GTIN, "price": 10000}}, token=token)
    err = res["data"]["portalVariantSave"]["errors"][0]
    assert (err["field"], err["code"]) == ("gtin", "INVALID_GTIN") and "GTIN" in err["message"]
    res = gql(q, {"p": pid, "i": {"sku": "X-1", "gtin": world.variant_b.gtin, "price": 10000}}, token=token)
    assert res["data"]["portalVariantSave"]["errors"][0]["code"] == "UNIQUE"
    res = gql(q, {"p": pid, "i": {"sku": world.variant_b.sku.lower(), "price": 10000}}, token=token)
    assert res["data"]["portalVariantSave"]["errors"][0]["field"] == "sku"
    assert not ProductVariant.objects.filter(sku="X-1").exists()


def test_image_upload_not_an_image_graphql(world, client, token_for):
    q = """mutation($p: ID!, $f: Upload!) { portalProductImageUpload(productId: $p, image: $f) {
        errors { field code message } } }"""
    ops = json.dumps({"query": q, "variables": {"p": to_global_id("Product", world.draft_a.pk), "f": None}})
    resp = client.post("/graphql/", {"operations": ops, "map": json.dumps({"0": ["variables.f"]}),
                                     "0": SimpleUploadedFile("x.jpg", b"%PDF-1.4 nope", content_type="image/jpeg")},
                       HTTP_AUTHORIZATION=f"Bearer {token_for(world.owner_a)}").json()
    err = resp["data"]["portalProductImageUpload"]["errors"][0]
    assert err["field"] == "image" and err["code"] == "INVALID_IMAGE_TYPE"
    assert not PendingImage.objects.exists()
