"""Backend selection: Elasticsearch when settings.ELASTICSEARCH_URL is set, else PostgreSQL."""

from __future__ import annotations

from django.conf import settings

from .base import SearchBackend, SearchUnavailable  # noqa: F401
from .elasticsearch import ElasticsearchBackend
from .postgres import PostgresSearchBackend


def get_backend() -> SearchBackend:
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    if url:
        return ElasticsearchBackend(url)
    return PostgresSearchBackend()
