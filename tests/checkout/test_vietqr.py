"""VietQR payloads against a published example, the CRC, and the rendered QR read back."""

from __future__ import annotations

import io

import pytest
import segno
import zxingcpp
from PIL import Image

from integrations.vietqr.crc import crc16_ccitt_false, crc_hex
from integrations.vietqr.payload import TransferRequest, VietQRError, build_payload, crc_ok, parse_tlv

# Published example: github.com/subiz/vietqr README.md — vietqr.Generate(120000, "970415", "0011001932418",
# "ủng hộ lũ lụt") (VietinBank BIN 970415) prints exactly this payload.
SUBIZ_EXAMPLE = ("00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA"
                 "530370454061200005802VN62170813ung ho lu lut6304C15C")


def test_builds_the_published_example_byte_for_byte():
    payload = build_payload(TransferRequest(bank_bin="970415", account_number="0011001932418", amount=120000,
                                            reference="ủng hộ lũ lụt"))
    assert payload == SUBIZ_EXAMPLE


def test_crc16_ccitt_false_check_value_and_example_crc():
    assert crc16_ccitt_false(b"123456789") == 0x29B1  # the catalogue check value of CRC-16/CCITT-FALSE
    assert crc_hex(SUBIZ_EXAMPLE[:-4]) == "C15C"
    assert crc_ok(SUBIZ_EXAMPLE)
    assert not crc_ok(SUBIZ_EXAMPLE.replace("120000", "130000"))


def test_tags_of_an_order_payload():
    payload = build_payload(TransferRequest(bank_bin="970405", account_number="3600201001234", amount=245000,
                                            reference="OCOP1042"))
    tags = parse_tlv(payload)
    assert tags["00"] == "01" and tags["01"] == "12"
    merchant = parse_tlv(tags["38"])
    assert merchant["00"] == "A000000727" and merchant["02"] == "QRIBFTTA"
    assert parse_tlv(merchant["01"]) == {"00": "970405", "01": "3600201001234"}
    assert tags["53"] == "704" and tags["54"] == "245000" and tags["58"] == "VN"
    assert parse_tlv(tags["62"]) == {"08": "OCOP1042"}
    assert payload[-8:-4] == "6304" and tags["63"] == crc_hex(payload[:-4])
    assert tags["63"] == tags["63"].upper()


@pytest.mark.parametrize("req", [
    TransferRequest(bank_bin="97040", account_number="1"),
    TransferRequest(bank_bin="970405", account_number=""),
    TransferRequest(bank_bin="970405", account_number="1", amount=0),
    TransferRequest(bank_bin="970405", account_number="1", amount=-5),
])
def test_rejects_bad_input(req):
    with pytest.raises(VietQRError):
        build_payload(req)


def test_rendered_qr_reads_back():
    payload = build_payload(TransferRequest(bank_bin="970405", account_number="3600201001234", amount=99000,
                                            reference="Đơn OCOP 7"))
    buf = io.BytesIO()
    segno.make(payload, error="m").save(buf, kind="png", scale=6, border=4)
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(buf.getvalue())))
    assert [r.text for r in results] == [payload]
    assert parse_tlv(parse_tlv(payload)["62"])["08"] == "Don OCOP 7"
