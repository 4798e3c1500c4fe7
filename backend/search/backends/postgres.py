"""The default backend: PostgreSQL full-text search on unaccented text plus trigram similarity.

Matching: every query word as a prefix in `search_vector` (so `banh ga` already finds "Bánh gai").
When that finds nothing (a typo), products whose unaccented "name producer" has trigram
word-similarity to the query of at least pg_trgm.word_similarity_threshold (0.6 by default) match
instead (the `<%` operator; GIN trigram index from search/migrations/0001). Trying full text first
keeps the common case on the full-text GIN index: OR-ing both makes the planner scan every row.
Ranking: a word found in the name (weight A) outranks one in the producer (B), which outranks the
description (C); ts_rank and name similarity order ties.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db.models import BooleanField, FloatField
from django.db.models.expressions import RawSQL

from catalog.gate import visible_products
from channels.models import Channel

from ..filters import apply_filters, apply_sort
from ..types import PER_PAGE, ProductFilters, SearchResult, Sort
from ..vectors import refresh_search_columns

MAX_TERMS = 8
MAX_TERM_LENGTH = 40
_WORD = re.compile(r"\w+", re.UNICODE)

_FTS_SQL = "catalog_product.search_vector @@ to_tsquery('simple', ocop_unaccent(%s))"
_TYPO_SQL = "lower(ocop_unaccent(%s)) <%% catalog_product.search_document"
_SCORE_SQL = (
    "(CASE WHEN ts_filter(catalog_product.search_vector, '{a}') @@ to_tsquery('simple', ocop_unaccent(%s))"
    " THEN 4 ELSE 0 END"
    " + CASE WHEN ts_filter(catalog_product.search_vector, '{b}') @@ to_tsquery('simple', ocop_unaccent(%s))"
    " THEN 2 ELSE 0 END"
    " + CASE WHEN ts_filter(catalog_product.search_vector, '{c}') @@ to_tsquery('simple', ocop_unaccent(%s))"
    " THEN 1 ELSE 0 END"
    " + COALESCE(ts_rank(catalog_product.search_vector, to_tsquery('simple', ocop_unaccent(%s))), 0)"
    " + 2 * word_similarity(lower(ocop_unaccent(%s)), lower(ocop_unaccent(catalog_product.name))))"
)


def query_terms(query: str) -> list[str]:
    """The words of a query (letters/digits only, so they are safe inside a tsquery)."""
    words = [w for w in _WORD.findall(query.lower().replace("_", " ")) if w]
    return [w[:MAX_TERM_LENGTH] for w in words[:MAX_TERMS]]


def prefix_tsquery(terms: list[str]) -> str:
    return " & ".join(f"{t}:*" for t in terms)


class PostgresSearchBackend:
    name = "postgres"

    def index(self, product_ids: Iterable[int] | None = None) -> int:
        return refresh_search_columns(product_ids)

    def update(self, product_ids: Iterable[int]) -> int:
        return refresh_search_columns(product_ids)

    def search(self, query: str, channel: Channel, filters: ProductFilters, sort: Sort, page: int,
               per_page: int = PER_PAGE, *, only_ids: list[int] | None = None) -> SearchResult:
        qs = apply_filters(visible_products(channel), filters, channel)
        score_field = None
        if only_ids is not None:  # candidates ranked by another engine: keep its order for relevance
            qs = qs.filter(pk__in=only_ids)
            if only_ids:
                score_field = "_score"
                whens = " ".join(f"WHEN {int(pk)} THEN {len(only_ids) - i}" for i, pk in enumerate(only_ids))
                qs = qs.annotate(_score=RawSQL(f"CASE catalog_product.id {whens} ELSE 0 END", [],
                                               output_field=FloatField()))
        total = None
        if only_ids is None:
            terms = query_terms(query)
            if terms:
                tsq, text = prefix_tsquery(terms), " ".join(terms)
                matched = qs.filter(RawSQL(_FTS_SQL, [tsq], output_field=BooleanField()))
                total = matched.count()
                if total == 0:  # no word matches: tolerate typos
                    matched = qs.filter(RawSQL(_TYPO_SQL, [text], output_field=BooleanField()))
                    total = None
                qs = matched.annotate(_score=RawSQL(_SCORE_SQL, [tsq, tsq, tsq, tsq, text],
                                                    output_field=FloatField()))
                score_field = "_score"
        qs = apply_sort(qs, sort, channel, score_field=score_field)
        if total is None:
            total = qs.count()
        num_pages = max(1, -(-total // per_page))
        page = min(max(1, page), num_pages)
        start = (page - 1) * per_page
        ids = list(qs.values_list("pk", flat=True)[start:start + per_page])
        return SearchResult(ids=ids, total=total, page=page, per_page=per_page, backend=self.name)
