from __future__ import annotations

import datetime as dt

from django.utils import timezone

from campaigns.models import PromotionType, RewardValueType
from campaigns.promotions import promotion_create
from campaigns.vouchers import voucher_create


def make_catalogue_promotion(channel, *, percent: int | None = 10, fixed: int | None = None, predicate: dict,
                             name: str = "Khuyến mại", start=None, end=None, **extra):
    now = timezone.now()
    rule = {"channels": [channel], "catalogue_predicate": predicate,
            "reward_value_type": RewardValueType.FIXED if fixed else RewardValueType.PERCENTAGE,
            "reward_value": fixed or percent}
    return promotion_create(name=name, type=PromotionType.CATALOGUE, start_date=start or now - dt.timedelta(hours=1),
                            end_date=end if end is not None else now + dt.timedelta(days=7), rules=[rule], **extra)


def make_voucher(channel, *, code: str = "TET2026", percent: int = 10, **extra):
    now = timezone.now()
    return voucher_create(name=extra.pop("name", "Mã Tết"), channels=[channel], discount_value_type=RewardValueType.PERCENTAGE,
                          discount_value=percent, start_date=extra.pop("start_date", now - dt.timedelta(hours=1)),
                          end_date=extra.pop("end_date", now + dt.timedelta(days=7)), codes=[code], **extra)


def make_collection(slug: str, **extra):
    from catalog.models import Collection

    return Collection.objects.create(slug=slug, name=extra.pop("name", slug), **extra)
