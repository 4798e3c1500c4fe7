import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from catalog.models import Product, ProductChannelListing
from certification.models import CertificateStatus
from search.backends import SearchBackend, get_backend
from search.backends.postgres import PostgresSearchBackend
from search.indexing import update_product_search
from search.services import search_products
from search.types import ProductFilters, Sort
from tests.factories import (
    make_category,
    make_certificate,
    make_listed_product,
    make_producer,
    make_product,
    make_warehouse,
)
from tests.factories.storefront import make_collection, stock_up

pytestmark = pytest.mark.django_db


def names(channel, query="", **kwargs):
    result = search_products(channel=channel, query=query, **kwargs)
    by_id = dict(Product.objects.filter(pk__in=result.ids).values_list("pk", "name"))
    return [by_id[pk] for pk in result.ids]


def test_default_backend_is_postgres_and_implements_the_protocol(settings):
    settings.ELASTICSEARCH_URL = ""
    backend = get_backend()
    assert isinstance(backend, PostgresSearchBackend)
    assert isinstance(backend, SearchBackend)


def test_search_ignores_diacritics_including_d_stroke(channel):
    make_listed_product(channel, name="Bánh gai Tứ Trụ")
    make_listed_product(channel, name="Đặc sản nem chua Thanh Hóa")
    make_listed_product(channel, name="Chè lam Phủ Quảng")
    assert names(channel, "banh gai") == ["Bánh gai Tứ Trụ"]
    assert names(channel, "dac san") == ["Đặc sản nem chua Thanh Hóa"]
    assert names(channel, "ĐẶC SẢN") == ["Đặc sản nem chua Thanh Hóa"]
    assert names(channel, "thanh hoa nem") == ["Đặc sản nem chua Thanh Hóa"]
    assert names(channel, "banh ga") == ["Bánh gai Tứ Trụ"]  # prefix while typing


def test_typos_are_tolerated_by_trigram_similarity(channel):
    make_listed_product(channel, name="Kẹo lạc Hoằng Hóa")
    make_listed_product(channel, name="Mật ong rừng Như Xuân")
    assert names(channel, "keo lach") == ["Kẹo lạc Hoằng Hóa"]
    assert names(channel, "mat ongg") == ["Mật ong rừng Như Xuân"]
    assert names(channel, "nuoc mam") == []


def test_ranking_is_name_then_producer_then_description(channel):
    make_listed_product(channel, name="Trà thảo mộc", description_plaintext="Pha cùng mật ong rừng rất ngon")
    make_listed_product(channel, name="Nước mắm", producer=make_producer(name="HTX Mật ong Bá Thước"))
    make_listed_product(channel, name="Mật ong hoa nhãn")
    assert names(channel, "mat ong") == ["Mật ong hoa nhãn", "Nước mắm", "Trà thảo mộc"]


def test_search_is_restricted_by_the_gate(channel):
    make_listed_product(channel, name="Bánh gai còn hiệu lực")
    expired, _ = make_listed_product(channel, name="Bánh gai hết hạn")
    expired.certificates.update(issued_on=timezone.localdate() - dt.timedelta(days=1200),
                                expires_on=timezone.localdate() - dt.timedelta(days=1))
    suspended, _ = make_listed_product(channel, name="Bánh gai tạm đình chỉ")
    suspended.certificates.update(status=CertificateStatus.SUSPENDED)
    unpublished, _ = make_listed_product(channel, name="Bánh gai chưa đăng")
    ProductChannelListing.objects.filter(product=unpublished).update(is_published=False)
    make_product(name="Bánh gai nháp", status="draft")
    assert names(channel, "banh gai") == ["Bánh gai còn hiệu lực"]
    assert names(channel) == ["Bánh gai còn hiệu lực"]


def test_odd_characters_in_the_query_are_harmless(channel):
    make_listed_product(channel, name="Bánh gai")
    for query in ["banh & | ! :* ( ' \"", "<script>", "a" * 500, "___", "'; DROP TABLE x; --"]:
        search_products(channel=channel, query=query)
    assert names(channel, "  banh   'gai'  ") == ["Bánh gai"]


def test_product_and_producer_changes_are_reindexed(channel):
    producer = make_producer(name="HTX Hoằng Thanh")
    product, _ = make_listed_product(channel, name="Nem chua", producer=producer)
    product.name = "Nem chua Thanh Hóa đặc biệt"
    product.save()
    assert names(channel, "dac biet") == ["Nem chua Thanh Hóa đặc biệt"]
    producer.name = "HTX Quảng Xương"
    producer.save()
    assert names(channel, "quang xuong") == ["Nem chua Thanh Hóa đặc biệt"]


def test_rebuild_command_indexes_bulk_created_products(channel):
    product, _ = make_listed_product(channel, name="Sản phẩm tạm")
    Product.objects.filter(pk=product.pk).update(name="Chả tôm Sầm Sơn", search_vector=None, search_document="")
    assert names(channel, "cha tom") == []
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))
    assert names(channel, "cha tom") == ["Chả tôm Sầm Sơn"]
    assert update_product_search([]) == 0


def test_filters(channel):
    group = make_category("Thực phẩm")
    sub = make_category("Bánh kẹo", parent=group)
    other_group = make_category("Đồ uống")
    showroom = make_warehouse(name="Cảng hàng không Thọ Xuân")
    a, va = make_listed_product(channel, name="A bánh", stars=3, price=50_000, category=sub,
                                producer=make_producer(ward_code="111", ward_name="Xã Một"))
    b, vb = make_listed_product(channel, name="B rượu", stars=4, price=150_000, category=other_group,
                                producer=make_producer(ward_code="222", ward_name="Xã Hai"))
    c, vc = make_listed_product(channel, name="C chè", stars=5, price=300_000, category=group,
                                producer=make_producer(ward_code="111", ward_name="Xã Một"))
    stock_up(va.pk, showroom, 3)
    stock_up(vb.pk, make_warehouse(name="Kho khác"), 3)
    collection = make_collection(channel, [b, c])
    f = ProductFilters
    assert names(channel, filters=f(stars=(4, 5)), sort=Sort.NAME) == ["B rượu", "C chè"]
    assert names(channel, filters=f(category_ids=(group.pk, sub.pk)), sort=Sort.NAME) == ["A bánh", "C chè"]
    assert names(channel, filters=f(ward_code="111"), sort=Sort.NAME) == ["A bánh", "C chè"]
    assert names(channel, filters=f(price_min=100_000, price_max=200_000)) == ["B rượu"]
    assert names(channel, filters=f(price_min=100_000), sort=Sort.NAME) == ["B rượu", "C chè"]
    assert names(channel, filters=f(warehouse_id=showroom.pk)) == ["A bánh"]
    assert names(channel, filters=f(collection_id=collection.pk), sort=Sort.NAME) == ["B rượu", "C chè"]
    assert names(channel, filters=f(producer_id=a.producer_id)) == ["A bánh"]
    assert names(channel, "banh", filters=f(stars=(5,))) == []


def test_sorting(channel):
    now = timezone.now()
    for name, price, stars, age in [("Bưởi", 90_000, 3, 3), ("Ấm trà", 200_000, 5, 1), ("Cốm", 40_000, 4, 2)]:
        product, _ = make_listed_product(channel, name=name, price=price, stars=stars)
        Product.objects.filter(pk=product.pk).update(created_at=now - dt.timedelta(days=age))
    assert names(channel, sort=Sort.PRICE_ASC) == ["Cốm", "Bưởi", "Ấm trà"]
    assert names(channel, sort=Sort.PRICE_DESC) == ["Ấm trà", "Bưởi", "Cốm"]
    assert names(channel, sort=Sort.NEWEST) == ["Ấm trà", "Cốm", "Bưởi"]
    assert names(channel, sort=Sort.STARS) == ["Ấm trà", "Cốm", "Bưởi"]
    assert len(names(channel, sort=Sort.NAME)) == 3


def test_pagination(channel):
    for i in range(30):
        make_listed_product(channel, name=f"Sản phẩm {i:02d}")
    first = search_products(channel=channel, sort=Sort.NAME, page=1)
    second = search_products(channel=channel, sort=Sort.NAME, page=2)
    assert (first.total, first.num_pages, len(first.ids), len(second.ids)) == (30, 2, 24, 6)
    assert not set(first.ids) & set(second.ids)
    assert search_products(channel=channel, sort=Sort.NAME, page=99).ids == second.ids


def test_a_product_certified_twice_is_listed_once(channel):
    product, _ = make_listed_product(channel, name="Bánh gai", stars=3)
    make_certificate(product, stars=4)
    assert names(channel, "banh gai") == ["Bánh gai"]
    assert names(channel, filters=ProductFilters(stars=(3, 4))) == ["Bánh gai"]
