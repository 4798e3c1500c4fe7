"""Text helpers: Vietnamese-aware slugs."""

from __future__ import annotations

from django.utils.text import slugify


def vn_slugify(value: str) -> str:
    """A URL slug from Vietnamese text ('Đặc sản Hoằng Hóa' → 'dac-san-hoang-hoa')."""
    return slugify((value or "").replace("đ", "d").replace("Đ", "D"))
