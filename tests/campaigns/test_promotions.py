"""Catalogue and order promotions: predicates, channels, dates, and the best-discount-wins rule."""

import datetime as dt

import pytest
from django.utils import timezone

from campaigns.discounts import best_order_discount, best_order_promotion
from campaigns.errors import PromotionError
from campaigns.models import Promotion, PromotionType, RewardValueType
from campaigns.promotions import promotion_create, promotion_update
from catalog.models import CollectionProduct
from catalog.pricing import variant_prices
from tests.factories import make_category, make_channel, make_listed_product, make_producer
from tests.factories.campaigns import make_catalogue_promotion, make_collection, make_voucher

pytestmark = pytest.mark.django_db


def test_percentage_promotion_lowers_shown_price_only_for_matching_products(channel):
    _p1, v1 = make_listed_product(channel, price=120_000)
    _p2, v2 = make_listed_product(channel, price=80_000)
    make_catalogue_promotion(channel, percent=25, predicate={"variantIds": [v1.pk]})
    prices = variant_prices([v1.pk, v2.pk], channel)
    assert (prices[v1.pk].price, prices[v1.pk].discount, prices[v1.pk].undiscounted) == (90_000, 30_000, 120_000)
    assert prices[v2.pk].price == 80_000 and not prices[v2.pk].on_sale


def test_ocop_predicates_producer_stars_commune_group(channel):
    group = make_category("Thực phẩm")
    sub = make_category("Nước mắm", parent=group)
    legia = make_producer(ward_code="15865")
    other = make_producer(ward_code="14797")
    _a, va = make_listed_product(channel, producer=legia, stars=5, category=sub)
    _b, vb = make_listed_product(channel, producer=other, stars=3)
    cases = [
        ({"producerIds": [legia.pk]}, {va.pk}),
        ({"minStars": 5}, {va.pk}),
        ({"wardCodes": ["14797"]}, {vb.pk}),
        ({"groupIds": [group.pk]}, {va.pk}),
        ({"categoryIds": [sub.pk]}, {va.pk}),
        ({"producerIds": [other.pk], "minStars": 4}, set()),
    ]
    for i, (predicate, expected) in enumerate(cases):
        promotion = make_catalogue_promotion(channel, percent=10, predicate=predicate, name=f"P{i}")
        prices = variant_prices([va.pk, vb.pk], channel)
        assert {vid for vid, p in prices.items() if p.on_sale} == expected, predicate
        promotion.delete()


def test_collection_predicate(channel):
    product, variant = make_listed_product(channel, price=100_000)
    collection = make_collection("qua-tet")
    CollectionProduct.objects.create(collection=collection, product=product)
    make_catalogue_promotion(channel, fixed=15_000, predicate={"collectionIds": [collection.pk]})
    assert variant_prices([variant.pk], channel)[variant.pk].price == 85_000


def test_promotion_limited_to_its_channels_and_dates(channel):
    showroom = make_channel("tho-xuan-airport", kind="showroom")
    _p, variant = make_listed_product(channel, price=100_000)
    make_catalogue_promotion(showroom, percent=50, predicate={"variantIds": [variant.pk]})
    assert not variant_prices([variant.pk], channel)[variant.pk].on_sale
    now = timezone.now()
    make_catalogue_promotion(channel, percent=20, predicate={"variantIds": [variant.pk]}, name="Tương lai",
                             start=now + dt.timedelta(days=1), end=now + dt.timedelta(days=2))
    assert not variant_prices([variant.pk], channel)[variant.pk].on_sale
    assert variant_prices([variant.pk], channel, at=now + dt.timedelta(days=1, hours=1))[variant.pk].discount == 20_000
    assert not variant_prices([variant.pk], channel, at=now + dt.timedelta(days=3))[variant.pk].on_sale


def test_best_discount_for_the_customer_wins(channel):
    """Rule: catalogue promotions do not stack; per unit the largest discount wins."""
    producer = make_producer()
    _p, variant = make_listed_product(channel, price=200_000, producer=producer, stars=4)
    make_catalogue_promotion(channel, percent=10, predicate={"producerIds": [producer.pk]}, name="10%")
    make_catalogue_promotion(channel, fixed=30_000, predicate={"minStars": 4}, name="30k")
    make_catalogue_promotion(channel, percent=12, predicate={"variantIds": [variant.pk]}, name="12%")
    price = variant_prices([variant.pk], channel)[variant.pk]
    assert (price.price, price.promotion_name) == (170_000, "30k")


def test_order_promotion_and_voucher_do_not_stack_larger_wins(channel):
    now = timezone.now()
    promotion_create(name="Đơn từ 500k giảm 50k", type=PromotionType.ORDER, start_date=now - dt.timedelta(hours=1),
                     rules=[{"channels": [channel], "order_predicate": {"minSubtotal": 500_000},
                             "reward_value_type": RewardValueType.FIXED, "reward_value": 50_000}])
    assert best_order_promotion(499_999, channel, now).amount == 0
    assert best_order_promotion(500_000, channel, now).amount == 50_000
    from campaigns.vouchers import voucher_check
    make_voucher(channel, code="GIAM5", percent=5)
    make_voucher(channel, code="GIAM20", percent=20, name="20%")
    small = voucher_check(code="giam5", channel=channel, subtotal=600_000)
    big = voucher_check(code="GIAM20", channel=channel, subtotal=600_000)
    assert best_order_discount(600_000, channel, now, small).source == "promotion"
    chosen = best_order_discount(600_000, channel, now, big)
    assert (chosen.source, chosen.amount, chosen.voucher_code) == ("voucher", 120_000, "GIAM20")


@pytest.mark.parametrize("kwargs,code,field", [
    ({"end_date_delta": -1}, "INVALID_DATES", "endDate"),
    ({"reward_value": 0}, "INVALID_REWARD", "rewardValue"),
    ({"reward_value": 150}, "INVALID_REWARD", "rewardValue"),
    ({"predicate": {}}, "INVALID_PREDICATE", "cataloguePredicate"),
    ({"predicate": {"colour": ["red"]}}, "INVALID_PREDICATE", "cataloguePredicate"),
    ({"predicate": {"minStars": 7}}, "INVALID_PREDICATE", "cataloguePredicate"),
    ({"no_channels": True}, "REQUIRED", "channels"),
])
def test_invalid_promotions_are_refused_and_nothing_is_written(channel, kwargs, code, field):
    now = timezone.now()
    rule = {"channels": [] if kwargs.get("no_channels") else [channel],
            "catalogue_predicate": kwargs.get("predicate", {"minStars": 3}),
            "reward_value_type": RewardValueType.PERCENTAGE, "reward_value": kwargs.get("reward_value", 10)}
    with pytest.raises(PromotionError) as err:
        promotion_create(name="X", type=PromotionType.CATALOGUE, start_date=now,
                         end_date=now + dt.timedelta(days=kwargs.get("end_date_delta", 1)), rules=[rule])
    assert (err.value.code, err.value.field) == (code, field)
    assert err.value.message
    assert Promotion.objects.count() == 0


def test_overlapping_identical_promotion_is_refused(channel):
    _p, variant = make_listed_product(channel)
    first = make_catalogue_promotion(channel, percent=10, predicate={"variantIds": [variant.pk]}, name="A")
    with pytest.raises(PromotionError) as err:
        make_catalogue_promotion(channel, percent=20, predicate={"variantIds": [variant.pk]}, name="B")
    assert err.value.code == "OVERLAPPING_PROMOTION" and "A" in err.value.message
    assert Promotion.objects.count() == 1
    # The same targets after the first one ends is fine; moving the first over it is refused.
    later = first.end_date + dt.timedelta(days=1)
    second = make_catalogue_promotion(channel, percent=20, predicate={"variantIds": [variant.pk]}, name="C",
                                      start=later, end=later + dt.timedelta(days=3))
    with pytest.raises(PromotionError):
        promotion_update(promotion=first, end_date=later + dt.timedelta(days=1))
    first.refresh_from_db()
    assert first.end_date < second.start_date


def test_pricing_a_page_costs_the_same_queries_for_5_or_50_variants(channel, django_assert_max_num_queries):
    variants = [make_listed_product(channel, stars=4)[1] for _ in range(50)]
    make_catalogue_promotion(channel, percent=10, predicate={"minStars": 4})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        variant_prices([v.pk for v in variants[:5]], channel)
    with CaptureQueriesContext(connection) as many:
        prices = variant_prices([v.pk for v in variants], channel)
    assert len(many) == len(few)
    assert all(p.on_sale for p in prices.values())
