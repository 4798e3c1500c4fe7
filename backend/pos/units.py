"""The unit a variant is sold by, for receipts and invoices ("Đơn vị tính"): the packaging word the
variant's name starts with ("Chai 500 ml" → chai, "Hộp quà 2 chai" → hộp), else "cái"."""

from __future__ import annotations

DEFAULT_UNIT = "cái"
# Packaging and counting words used in OCOP variant names, as they are written on Vietnamese invoices.
UNITS: frozenset[str] = frozenset({
    "bao", "bánh", "bình", "bó", "bộ", "can", "cân", "cây", "chai", "chiếc", "con", "cuộn", "gói", "hộp", "hũ",
    "kg", "khay", "lít", "lọ", "lon", "miếng", "ống", "phong", "quả", "suất", "thùng", "túi", "vỉ", "xâu",
})


def sale_unit(variant_name: str | None) -> str:
    first = (variant_name or "").strip().split(" ", 1)[0].lower()
    return first if first in UNITS else DEFAULT_UNIT
