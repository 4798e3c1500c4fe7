"""The search columns of products (`Product.search_vector` / `search_document`), recomputed in SQL.

The vector holds the unaccented name (weight A), producer name (B), description (C) and OCOP group
name (D) in the `simple` configuration, so `banh gai` matches "Bánh gai" and `dac san` "Đặc sản".
`search_document` is the unaccented, lower-case "name producer" text used for typo (trigram) matching.
This module is the bottom layer: backends and `search.indexing` call it, it calls neither.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

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


def refresh_search_columns(product_ids: Iterable[int] | None = None) -> int:
    """Recompute the search columns of the given products (all when None) in one statement."""
    ids = None if product_ids is None else sorted({int(i) for i in product_ids})
    if ids == []:
        return 0
    with connection.cursor() as cursor:
        if ids is None:
            cursor.execute(_UPDATE_SQL.format(where=""))
        else:
            cursor.execute(_UPDATE_SQL.format(where="AND p.id = ANY(%s)"), [ids])
        return cursor.rowcount
