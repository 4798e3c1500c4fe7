"""Keeps `Product.search_vector` / `search_document` current (and the Elasticsearch index, when used).

The vector holds the unaccented name (weight A), producer name (B), description (C) and OCOP group
name (D) in the `simple` configuration, so `banh gai` matches "Bánh gai" and `dac san` "Đặc sản".
`search_document` is the unaccented, lower-case "name producer" text used for typo (trigram) matching.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import connection, transaction

logger = logging.getLogger(__name__)

_UPDATE_SQL = """
UPDATE catalog_product AS p SET
  search_vector =
      setweight(to_tsvector('simple', ocop_unaccent(p.name || ' ' || p.short_name)), 'A')
   || setweight(to_tsvector('simple', ocop_unaccent(pr.name)), 'B')
   || setweight(to_tsvector('simple', ocop_unaccent(
          CASE WHEN p.description_plaintext <> '' THEN p.description_plaintext
               ELSE regexp_replace(p.description, '<[^>]*>', ' ', 'g') END)), 'C')
   || setweight(to_tsvector('simple', ocop_unaccent(
          COALESCE((SELECT c.name FROM catalog_category AS c WHERE c.id = p.category_id), ''))), 'D'),
  search_document = lower(ocop_unaccent(p.name || ' ' || pr.name))
FROM producers_producer AS pr
WHERE pr.id = p.producer_id {where}
"""


def update_product_search(product_ids: Iterable[int] | None = None, *, push: bool = True) -> int:
    """Recompute the search columns of the given products (all when None) in one statement.

    Also pushes the products to Elasticsearch after commit when ELASTICSEARCH_URL is set."""
    ids = None if product_ids is None else sorted({int(i) for i in product_ids})
    if ids == []:
        return 0
    with connection.cursor() as cursor:
        if ids is None:
            cursor.execute(_UPDATE_SQL.format(where=""))
        else:
            cursor.execute(_UPDATE_SQL.format(where="AND p.id = ANY(%s)"), [ids])
        count = cursor.rowcount
    if push:
        push_to_external_backend(ids)
    return count


def update_producer_products(producer_id: int) -> int:
    from catalog.models import Product

    return update_product_search(Product.objects.filter(producer_id=producer_id).values_list("pk", flat=True))


def push_to_external_backend(ids: list[int] | None) -> None:
    from .backends import get_backend
    from .backends.base import SearchUnavailable

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
