"""How promotions turn into money.

The rule when several apply (stated once, tested):
- Per unit, catalogue promotions do not stack: the single largest discount for the customer wins
  (ties: the promotion created first). The pricing module enforces this across providers.
- Per order, order promotions and a voucher do not stack either: the larger of (best matching order
  promotion) and (the entered voucher) applies, computed on the subtotal after catalogue discounts.
- A percentage is rounded to the nearest đồng; a discount never exceeds the price it reduces.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from catalog.pricing import register_discount_provider
from channels.models import Channel

from .models import PromotionRule, PromotionType, RewardValueType
from .predicates import load_facts, matches


def reward_amount(base: int, value_type: str, value: int) -> int:
    if value_type == RewardValueType.PERCENTAGE:
        amount = round(base * min(int(value), 100) / 100)
    else:
        amount = int(value)
    return max(0, min(amount, base))


def active_rules(channel: Channel, at: dt.datetime, promotion_type: str) -> list[PromotionRule]:
    return list(
        PromotionRule.objects.filter(channels=channel, promotion__type=promotion_type, promotion__start_date__lte=at)
        .filter(Q(promotion__end_date__isnull=True) | Q(promotion__end_date__gt=at))
        .select_related("promotion").order_by("promotion__created_at", "pk")
    )


def catalogue_discounts(base: dict[int, int], channel: Channel, at: dt.datetime) -> dict[int, tuple[int, int | None, str]]:
    """Discount provider for catalog.pricing: the best catalogue promotion per variant."""
    if not base:
        return {}
    rules = active_rules(channel, at, PromotionType.CATALOGUE)
    if not rules:
        return {}
    facts = load_facts(base.keys())
    out: dict[int, tuple[int, int | None, str]] = {}
    for vid, price in base.items():
        f = facts.get(vid)
        if f is None:
            continue
        for rule in rules:
            if matches(rule.catalogue_predicate, f):
                amount = reward_amount(price, rule.reward_value_type, rule.reward_value)
                if amount > out.get(vid, (0, None, ""))[0]:
                    out[vid] = (amount, rule.promotion_id, rule.promotion.name)
    return out


register_discount_provider(catalogue_discounts)


@dataclass(frozen=True)
class OrderDiscount:
    amount: int
    source: str  # "promotion" | "voucher" | ""
    promotion_id: int | None = None
    voucher_code: str = ""
    name: str = ""


NO_DISCOUNT = OrderDiscount(0, "")


def best_order_promotion(subtotal: int, channel: Channel, at: dt.datetime) -> OrderDiscount:
    best = NO_DISCOUNT
    for rule in active_rules(channel, at, PromotionType.ORDER):
        minimum = int((rule.order_predicate or {}).get("minSubtotal", 0) or 0)
        if subtotal < minimum or subtotal <= 0:
            continue
        amount = reward_amount(subtotal, rule.reward_value_type, rule.reward_value)
        if amount > best.amount:
            best = OrderDiscount(amount, "promotion", rule.promotion_id, "", rule.promotion.name)
    return best


def best_order_discount(subtotal: int, channel: Channel, at: dt.datetime, voucher: OrderDiscount | None = None
                        ) -> OrderDiscount:
    """The larger of the best order promotion and the voucher (they do not stack)."""
    promo = best_order_promotion(subtotal, channel, at)
    if voucher is not None and voucher.amount > promo.amount:
        return voucher
    return promo
