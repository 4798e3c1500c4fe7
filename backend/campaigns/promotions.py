"""Promotion services (Saleor's promotionCreate / promotionUpdate / promotionDelete / promotionRuleCreate)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from channels.models import Channel

from .cache import bump_campaign_version
from .errors import PromotionError
from .models import Campaign, Promotion, PromotionRule, PromotionType, RewardValueType
from .predicates import PREDICATE_KEYS


def _validate_dates(start: dt.datetime, end: dt.datetime | None) -> None:
    if start is None:
        raise PromotionError(_("Vui lòng nhập ngày bắt đầu."), field="startDate", code="REQUIRED")
    if end is not None and end <= start:
        raise PromotionError(_("Ngày kết thúc phải sau ngày bắt đầu."), field="endDate", code="INVALID_DATES")


def _validate_rule(promotion_type: str, rule: dict) -> None:
    value_type = rule.get("reward_value_type")
    value = rule.get("reward_value")
    if value_type not in RewardValueType.values:
        raise PromotionError(_("Loại giảm giá không hợp lệ."), field="rewardValueType", code="INVALID_REWARD")
    if not isinstance(value, int) or value <= 0 or (value_type == RewardValueType.PERCENTAGE and value > 100):
        raise PromotionError(_("Giá trị giảm phải là số nguyên lớn hơn 0 (phần trăm tối đa 100)."),
                             field="rewardValue", code="INVALID_REWARD")
    if not rule.get("channels"):
        raise PromotionError(_("Chọn ít nhất một kênh bán cho quy tắc."), field="channels", code="REQUIRED")
    if promotion_type == PromotionType.CATALOGUE:
        predicate = rule.get("catalogue_predicate") or {}
        unknown = set(predicate) - PREDICATE_KEYS
        if unknown or not predicate:
            raise PromotionError(_("Điều kiện áp dụng sản phẩm không hợp lệ hoặc trống."),
                                 field="cataloguePredicate", code="INVALID_PREDICATE")
        stars = predicate.get("minStars")
        if stars is not None and (not isinstance(stars, int) or not 1 <= stars <= 5):
            raise PromotionError(_("Số sao tối thiểu phải từ 1 đến 5."), field="cataloguePredicate",
                                 code="INVALID_PREDICATE")
    else:
        predicate = rule.get("order_predicate") or {}
        if set(predicate) - {"minSubtotal"} or not isinstance(predicate.get("minSubtotal", 0), int):
            raise PromotionError(_("Điều kiện đơn hàng không hợp lệ."), field="orderPredicate",
                                 code="INVALID_PREDICATE")


def _canonical(predicate: dict) -> dict:
    return {k: sorted(v) if isinstance(v, list) else v for k, v in sorted((predicate or {}).items())}


def _check_overlap(promotion_type: str, start: dt.datetime, end: dt.datetime | None, rules: list[dict],
                   exclude_pk: int | None = None) -> None:
    """Two promotions with the same targets in the same channel at the same time are a mistake
    (the customer would only ever get one): refuse them. Different targets may overlap; the
    best discount wins (see campaigns.discounts)."""
    window = Q(promotion__start_date__lt=end) if end is not None else Q()
    window &= Q(promotion__end_date__isnull=True) | Q(promotion__end_date__gt=start)
    existing = PromotionRule.objects.filter(window, promotion__type=promotion_type).prefetch_related("channels")
    if exclude_pk:
        existing = existing.exclude(promotion_id=exclude_pk)
    for rule in rules:
        key = _canonical(rule.get("catalogue_predicate") if promotion_type == PromotionType.CATALOGUE
                         else rule.get("order_predicate"))
        channel_ids = {c.pk for c in rule["channels"]}
        for other in existing:
            other_key = _canonical(other.catalogue_predicate if promotion_type == PromotionType.CATALOGUE
                                   else other.order_predicate)
            if other_key == key and channel_ids & {c.pk for c in other.channels.all()}:
                raise PromotionError(
                    _("Trùng với khuyến mại “%(name)s” cùng điều kiện, cùng kênh và cùng thời gian.")
                    % {"name": other.promotion.name}, field="rules", code="OVERLAPPING_PROMOTION")


def _create_rules(promotion: Promotion, rules: list[dict]) -> None:
    for rule in rules:
        obj = PromotionRule.objects.create(
            promotion=promotion, name=rule.get("name", ""),
            catalogue_predicate=rule.get("catalogue_predicate") or {}, order_predicate=rule.get("order_predicate") or {},
            reward_value_type=rule["reward_value_type"], reward_value=rule["reward_value"],
        )
        obj.channels.set(rule["channels"])


@transaction.atomic
def promotion_create(*, name: str, type: str, start_date: dt.datetime, end_date: dt.datetime | None = None,
                     rules: list[dict] | None = None, description: str = "", campaign: Campaign | None = None
                     ) -> Promotion:
    """Rules are dicts: channels (list of Channel), catalogue_predicate | order_predicate,
    reward_value_type, reward_value."""
    if not (name or "").strip():
        raise PromotionError(_("Vui lòng nhập tên khuyến mại."), field="name", code="REQUIRED")
    if type not in PromotionType.values:
        raise PromotionError(_("Loại khuyến mại không hợp lệ."), field="type", code="INVALID")
    _validate_dates(start_date, end_date)
    rules = rules or []
    for rule in rules:
        _validate_rule(type, rule)
    _check_overlap(type, start_date, end_date, rules)
    promotion = Promotion.objects.create(name=name.strip(), type=type, start_date=start_date, end_date=end_date,
                                         description=description, campaign=campaign)
    _create_rules(promotion, rules)
    bump_campaign_version()
    return promotion


@transaction.atomic
def promotion_rule_create(*, promotion: Promotion, rule: dict) -> PromotionRule:
    _validate_rule(promotion.type, rule)
    _check_overlap(promotion.type, promotion.start_date, promotion.end_date, [rule], exclude_pk=promotion.pk)
    _create_rules(promotion, [rule])
    bump_campaign_version()
    return promotion.rules.order_by("-pk").first()


@transaction.atomic
def promotion_update(*, promotion: Promotion, name: str | None = None, start_date: dt.datetime | None = None,
                     end_date: dt.datetime | None = None, description: str | None = None) -> Promotion:
    promotion = Promotion.objects.select_for_update().get(pk=promotion.pk)
    start = start_date or promotion.start_date
    end = end_date if end_date is not None else promotion.end_date
    _validate_dates(start, end)
    rules = [{"channels": list(r.channels.all()), "catalogue_predicate": r.catalogue_predicate,
              "order_predicate": r.order_predicate} for r in promotion.rules.all()]
    _check_overlap(promotion.type, start, end, rules, exclude_pk=promotion.pk)
    if name is not None:
        if not name.strip():
            raise PromotionError(_("Vui lòng nhập tên khuyến mại."), field="name", code="REQUIRED")
        promotion.name = name.strip()
    if description is not None:
        promotion.description = description
    promotion.start_date, promotion.end_date = start, end
    promotion.save()
    bump_campaign_version()
    return promotion


@transaction.atomic
def promotion_delete(*, promotion: Promotion) -> None:
    promotion.delete()
    bump_campaign_version()


def channels_by_slugs(slugs: list[str]) -> list[Channel]:
    found = list(Channel.objects.filter(slug__in=slugs))
    missing = set(slugs) - {c.slug for c in found}
    if missing:
        raise PromotionError(_("Không tìm thấy kênh: %(s)s") % {"s": ", ".join(sorted(missing))}, field="channels",
                             code="NOT_FOUND")
    return found
