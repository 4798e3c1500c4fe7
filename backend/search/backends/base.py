"""The interface every search backend implements (PostgreSQL by default, Elasticsearch optional)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from django.utils.translation import gettext_lazy as _

from channels.models import Channel
from core.errors import DomainError

from ..types import PER_PAGE, ProductFilters, SearchResult, Sort


class SearchUnavailable(DomainError):
    """The search engine cannot be reached or answered with an error."""

    code = "SEARCH_UNAVAILABLE"

    def __init__(self, detail: str = ""):
        message = _("Máy chủ tìm kiếm tạm thời không truy cập được.")
        super().__init__(f"{message} ({detail})" if detail else str(message), field="q")


@runtime_checkable
class SearchBackend(Protocol):
    name: str

    def index(self, product_ids: Iterable[int] | None = None) -> int:
        """(Re)build the index for the given products, or for all when None; returns how many."""

    def update(self, product_ids: Iterable[int]) -> int:
        """Refresh the given products after they changed (removing those that no longer exist)."""

    def search(self, query: str, channel: Channel, filters: ProductFilters, sort: Sort, page: int,
               per_page: int = PER_PAGE) -> SearchResult:
        """One page of gate-visible products of `channel` matching `query` and `filters`."""
