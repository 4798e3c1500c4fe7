"""The Elasticsearch backend up to the network boundary: request bodies built with the DSL, the
index mapping, backend selection, and behaviour when the cluster cannot be reached."""

import logging

import pytest

from search.backends import SearchBackend, get_backend
from search.backends.base import SearchUnavailable
from search.backends.elasticsearch import ElasticsearchBackend, ProductDocument, build_search
from search.services import search_products
from search.types import ProductFilters, Sort
from tests.factories import make_listed_product

UNREACHABLE = "http://127.0.0.1:9"  # discard port: connection refused at once


def test_request_body_is_a_fuzzy_weighted_multi_match():
    body = build_search("banh gai").to_dict()
    should = body["query"]["bool"]["should"]
    assert body["query"]["bool"]["minimum_should_match"] == 1
    assert should[0] == {"multi_match": {"query": "banh gai", "fields": ["name^3", "producer^2", "description"],
                                         "type": "best_fields", "operator": "and", "fuzziness": "AUTO",
                                         "prefix_length": 1}}
    assert should[1] == {"match_phrase_prefix": {"name": {"query": "banh gai", "boost": 4}}}
    assert body["_source"] is False
    assert body["size"] == 1000


def test_mapping_folds_vietnamese_to_ascii():
    index = ProductDocument._index.to_dict()
    analyzer = index["settings"]["analysis"]["analyzer"]["ocop_folding"]
    assert analyzer == {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"]}
    props = index["mappings"]["properties"]
    for field in ("name", "producer", "description", "category"):
        assert props[field]["analyzer"] == "ocop_folding"
    assert props["name"]["fields"]["raw"] == {"type": "keyword"}
    assert props["slug"] == {"type": "keyword"}


@pytest.mark.django_db
def test_document_from_product(channel):
    product, _ = make_listed_product(channel, name="Bánh gai Tứ Trụ", description_plaintext="Lá gai, gạo nếp")
    doc = ProductDocument.from_product(product).to_dict(include_meta=True)
    assert doc["_id"] == product.pk
    assert doc["_source"]["name"] == "Bánh gai Tứ Trụ"
    assert doc["_source"]["producer"] == product.producer.name
    assert doc["_source"]["description"] == "Lá gai, gạo nếp"


def test_backend_is_selected_by_setting(settings):
    settings.ELASTICSEARCH_URL = UNREACHABLE
    backend = get_backend()
    assert isinstance(backend, ElasticsearchBackend)
    assert isinstance(backend, SearchBackend)
    assert backend.url == UNREACHABLE


@pytest.mark.django_db
def test_unreachable_cluster_raises_a_clear_error(channel):
    make_listed_product(channel, name="Bánh gai Tứ Trụ")
    backend = ElasticsearchBackend(UNREACHABLE)
    with pytest.raises(SearchUnavailable) as err:
        backend.search("banh gai", channel, ProductFilters(), Sort.RELEVANCE, 1)
    assert err.value.code == "SEARCH_UNAVAILABLE"
    assert "Máy chủ tìm kiếm tạm thời không truy cập được" in err.value.message
    assert UNREACHABLE in err.value.message
    with pytest.raises(SearchUnavailable):
        backend.index(None)


@pytest.mark.django_db
def test_search_falls_back_to_postgres_when_cluster_is_down(channel, settings, caplog):
    settings.ELASTICSEARCH_URL = UNREACHABLE
    product, _ = make_listed_product(channel, name="Bánh gai Tứ Trụ")
    with caplog.at_level(logging.WARNING, logger="search.services"):
        result = search_products(channel=channel, query="banh gai")
    assert result.ids == [product.pk]
    assert result.backend == "postgres"
    assert "unavailable" in caplog.text


@pytest.mark.django_db
def test_empty_query_lists_through_postgres_without_network(channel, settings):
    settings.ELASTICSEARCH_URL = UNREACHABLE
    product, _ = make_listed_product(channel, name="Bánh gai")
    assert ElasticsearchBackend(UNREACHABLE).search("", channel, ProductFilters(), Sort.NAME, 1).ids == [product.pk]


@pytest.mark.django_db
def test_saving_a_product_with_cluster_down_still_saves_and_logs(channel, settings, caplog,
                                                                  django_capture_on_commit_callbacks):
    settings.ELASTICSEARCH_URL = UNREACHABLE
    product, _ = make_listed_product(channel, name="Nem chua")
    with caplog.at_level(logging.WARNING, logger="search.indexing"):
        with django_capture_on_commit_callbacks(execute=True):
            product.name = "Nem chua Thanh Hóa"
            product.save()
    product.refresh_from_db()
    assert product.name == "Nem chua Thanh Hóa"
    assert "Search index update failed" in caplog.text
    settings.ELASTICSEARCH_URL = ""
    assert search_products(channel=channel, query="nem chua thanh hoa").ids == [product.pk]
