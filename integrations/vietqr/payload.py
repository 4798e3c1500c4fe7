"""VietQR (NAPAS 247 / EMVCo merchant-presented QR) payloads for inter-bank transfers to an account.

Layout (ID, 2-digit length, value):
  00 "01"                payload format indicator
  01 "12"                point of initiation: dynamic (one amount, one order)
  38 …                   merchant account information:
       00 A000000727     NAPAS GUID
       01 …              beneficiary organisation: 00 bank BIN (6 digits), 01 account number
       02 QRIBFTTA       service: inter-bank fund transfer 24/7 to an account
  53 704                 currency (VND)
  54 …                   amount (integer VND)
  58 VN                  country
  62 …                   additional data: 08 purpose of transaction (our order reference)
  63 XXXX                CRC-16/CCITT-FALSE over everything before it, including "6304"
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .crc import crc_hex

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"


class VietQRError(ValueError):
    pass


def tlv(tag: str, value: str) -> str:
    if len(value) > 99:
        raise VietQRError(f"tag {tag}: value longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def ascii_reference(text: str, max_len: int = 25) -> str:
    """Bank apps show tag 62/08 as plain ASCII: strip Vietnamese diacritics (đ → d), keep [A-Za-z0-9 ]."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9 ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()[:max_len]


@dataclass(frozen=True)
class TransferRequest:
    bank_bin: str
    account_number: str
    amount: int | None = None
    reference: str = ""


def build_payload(req: TransferRequest) -> str:
    if not re.fullmatch(r"\d{6}", req.bank_bin or ""):
        raise VietQRError("bank BIN must be 6 digits")
    if not re.fullmatch(r"[0-9A-Za-z]{1,19}", req.account_number or ""):
        raise VietQRError("account number must be 1–19 letters/digits")
    if req.amount is not None and (not isinstance(req.amount, int) or req.amount <= 0 or len(str(req.amount)) > 13):
        raise VietQRError("amount must be a positive integer of at most 13 digits")
    beneficiary = tlv("00", req.bank_bin) + tlv("01", req.account_number)
    merchant = tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", SERVICE_TO_ACCOUNT)
    out = tlv("00", "01") + tlv("01", "12") + tlv("38", merchant) + tlv("53", CURRENCY_VND)
    if req.amount is not None:
        out += tlv("54", str(req.amount))
    out += tlv("58", COUNTRY_VN)
    reference = ascii_reference(req.reference)
    if reference:
        out += tlv("62", tlv("08", reference))
    out += "6304"
    return out + crc_hex(out)


def parse_tlv(data: str) -> dict[str, str]:
    """Top-level ID → value of an EMVCo payload (for tests and for reading a scanned code back)."""
    out: dict[str, str] = {}
    i = 0
    while i < len(data):
        if i + 4 > len(data):
            raise VietQRError("truncated TLV")
        tag, length = data[i:i + 2], int(data[i + 2:i + 4])
        out[tag] = data[i + 4:i + 4 + length]
        if len(out[tag]) != length:
            raise VietQRError("truncated TLV")
        i += 4 + length
    return out


def crc_ok(payload: str) -> bool:
    return len(payload) > 8 and payload[-8:-4] == "6304" and crc_hex(payload[:-4]) == payload[-4:].upper()
