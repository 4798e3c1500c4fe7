"""Value types shared by the search backends and the pages that list products."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

PER_PAGE = 24


class Sort(StrEnum):
    RELEVANCE = "relevance"
    NAME = "name"
    PRICE_ASC = "price"
    PRICE_DESC = "-price"
    NEWEST = "newest"
    STARS = "stars"


@dataclass(frozen=True)
class ProductFilters:
    """Filters of a product list. Empty values mean "no restriction"."""

    stars: tuple[int, ...] = ()
    category_ids: tuple[int, ...] = ()  # an OCOP group and its sub-groups
    collection_id: int | None = None
    producer_id: int | None = None
    ward_code: str = ""
    price_min: int | None = None  # VND, channel list price incl. VAT
    price_max: int | None = None
    warehouse_id: int | None = None  # "available at" a point of sale


@dataclass(frozen=True)
class SearchResult:
    """One page of product ids, best first, and the totals to paginate them."""

    ids: list[int] = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = PER_PAGE
    backend: str = "postgres"

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1
