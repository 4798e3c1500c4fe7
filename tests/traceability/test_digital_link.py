"""GS1 Digital Link construction/parsing and GTIN check digits (no database)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.gtin import gtin_check_digit
from tests.domain_errors import raises_domain
from traceability import digital_link as dl

BASE = "https://ocop.thanhhoa.vn"


@pytest.mark.parametrize("code", [
    "09506000134352",  # GS1 Digital Link standard examples (GTIN-14)
    "9506000134352",   # … and the same GTIN-13
    "70614141123451",  # EPCIS 2.0 standard example 9.6.1 (shipped in standards/epcis/)
    "4006381333931",   # GS1 check-digit example (EAN-13)
    "6291041500213",   # GS1 check-digit calculator example: 629104150021 → 3
    "614141000036",    # GS1 General Specifications GTIN-12 example
    "95012346",        # GTIN-8
])
def test_published_gtins_have_valid_check_digits(code):
    assert gtin_check_digit(code[:-1]) == int(code[-1])
    assert dl.normalise_gtin(code) == code.zfill(14)


def test_wrong_check_digit_is_rejected_with_the_right_digit():
    with raises_domain("INVALID_GTIN", "gtin") as exc:
        dl.normalise_gtin("9506000134353")
    assert exc.value.code == "INVALID_GTIN"
    assert "2" in exc.value.message
    for bad in ("", "12345", "95060001343a2", "123456789012345"):
        with raises_domain("INVALID_GTIN", "gtin"):
            dl.normalise_gtin(bad)


def test_gtin13_is_left_padded_to_14_and_qualifiers_in_canonical_order():
    uri = dl.build_uri(gtin="9506000134352", lot="ABC1", serial="12345", base_url=BASE)
    assert uri == f"{BASE}/01/09506000134352/10/ABC1/21/12345"


def test_reserved_characters_are_percent_encoded_and_unreserved_kept():
    uri = dl.build_uri(gtin="9506000134352", lot="A/B%C+D-E.F_G", serial="x!'(1)*,:;=?<>\"&", base_url=BASE)
    assert uri == (f"{BASE}/01/09506000134352/10/A%2FB%25C%2BD-E.F_G"
                   "/21/x%21%27%281%29%2A%2C%3A%3B%3D%3F%3C%3E%22%26")
    link = dl.parse(uri)
    assert link == dl.DigitalLink("09506000134352", "A/B%C+D-E.F_G", "x!'(1)*,:;=?<>\"&")


@pytest.mark.parametrize("lot", ["LÔ 01", "lot 1", "A#1", "A@B", "A~B", "x" * 21, ""])
def test_lot_outside_gs1_character_set_82_is_rejected(lot):
    with raises_domain("REQUIRED" if not lot else "INVALID", "lot"):
        dl.build_uri(gtin="9506000134352", lot=lot, base_url=BASE)


@pytest.mark.parametrize("uri", [
    "https://ocop.thanhhoa.vn/01/09506000134353/10/A/21/B",   # check digit (INVALID_GTIN)
    "https://ocop.thanhhoa.vn/01/09506000134352/21/B/10/A",   # qualifiers out of order
    "https://ocop.thanhhoa.vn/10/A/21/B",                      # no primary key
    "https://ocop.thanhhoa.vn/01/09506000134352/99/A",         # unknown qualifier
    "https://ocop.thanhhoa.vn/01/09506000134352/10",           # dangling qualifier
    "ftp://ocop.thanhhoa.vn/01/09506000134352",
    "not a url", "", "https:///01/09506000134352",
    "https://ocop.thanhhoa.vn/01/09506000134352/10/L%C3%94",   # non-CSET82 after decoding
])
def test_malformed_uris_are_rejected(uri):
    with raises_domain("INVALID_GTIN" if "/09506000134353/" in uri else "INVALID", "uri"):
        dl.parse(uri)


def test_parse_accepts_path_stem_query_and_gtin13():
    link = dl.parse("https://brand.example/shop/01/9506000134352/10/ABC1/21/12345?linkType=all")
    assert link == dl.DigitalLink("09506000134352", "ABC1", "12345")
    assert dl.parse("/01/09506000134352").lot is None


def test_decoded_request_paths_split_on_qualifiers():
    link = dl.parse_decoded_path("/01/09506000134352/10/A/B%C/21/SER1")
    assert link == dl.DigitalLink("09506000134352", "A/B%C", "SER1")
    assert dl.parse_decoded_path("/01/09506000134352/10/A/B").lot == "A/B"


cset82 = st.text(alphabet=sorted(dl.CSET82), min_size=1, max_size=20)


@settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(gtin_number=st.integers(min_value=0, max_value=10**12 - 1), lot=cset82, serial=cset82)
def test_round_trip(gtin_number, lot, serial):
    gtin_body = f"{gtin_number:012d}"
    gtin = gtin_body + str(gtin_check_digit(gtin_body))
    uri = dl.build_uri(gtin=gtin, lot=lot, serial=serial, base_url=BASE)
    assert dl.parse(uri) == dl.DigitalLink(gtin.zfill(14), lot, serial)
    path = uri[len(BASE):]
    assert all(ch.isalnum() or ch in "/-._%" for ch in path)
