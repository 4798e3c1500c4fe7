"""Text helpers: Vietnamese-aware slugs and search folding."""

from __future__ import annotations

import unicodedata

from django.utils.text import slugify


def vn_slugify(value: str) -> str:
    """A URL slug from Vietnamese text ('Đặc sản Hoằng Hóa' → 'dac-san-hoang-hoa')."""
    return slugify((value or "").replace("đ", "d").replace("Đ", "D"))


def fold(value: str) -> str:
    """Lower case without diacritics, for matching what people type ('Bánh gai Tứ Trụ' → 'banh gai tu tru')."""
    text = unicodedata.normalize("NFD", (value or "").replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
