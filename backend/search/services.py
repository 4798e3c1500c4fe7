"""The entry point pages use to list and search products."""

from __future__ import annotations

import logging

from channels.models import Channel

from .backends import get_backend
from .backends.base import SearchUnavailable
from .backends.postgres import PostgresSearchBackend
from .types import PER_PAGE, ProductFilters, SearchResult, Sort

logger = logging.getLogger(__name__)


def search_products(*, channel: Channel, query: str = "", filters: ProductFilters | None = None,
                    sort: Sort = Sort.RELEVANCE, page: int = 1, per_page: int = PER_PAGE) -> SearchResult:
    """One page of gate-visible products. If the configured external engine is down, the
    PostgreSQL backend answers instead (logged as a warning), so the shop keeps working."""
    filters = filters or ProductFilters()
    backend = get_backend()
    try:
        return backend.search(query, channel, filters, sort, page, per_page)
    except SearchUnavailable as exc:
        logger.warning("Search backend %s unavailable, using PostgreSQL: %s", backend.name, exc)
        return PostgresSearchBackend().search(query, channel, filters, sort, page, per_page)
