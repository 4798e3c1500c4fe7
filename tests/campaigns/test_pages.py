"""Centre pages for campaigns: denial for everyone but discount managers; forms call the services."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from campaigns.models import Campaign, Promotion, Voucher
from tests.factories import make_user

pytestmark = pytest.mark.django_db

FMT = "%Y-%m-%dT%H:%M"


@pytest.fixture
def manager():
    return make_user("ct@ocop.demo", perms=["accounts.manage_discounts"], is_staff=True)


def test_pages_are_denied_to_anonymous_and_to_other_users(client, channel):
    assert client.get("/trung-tam/chien-dich/").status_code == 302
    client.force_login(make_user(perms=["accounts.manage_products"], is_staff=True))
    assert client.get("/trung-tam/chien-dich/").status_code == 403
    assert client.post("/trung-tam/chien-dich/moi/", {"name": "X"}).status_code == 403
    assert Campaign.objects.count() == 0


def test_create_campaign_promotion_voucher_and_see_results(client, channel, manager):
    client.force_login(manager)
    now = timezone.localtime()
    resp = client.post("/trung-tam/chien-dich/moi/", {
        "name": "Tuần hàng OCOP Co.opmart", "start_date": (now - dt.timedelta(hours=1)).strftime(FMT),
        "end_date": (now + dt.timedelta(days=7)).strftime(FMT), "channels": [channel.pk],
        "banner_title": "Tuần hàng OCOP", "banner_link": "/san-pham/"})
    campaign = Campaign.objects.get()
    assert resp.status_code == 302 and resp["Location"].endswith(f"/trung-tam/chien-dich/{campaign.pk}/")
    resp = client.post(f"/trung-tam/chien-dich/{campaign.pk}/khuyen-mai/", {
        "name": "4 sao trở lên giảm 10%", "type": "catalogue", "reward_value_type": "percentage", "reward_value": 10,
        "channels": [channel.pk], "min_stars": 4})
    assert resp.status_code == 302
    assert Promotion.objects.get().rules.get().catalogue_predicate == {"minStars": 4}
    resp = client.post(f"/trung-tam/chien-dich/{campaign.pk}/ma-giam-gia/", {
        "name": "Mã tuần hàng", "codes": "TUANHANG", "discount_value_type": "fixed", "discount_value": 20000,
        "usage_limit": 100, "channels": [channel.pk]})
    assert resp.status_code == 302 and Voucher.objects.get().campaign == campaign
    page = client.get(f"/trung-tam/chien-dich/{campaign.pk}/").content.decode()
    assert "TUANHANG" in page and "4 sao trở lên giảm 10%" in page and "<svg" in page
    csv = client.get(f"/trung-tam/chien-dich/{campaign.pk}/ket-qua.csv")
    assert csv["Content-Type"].startswith("text/csv") and b"TONG" in csv.content


def test_form_errors_are_shown_on_the_field_and_nothing_is_saved(client, channel, manager):
    client.force_login(manager)
    now = timezone.localtime()
    resp = client.post("/trung-tam/chien-dich/moi/", {
        "name": "Sai ngày", "start_date": now.strftime(FMT), "end_date": (now - dt.timedelta(days=1)).strftime(FMT),
        "channels": [channel.pk]})
    assert resp.status_code == 200
    assert "Ngày kết thúc phải sau ngày bắt đầu" in resp.content.decode()
    assert Campaign.objects.count() == 0


def test_banner_tag_shows_running_campaigns_only(channel):
    from django.template import Context, Template

    from campaigns.services import campaign_create

    now = timezone.now()
    campaign_create(name="Đang chạy", start_date=now - dt.timedelta(hours=1), end_date=now + dt.timedelta(days=1),
                    channels=[channel], banner_title="Hội chợ Tết xứ Thanh")
    campaign_create(name="Sắp tới", start_date=now + dt.timedelta(days=1), end_date=now + dt.timedelta(days=2),
                    channels=[channel], banner_title="Sắp diễn ra")
    html = Template("{% load campaigns %}{% campaign_banners channel %}").render(Context({"channel": channel}))
    assert "Hội chợ Tết xứ Thanh" in html and "Sắp diễn ra" not in html


def test_storefront_home_shows_the_running_campaign_banner(client, channel):
    from campaigns.services import campaign_create

    now = timezone.now()
    campaign_create(name="Hội chợ Tết", start_date=now - dt.timedelta(hours=1), end_date=now + dt.timedelta(days=1),
                    channels=[channel], banner_title="Hội chợ Tết xứ Thanh 2027", banner_link="/san-pham/")
    html = client.get("/").content.decode()
    assert "Hội chợ Tết xứ Thanh 2027" in html
    with time_machine.travel(now + dt.timedelta(days=2)):
        assert "Hội chợ Tết xứ Thanh 2027" not in client.get("/").content.decode()
