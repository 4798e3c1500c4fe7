"""CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor), as EMVCo QR requires."""

from __future__ import annotations


def crc16_ccitt_false(data: bytes) -> int:
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def crc_hex(payload_without_crc_value: str) -> str:
    """The 4 uppercase hex digits of tag 63 for a payload that already ends with '6304'."""
    return f"{crc16_ccitt_false(payload_without_crc_value.encode('utf-8')):04X}"
