"""Factories for tests: small functions that build valid objects with sensible defaults."""

from .catalog import (  # noqa: F401
    make_category,
    make_certificate,
    make_channel,
    make_listed_product,
    make_producer,
    make_product,
    make_product_type,
    make_user,
    make_variant,
    make_warehouse,
)
