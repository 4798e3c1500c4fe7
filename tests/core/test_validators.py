"""GTIN-13 check digits (GS1's published example) and Vietnamese tax codes."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from core.demo.loader import gtin13
from core.gtin import gtin14, gtin_check_digit, is_valid_gtin
from core.validators import validate_gtin13, validate_tax_code


def test_gs1_published_example():
    assert gtin_check_digit("629104150021") == 3
    assert is_valid_gtin("6291041500213")
    assert not is_valid_gtin("6291041500214")


@pytest.mark.parametrize("code", ["8934588012228", "8936036021325", "4006381333931"])
def test_well_formed_gtins_valid(code):
    assert is_valid_gtin(code, (13,))
    validate_gtin13(code)


@pytest.mark.parametrize("code,message", [
    ("8934588012229", "sai số kiểm tra"),
    ("893458801222", "đúng 13 chữ số"),
    ("89345880122a8", "đúng 13 chữ số"),
])
def test_invalid_gtins_rejected_with_vietnamese_message(code, message):
    with pytest.raises(ValidationError) as exc:
        validate_gtin13(code)
    assert message in str(exc.value)


def test_demo_gtins_have_vietnam_prefix_and_valid_check_digit():
    codes = {gtin13(p, i) for p in range(1, 40) for i in range(1, 60)}
    assert len(codes) == 39 * 59
    assert all(c.startswith("893") and len(c) == 13 and is_valid_gtin(c, (13,)) for c in codes)
    assert gtin14("6291041500213") == "06291041500213"


@pytest.mark.parametrize("code", ["2801234567", "2801234567-001", "2801234567001", " 2801234567 "])
def test_tax_codes_accepted(code):
    validate_tax_code(code)


@pytest.mark.parametrize("code", ["280123456", "28012345678", "2801234567-01", "28O1234567", "", "2801234567-0011"])
def test_tax_codes_rejected(code):
    with pytest.raises(ValidationError) as exc:
        validate_tax_code(code)
    assert "Mã số thuế phải gồm 10 hoặc 13 chữ số." in str(exc.value)
