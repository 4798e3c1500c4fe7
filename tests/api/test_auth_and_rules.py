"""The documented flow (tokenCreate → Authorization: Bearer) and the pure rules behind the mutations."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from core.gtin import gtin_check_digit
from core.validators import validate_gtin13
from producers.services import normalised_tax_code
from tests.factories import make_product, make_user

from .queries import PRODUCT_SLUGS, slugs


@pytest.mark.django_db
def test_token_create_then_bearer(gql, channel):
    make_user("staff@ocop.vn", password="mat-khau-2026", is_staff=True, perms=["accounts.manage_products"])
    make_product(slug="ban-nhap", status="draft")
    bad = gql('mutation { tokenCreate(email: "staff@ocop.vn", password: "sai") { token errors { field code } } }')
    assert bad["data"]["tokenCreate"] == {"token": None, "errors": [{"field": "email", "code": "INVALID_CREDENTIALS"}]}
    ok = gql('mutation { tokenCreate(email: "staff@ocop.vn", password: "mat-khau-2026") { token errors { code } } }')
    token = ok["data"]["tokenCreate"]["token"]
    assert slugs(gql(PRODUCT_SLUGS, {"first": 5}, token=token)) == ["ban-nhap"]
    assert slugs(gql(PRODUCT_SLUGS, {"channel": "online", "first": 5})) == []
    assert slugs(gql(PRODUCT_SLUGS, {"channel": "online", "first": 5}, token="not-a-jwt")) == []


@given(st.text(alphabet="0123456789", min_size=12, max_size=12), st.integers(min_value=1, max_value=9))
def test_gtin13_check_digit(payload, shift):
    good = payload + str(gtin_check_digit(payload))
    validate_gtin13(good)
    wrong = payload + str((gtin_check_digit(payload) + shift) % 10)
    with pytest.raises(ValidationError):
        validate_gtin13(wrong)


def test_gtin_example_from_the_testing_notes():
    assert gtin_check_digit("629104150021") == 3


@given(st.text(alphabet="0123456789", min_size=10, max_size=10), st.text(alphabet="0123456789", min_size=3, max_size=3))
def test_tax_code_forms(head, branch):
    assert normalised_tax_code(f" {head} ") == head
    assert normalised_tax_code(head + branch) == f"{head}-{branch}"
    assert normalised_tax_code(f"{head}-{branch}") == f"{head}-{branch}"
