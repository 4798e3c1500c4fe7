"""Item 8 of issue 14: "once per customer" vouchers key on the canonical e-mail (plus tags, Gmail dots);
over-long text and invisible/bidi characters are refused with clear messages (addresses, names, POS buyer)."""

from __future__ import annotations

import pytest

from campaigns.errors import VoucherError
from campaigns.vouchers import voucher_check, voucher_redeem
from checkout.addresses import AddressInput, clean_address
from core.errors import ValidationFailed
from core.identity import canonical_email
from core.text_input import text_problem
from orders.models import Order
from pos.shifts import shift_open
from tests.factories.campaigns import make_voucher
from tests.factories.pos import make_cashier, make_register, make_stocked_product
from tests.pos.conftest import gql_sale


def test_canonical_email():
    assert canonical_email("Lan.Anh+ocop1@GMail.com") == "lananh@gmail.com"
    assert canonical_email("lan.anh@googlemail.com") == "lananh@gmail.com"
    assert canonical_email("nguyen.van+2@ocop.vn") == "nguyen.van@ocop.vn"  # dots matter outside Gmail
    assert canonical_email("khong-phai-email") == "khong-phai-email"


@pytest.mark.django_db
def test_once_per_customer_voucher_refuses_plus_addresses(channel):
    make_voucher(channel, code="MOTLAN", apply_once_per_customer=True)
    voucher_redeem(code="MOTLAN", channel=channel, subtotal=200_000, email="name@example.vn")
    for alias in ("name+1@example.vn", "NAME+khuyen-mai@Example.vn"):
        with pytest.raises(VoucherError) as err:
            voucher_check(code="MOTLAN", channel=channel, subtotal=200_000, email=alias)
        assert err.value.code == "VOUCHER_ALREADY_USED"
    voucher_redeem(code="MOTLAN", channel=channel, subtotal=200_000, email="l.a.n@gmail.com")
    with pytest.raises(VoucherError):
        voucher_check(code="MOTLAN", channel=channel, subtotal=200_000, email="lan+2@googlemail.com")
    assert voucher_check(code="MOTLAN", channel=channel, subtotal=200_000, email="other@example.vn").amount


def test_text_checks():
    assert text_problem("Nguyễn Thị Hoà 🌾", max_length=100) is None
    assert "tối đa 10" in text_problem("x" * 11, max_length=10)
    assert "U+202E" in text_problem("abc\u202egnp.exe", max_length=100)
    assert "U+200B" in text_problem("Lê\u200bGia", max_length=100)
    assert text_problem("dòng 1\ndòng 2", max_length=100) is not None
    assert text_problem("dòng 1\ndòng 2", max_length=100, multiline=True) is None


@pytest.mark.django_db
def test_over_long_address_and_hidden_characters_refused():
    good = dict(full_name="Lê Văn An", phone="0912345678", street_address="12 Lê Lợi", province_code="38",
                ward_code="")
    with pytest.raises(ValidationFailed) as exc:
        clean_address(AddressInput(**{**good, "street_address": "x" * 5000, "full_name": "An\u202eB"}))
    fields = {e.field: e.message for e in exc.value.errors}
    assert "tối đa 255" in fields["streetAddress"] and "U+202E" in fields["fullName"]


@pytest.mark.django_db
def test_pos_buyer_name_capped(gql, token_for):

    register = make_register()
    cashier = make_cashier(register)
    _product, variant = make_stocked_product(register, price=120_000, quantity=5)
    shift = shift_open(user=cashier, register_id=register.pk, counts={500_000: 1})
    sale = dict(gql_sale(shift, variant), buyer={"name": "A" * 100_000, "address": "Sầm Sơn"})
    out = gql("""mutation($i: [PosSaleInput!]!) { posSaleSync(input: $i) { results { status errors { field code message } } } }""",
              {"i": [sale]}, token=token_for(cashier))["data"]["posSaleSync"]["results"][0]
    assert out["status"] == "error" and out["errors"][0]["field"] == "buyer.name"
    assert "tối đa 200" in out["errors"][0]["message"] and not Order.objects.exists()
