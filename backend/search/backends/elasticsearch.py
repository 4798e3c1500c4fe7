"""Optional Elasticsearch backend (selected when settings.ELASTICSEARCH_URL is set).

Elasticsearch only ranks text: it returns the best-matching product ids (ASCII-folded, fuzzy,
name^3 > producer^2 > description). The gate, filters, sorting and pagination are then applied by
PostgreSQL to those candidates, so an expired or suspended product never shows even if the index is
stale. If the cluster cannot be reached, `search`/`index` raise `SearchUnavailable`; the search
service then falls back to the PostgreSQL backend (see search.services).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_exceptions
from elasticsearch.helpers import BulkIndexError, bulk
from elasticsearch_dsl import Document, Integer, Keyword, Q, Search, Text, analyzer

from catalog.models import Product
from channels.models import Channel

from ..types import PER_PAGE, ProductFilters, SearchResult, Sort
from .base import SearchUnavailable
from .postgres import PostgresSearchBackend

MAX_CANDIDATES = 1000

folding = analyzer("ocop_folding", tokenizer="standard", filter=["lowercase", "asciifolding"])


class ProductDocument(Document):
    """One product as indexed: text fields folded to ASCII (đ → d, ặ → a)."""

    name = Text(analyzer=folding, fields={"raw": Keyword()})
    producer = Text(analyzer=folding)
    description = Text(analyzer=folding)
    category = Text(analyzer=folding)
    slug = Keyword()
    ward_code = Keyword()
    category_id = Integer()

    class Index:
        name = "ocop-products"
        settings = {"number_of_shards": 1, "number_of_replicas": 0}

    @classmethod
    def from_product(cls, product: Product) -> ProductDocument:
        return cls(
            meta={"id": product.pk}, name=product.name, producer=product.producer.name,
            description=product.description_plaintext or "", slug=product.slug,
            category=product.category.name if product.category_id else "", category_id=product.category_id,
            ward_code=product.producer.ward_code,
        )


def index_name() -> str:
    return getattr(settings, "ELASTICSEARCH_INDEX", "") or ProductDocument.Index.name


def build_search(query: str, *, size: int = MAX_CANDIDATES) -> Search:
    """The request: fuzzy multi-match over folded fields, name weighted above producer above description."""
    text = " ".join(query.split())
    q = Q("bool", should=[
        Q("multi_match", query=text, fields=["name^3", "producer^2", "description"], type="best_fields",
          operator="and", fuzziness="AUTO", prefix_length=1),
        Q("match_phrase_prefix", name={"query": text, "boost": 4}),
    ], minimum_should_match=1)
    return Search(index=index_name()).query(q).source(False).extra(size=size, track_total_hits=False)


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, url: str | None = None, *, timeout: float = 2.0):
        self.url = url or settings.ELASTICSEARCH_URL
        self.client = Elasticsearch(self.url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)
        self.fallback = PostgresSearchBackend()

    def _call(self, func, *args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (es_exceptions.ConnectionError, es_exceptions.ConnectionTimeout, es_exceptions.TransportError,
                es_exceptions.ApiError, BulkIndexError) as exc:
            raise SearchUnavailable(f"Elasticsearch {self.url}: {type(exc).__name__}") from exc

    def ensure_index(self) -> None:
        doc_index = ProductDocument._index.clone(name=index_name())
        if not self._call(self.client.indices.exists, index=index_name()):
            self._call(doc_index.create, using=self.client)

    def _actions(self, products: Iterable[Product]):
        for product in products:
            doc = ProductDocument.from_product(product).to_dict(include_meta=True)
            doc["_index"] = index_name()
            yield doc

    def index(self, product_ids: Iterable[int] | None = None) -> int:
        self.ensure_index()
        qs = Product.objects.select_related("producer", "category")
        if product_ids is not None:
            qs = qs.filter(pk__in=list(product_ids))
        ok, _errors = self._call(bulk, self.client, self._actions(qs.iterator(chunk_size=500)), refresh="wait_for")
        return ok

    def update(self, product_ids: Iterable[int]) -> int:
        ids = list(product_ids)
        existing = set(Product.objects.filter(pk__in=ids).values_list("pk", flat=True))
        gone = [{"_op_type": "delete", "_index": index_name(), "_id": pk} for pk in ids if pk not in existing]
        if gone:
            self._call(bulk, self.client, gone, raise_on_error=False)
        return self.index(existing) if existing else 0

    def candidate_ids(self, query: str) -> list[int]:
        response = self._call(build_search(query).using(self.client).execute)
        return [int(hit.meta.id) for hit in response]

    def search(self, query: str, channel: Channel, filters: ProductFilters, sort: Sort, page: int,
               per_page: int = PER_PAGE) -> SearchResult:
        if not query.strip():
            return self.fallback.search(query, channel, filters, sort, page, per_page)
        ids = self.candidate_ids(query)
        result = self.fallback.search(query, channel, filters, sort, page, per_page, only_ids=ids)
        return SearchResult(ids=result.ids, total=result.total, page=result.page, per_page=per_page,
                            backend=self.name)

