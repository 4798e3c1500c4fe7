"""Campaigns: on-time start/end, banners, results vs the period before, GraphQL and permissions."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone
from graphql_relay import to_global_id

from campaigns.cache import campaign_cache_version
from campaigns.models import Campaign, CampaignStatus, Promotion
from campaigns.results import Totals, campaign_results, results_csv
from campaigns.services import campaign_create, campaigns_tick, running_campaigns
from orders.models import Order, OrderLine
from tests.factories import make_listed_product, make_user
from tests.factories.campaigns import make_catalogue_promotion, make_voucher
from tests.factories.orders_min import make_order

pytestmark = pytest.mark.django_db


def _campaign(channel, start, end, **extra):
    extra.setdefault("banner_link", "/san-pham/")
    return campaign_create(name=extra.pop("name", "Tuần lễ OCOP"), start_date=start, end_date=end,
                           channels=[channel], banner_title="Tuần lễ OCOP xứ Thanh", **extra)


def test_campaign_starts_and_ends_on_time_and_bumps_the_cache_version(channel):
    start = timezone.now() + dt.timedelta(hours=1)
    campaign = _campaign(channel, start, start + dt.timedelta(days=2))
    assert campaign.status == CampaignStatus.SCHEDULED and not running_campaigns(channel).exists()
    version = campaign_cache_version()
    with time_machine.travel(start + dt.timedelta(minutes=1)):
        assert list(running_campaigns(channel)) == [campaign]
        assert campaigns_tick() == {"started": 1, "ended": 0}
        assert campaigns_tick() == {"started": 0, "ended": 0}
    assert campaign_cache_version() > version
    with time_machine.travel(start + dt.timedelta(days=2, minutes=1)):
        assert campaigns_tick()["ended"] == 1
        assert not running_campaigns(channel).exists()
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.ENDED


def test_beat_schedule_runs_the_tick_every_minute():
    from ocop.celery import app

    entry = app.conf.beat_schedule["campaigns-start-end-every-minute"]
    assert entry["task"] == "campaigns.tasks.campaigns_tick_task" and entry["schedule"] == 60.0


def test_campaign_bad_input(channel):
    from campaigns.errors import PromotionError

    now = timezone.now()
    with pytest.raises(PromotionError) as err:
        _campaign(channel, now, now - dt.timedelta(days=1))
    assert err.value.code == "INVALID_DATES"
    with pytest.raises(PromotionError) as err:
        _campaign(channel, now, now + dt.timedelta(days=1), banner_link="javascript:alert(1)")
    assert err.value.field == "bannerLink"
    assert Campaign.objects.count() == 0


def _order_at(channel, when, *, total, email, units=1, unit_discount=0, promotion=None, voucher_code="",
              order_discount=0, order_promotion=None):
    order = make_order(channel, total=total, user_email=email, discount_amount=order_discount,
                       voucher_code=voucher_code, promotion_id=order_promotion.pk if order_promotion else None)
    Order.objects.filter(pk=order.pk).update(created_at=when)
    OrderLine.objects.create(order=order, product_name="Mắm tôm", quantity=units, undiscounted_unit_price=total // units
                             + unit_discount, unit_price=total // units, unit_discount=unit_discount, total_price=total,
                             promotion_id=promotion.pk if promotion else None)
    return order


def test_results_count_only_what_the_campaign_discounted_and_compare_with_before(channel):
    start = timezone.now() - dt.timedelta(days=2)
    campaign = _campaign(channel, start, start + dt.timedelta(days=4))
    own = make_catalogue_promotion(channel, predicate={"minStars": 5}, name="Giảm giá Tuần lễ", campaign=campaign,
                                   start=start - dt.timedelta(days=5))
    make_voucher(channel, code="TUANLE", campaign=campaign)
    other = _campaign(channel, start, start + dt.timedelta(days=4), name="Chiến dịch khác")
    theirs = make_catalogue_promotion(channel, predicate={"minStars": 4}, name="Khác", campaign=other)
    _order_at(channel, start - dt.timedelta(days=1), total=100_000, email="cu@ocop.demo", promotion=own,
              unit_discount=5_000)  # before, attributed the same way
    _order_at(channel, start - dt.timedelta(hours=5), total=400_000, email="cu@ocop.demo")  # before, not discounted
    _order_at(channel, start + dt.timedelta(hours=2), total=200_000, email="cu@ocop.demo", units=2, unit_discount=10_000,
              promotion=own)
    _order_at(channel, start + dt.timedelta(days=1), total=300_000, email="moi@ocop.demo", units=3,
              voucher_code="TUANLE", order_discount=30_000)
    _order_at(channel, start + dt.timedelta(days=1), total=626_000, email="khac@ocop.demo", unit_discount=19_000,
              promotion=theirs)  # another campaign's discount
    _order_at(channel, start + dt.timedelta(hours=3), total=80_000, email="le@ocop.demo")  # no discount at all
    _order_at(channel, start - dt.timedelta(days=10), total=999_000, email="xa@ocop.demo", promotion=own)  # outside
    results = campaign_results(campaign)
    t, b = results.totals, results.before
    assert (t.orders, t.units, t.revenue, t.discount, t.new_customers) == (2, 5, 500_000, 50_000, 1)
    assert (b.orders, b.revenue, b.discount, b.new_customers) == (1, 100_000, 5_000, 1)
    assert results.change_percent("revenue") == 400.0
    text = results_csv(results)
    assert "TONG,,2,5,500000,50000,1" in text and "TRUOC_CHIEN_DICH,,1" in text
    fresh = _campaign(channel, start, start + dt.timedelta(days=4), name="Chưa có khuyến mại")
    assert campaign_results(fresh).totals == Totals()  # claims nothing it did not discount
    mine = campaign_results(other).totals
    assert (mine.orders, mine.revenue, mine.discount) == (1, 626_000, 19_000)


CREATE = """mutation($input: CampaignCreateInput!) { campaignCreate(input: $input) {
  campaign { name status channels bannerTitle } errors { field code message } } }"""
PROMO = """mutation($input: PromotionCreateInput!) { promotionCreate(input: $input) {
  promotion { id name type rules { rewardValue channels cataloguePredicate } } errors { field code message } } }"""


def test_graphql_campaign_and_promotion_create_need_manage_discounts(channel, gql, token_for):
    now = timezone.now()
    campaign_input = {"name": "Tết 2027", "startDate": now.isoformat(), "endDate": (now + dt.timedelta(days=5)).isoformat(),
                      "channels": [to_global_id("Channel", channel.pk)], "bannerTitle": "Quà Tết"}
    consumer = make_user()
    denied = gql(CREATE, {"input": campaign_input}, token=token_for(consumer))["data"]["campaignCreate"]
    assert denied["errors"][0]["code"] == "PERMISSION_DENIED" and denied["campaign"] is None
    assert gql(CREATE, {"input": campaign_input})["data"]["campaignCreate"]["errors"][0]["code"] == "PERMISSION_DENIED"
    staff = make_user(perms=["accounts.manage_discounts"], is_staff=True)
    ok = gql(CREATE, {"input": campaign_input}, token=token_for(staff))["data"]["campaignCreate"]
    assert ok["errors"] == [] and ok["campaign"]["status"] == "ACTIVE" and ok["campaign"]["channels"] == ["online"]

    _p, variant = make_listed_product(channel)
    rule = {"channels": [to_global_id("Channel", channel.pk)], "rewardValueType": "PERCENTAGE", "rewardValue": 15,
            "cataloguePredicate": {"variantIds": [to_global_id("ProductVariant", variant.pk)], "minStars": 3}}
    promo_input = {"name": "Giảm 15%", "type": "CATALOGUE", "startDate": now.isoformat(), "rules": [rule]}
    created = gql(PROMO, {"input": promo_input}, token=token_for(staff))["data"]["promotionCreate"]
    assert created["errors"] == [] and created["promotion"]["rules"][0]["rewardValue"] == 15
    bad = dict(promo_input, endDate=(now - dt.timedelta(days=1)).isoformat(), name="Sai ngày")
    failed = gql(PROMO, {"input": bad}, token=token_for(staff))["data"]["promotionCreate"]
    assert failed["errors"][0] == {"field": "endDate", "code": "INVALID_DATES",
                                   "message": failed["errors"][0]["message"]}
    assert failed["errors"][0]["message"]
    assert Promotion.objects.count() == 1


VOUCHER = """mutation($input: VoucherInput!) { voucherCreate(input: $input) {
  voucher { id codes { id code } usageLimit } errors { field code message } } }"""
BULK = """mutation($ids: [ID!]!) { voucherCodeBulkDelete(ids: $ids) { count errors { code } } }"""


def test_graphql_voucher_create_and_code_bulk_delete(channel, gql, token_for):
    staff = make_user(perms=["accounts.manage_discounts"], is_staff=True)
    inp = {"name": "Mã hội chợ", "codes": ["HOICHO1", "HOICHO2"], "discountValueType": "FIXED", "discountValue": 20000,
           "usageLimit": 100, "startDate": timezone.now().isoformat(), "channels": [to_global_id("Channel", channel.pk)]}
    data = gql(VOUCHER, {"input": inp}, token=token_for(staff))["data"]["voucherCreate"]
    assert data["errors"] == [] and sorted(c["code"] for c in data["voucher"]["codes"]) == ["HOICHO1", "HOICHO2"]
    again = gql(VOUCHER, {"input": inp}, token=token_for(staff))["data"]["voucherCreate"]
    assert again["errors"][0]["code"] == "UNIQUE"
    ids = [c["id"] for c in data["voucher"]["codes"]]
    assert gql(BULK, {"ids": ids}, token=token_for(make_user()))["data"]["voucherCodeBulkDelete"]["errors"][0]["code"] \
        == "PERMISSION_DENIED"
    assert gql(BULK, {"ids": ids}, token=token_for(staff))["data"]["voucherCodeBulkDelete"]["count"] == 2


def test_campaign_queries_are_staff_only(channel, gql, token_for):
    now = timezone.now()
    _campaign(channel, now - dt.timedelta(hours=1), now + dt.timedelta(days=1))
    q = "{ campaigns { name results { totals { orders revenue } } } }"
    assert gql(q, token=token_for(make_user()))["errors"][0]["message"]
    staff = make_user(perms=["accounts.manage_discounts"], is_staff=True)
    data = gql(q, token=token_for(staff))["data"]["campaigns"]
    assert data == [{"name": "Tuần lễ OCOP", "results": {"totals": {"orders": 0, "revenue": 0}}}]
