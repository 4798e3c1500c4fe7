"""Render a VietQR payload as an inline SVG QR code (segno), with a quiet zone for phone cameras."""

from __future__ import annotations

import segno


def qr_svg(payload: str, *, scale: int = 6, title: str = "VietQR") -> str:
    qr = segno.make(payload, error="m", micro=False)
    return qr.svg_inline(scale=scale, border=4, title=title, dark="#000", light="#fff")
