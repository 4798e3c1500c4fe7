"""Keeps the search data current after a change: the PostgreSQL search columns (`search.vectors`) and,
when ELASTICSEARCH_URL is set, the external index (pushed after commit through `search.backends`)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction

from catalog.models import Product

from .backends import get_backend
from .backends.base import SearchUnavailable
from .vectors import refresh_search_columns

logger = logging.getLogger(__name__)


def update_product_search(product_ids: Iterable[int] | None = None, *, push: bool = True) -> int:
    """Recompute the search columns of the given products (all when None) in one statement.

    Also pushes the products to Elasticsearch after commit when ELASTICSEARCH_URL is set."""
    ids = None if product_ids is None else sorted({int(i) for i in product_ids})
    if ids == []:
        return 0
    count = refresh_search_columns(ids)
    if push:
        push_to_external_backend(ids)
    return count


def update_producer_products(producer_id: int) -> int:
    return update_product_search(Product.objects.filter(producer_id=producer_id).values_list("pk", flat=True))


def push_to_external_backend(ids: list[int] | None) -> None:
    backend = get_backend()
    if backend.name == "postgres":
        return

    def push() -> None:
        try:
            if ids is None:
                backend.index(None)
            else:
                backend.update(ids)
        except SearchUnavailable as exc:  # the database stays the source of truth; a rebuild catches up
            logger.warning("Search index update failed: %s", exc)

    transaction.on_commit(push)
