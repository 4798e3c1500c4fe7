"""English for the campaigns app: centre pages, GraphQL errors and a complete catalogue."""

import datetime as dt

import pytest
from django.utils import timezone
from graphql_relay import to_global_id

from campaigns.models import Campaign
from tests.factories import make_user
from tests.po_catalogue import mo_matches_po, read_po, untranslated

pytestmark = pytest.mark.django_db

FMT = "%Y-%m-%dT%H:%M"
PROMO = """mutation($input: PromotionCreateInput!) { promotionCreate(input: $input) {
  promotion { id } errors { field code message } } }"""


@pytest.fixture
def manager():
    return make_user("ct-en@ocop.demo", perms=["accounts.manage_discounts"], is_staff=True)


def test_campaign_pages_in_english(client, channel, manager):
    client.force_login(manager)
    client.cookies["django_language"] = "en"
    page = client.get("/trung-tam/chien-dich/").content.decode()
    assert "Promotion campaigns" in page and "Create a campaign" in page
    assert "Chiến dịch xúc tiến" not in page
    assert "Period" in page and "Important dates" not in page  # not the accounts admin's "Thời gian"
    now = timezone.localtime()
    resp = client.post("/trung-tam/chien-dich/moi/", {
        "name": "Tuần hàng OCOP", "start_date": (now - dt.timedelta(hours=1)).strftime(FMT),
        "end_date": (now + dt.timedelta(days=7)).strftime(FMT), "channels": [channel.pk]})
    campaign = Campaign.objects.get()
    page = client.get(resp["Location"]).content.decode()
    assert "Campaign created." in page and "Revenue by day" in page and "Add a promotion" in page
    assert "Running" in page
    assert "Doanh thu theo ngày" not in page and "Đã tạo chiến dịch." not in page
    resp = client.post(f"/trung-tam/chien-dich/{campaign.pk}/khuyen-mai/", {"name": "Giảm 10%", "type": "catalogue",
                       "reward_value_type": "percentage", "reward_value": 10, "channels": [channel.pk]})
    assert Campaign.objects.get().promotions.count() == 0
    page = resp.content.decode()
    assert "The product conditions are invalid or empty." in page and "Điều kiện áp dụng" not in page


def test_vietnamese_stays_the_default(client, channel, manager):
    client.force_login(manager)
    page = client.get("/trung-tam/chien-dich/").content.decode()
    assert "Chiến dịch xúc tiến" in page and "Promotion campaigns" not in page


def test_graphql_error_in_english(client, channel, gql, token_for, manager):
    client.cookies["django_language"] = "en"
    now = timezone.now()
    rule = {"channels": [to_global_id("Channel", channel.pk)], "rewardValueType": "PERCENTAGE", "rewardValue": 15,
            "cataloguePredicate": {"minStars": 3}}
    bad = {"name": "Sai ngày", "type": "CATALOGUE", "startDate": now.isoformat(),
           "endDate": (now - dt.timedelta(days=1)).isoformat(), "rules": [rule]}
    err = gql(PROMO, {"input": bad}, token=token_for(manager))["data"]["promotionCreate"]["errors"][0]
    assert err == {"field": "endDate", "code": "INVALID_DATES", "message": "The end date must be after the start date."}


def test_catalogue_complete_and_compiled():
    assert len(read_po("campaigns")) > 100
    assert untranslated("campaigns") == []
    assert mo_matches_po("campaigns") == []
