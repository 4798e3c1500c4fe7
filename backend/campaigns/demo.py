"""Demo campaign (idempotent): "Tuần lễ OCOP xứ Thanh", running around the day the demo is loaded,
with 10% off 5★ products online and at the airport showroom, an order promotion and a voucher code."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from catalog.models import Collection
from channels.models import Channel

from .models import Campaign, PromotionType, RewardValueType, VoucherCode
from .promotions import promotion_create
from .services import campaign_create
from .vouchers import voucher_create

SLUG = "tuan-le-ocop-xu-thanh"


@transaction.atomic
def ensure_demo_campaign(today: dt.date | None = None) -> Campaign | None:
    existing = Campaign.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing
    channels = list(Channel.objects.filter(slug__in=["online", "tho-xuan-airport"]))
    if not channels:
        return None
    day = today or timezone.localdate()
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(day - dt.timedelta(days=1), dt.time(0, 0), tzinfo=tz)
    end = dt.datetime.combine(day + dt.timedelta(days=30), dt.time(23, 59), tzinfo=tz)
    campaign = campaign_create(
        name="Tuần lễ OCOP xứ Thanh", slug=SLUG, objective="Giới thiệu sản phẩm OCOP 5 sao (số liệu minh hoạ)",
        start_date=start, end_date=end, channels=channels,
        featured_collection=Collection.objects.filter(slug__contains="5-sao").first(),
        banner_title="Tuần lễ OCOP xứ Thanh: sản phẩm 5 sao giảm 10%", banner_link="/san-pham/?stars=5")
    promotion_create(name="Sản phẩm 5 sao giảm 10%", type=PromotionType.CATALOGUE, start_date=start, end_date=end,
                     campaign=campaign, rules=[{"channels": channels, "catalogue_predicate": {"minStars": 5},
                                                "reward_value_type": RewardValueType.PERCENTAGE, "reward_value": 10}])
    promotion_create(name="Đơn từ 1.000.000 ₫ giảm 50.000 ₫", type=PromotionType.ORDER, start_date=start,
                     end_date=end, campaign=campaign,
                     rules=[{"channels": channels[:1], "order_predicate": {"minSubtotal": 1_000_000},
                             "reward_value_type": RewardValueType.FIXED, "reward_value": 50_000}])
    if not VoucherCode.objects.filter(code="OCOPXUTHANH").exists():
        voucher_create(name="Mã tuần lễ OCOP", channels=channels[:1], discount_value_type=RewardValueType.FIXED,
                       discount_value=30_000, min_spent_amount=300_000, usage_limit=500, apply_once_per_customer=True,
                       start_date=start, end_date=end, codes=["OCOPXUTHANH"], campaign=campaign)
    return campaign
