"""English for the core app: the shared base template, GraphQL helper errors, validators, image checks."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from graphql_relay import to_global_id

from core.errors import DomainError
from core.images import clean_image
from core.validators import validate_gtin13, validate_tax_code
from tests.factories import make_user, make_warehouse
from tests.po_catalogue import mo_matches_po, read_po, untranslated

pytestmark = pytest.mark.django_db


def test_base_template_in_english(client, channel):
    client.cookies["django_language"] = "en"
    page = client.get("/tim-kiem/").content.decode()
    for english in ("Skip to content", "Main navigation", "Products", "Cart", "Log in", "Language",
                    "Thanh Hóa Trade Promotion Centre", "One Commune One Product",
                    "Thanh Hóa OCOP products certified 3–5 stars"):
        assert english in page, english
    for vietnamese in ("Bỏ qua đến nội dung", "Giỏ hàng", "Đăng nhập", "Trung tâm Xúc tiến Thương mại"):
        assert vietnamese not in page, vietnamese
    assert '<html lang="en">' in page


def test_base_template_stays_vietnamese_by_default(client, channel):
    page = client.get("/tim-kiem/").content.decode()
    assert "Bỏ qua đến nội dung" in page and "Skip to content" not in page


def test_graphql_id_and_permission_errors_in_english(client, gql, token_for):
    client.cookies["django_language"] = "en"
    wh = make_warehouse()
    query = """mutation($s: ID!, $d: ID!, $v: ID!){ stockTransferCreate(input: {source: $s, destination: $d,
               lines: [{variant: $v, quantity: 1}]}){ errors{ field code message } } }"""
    variables = {"s": to_global_id("Warehouse", wh.pk), "d": to_global_id("Warehouse", make_warehouse().pk),
                 "v": to_global_id("Warehouse", wh.pk)}
    staff = make_user(perms=["accounts.manage_inventory"], is_staff=True)
    err = gql(query, variables, token=token_for(staff))["data"]["stockTransferCreate"]["errors"][0]
    assert err["message"] == "Wrong ID type: expected ProductVariant."
    denied = gql("""mutation($input: PromotionCreateInput!){ promotionCreate(input: $input){ errors{ code message } } }""",
                 {"input": {"name": "X", "type": "CATALOGUE", "startDate": "2026-12-01T00:00:00+07:00", "rules": []}}, token=token_for(make_user()))
    err = denied["data"]["promotionCreate"]["errors"][0]
    assert err == {"code": "PERMISSION_DENIED", "message": "You do not have permission to perform this action."}


def test_validator_and_image_messages_in_english():
    with translation.override("en"):
        with pytest.raises(ValidationError) as exc:
            validate_tax_code("123")
        assert exc.value.messages == ["The tax code must have 10 or 13 digits."]
        with pytest.raises(ValidationError) as exc:
            validate_gtin13("12")
        assert exc.value.messages == ["The GTIN must be exactly 13 digits."]
        with pytest.raises((DomainError, ValidationError)) as exc:
            clean_image(SimpleUploadedFile("x.png", io.BytesIO(b"not an image").getvalue()))
        assert "Vietnam" not in str(exc.value) and ("image" in str(exc.value) or "JPEG" in str(exc.value))


def test_catalogue_complete_and_compiled():
    assert len(read_po("core")) >= 35
    assert untranslated("core") == []
    assert mo_matches_po("core") == []
