"""Prices of variants in a channel (integer VND, VAT included). Every entry point that shows or
charges a price (storefront, checkout, POS, GraphQL) asks here, so discounts apply the same way
everywhere. Catalogue promotions (campaigns app) plug in through `DISCOUNT_PROVIDERS`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone

from channels.models import Channel

from .models import ProductVariantChannelListing


@dataclass(frozen=True)
class VariantPrice:
    variant_id: int
    undiscounted: int
    price: int
    discount: int = 0
    promotion_id: int | None = None
    promotion_name: str = ""

    @property
    def on_sale(self) -> bool:
        return self.discount > 0


# A provider takes ({variant_id: base_price}, channel, at) and returns {variant_id: (discount, promo_id, name)}.
DiscountProvider = Callable[[dict[int, int], Channel, dt.datetime], dict[int, tuple[int, int | None, str]]]
DISCOUNT_PROVIDERS: list[DiscountProvider] = []


def register_discount_provider(provider: DiscountProvider) -> None:
    if provider not in DISCOUNT_PROVIDERS:
        DISCOUNT_PROVIDERS.append(provider)


def variant_prices(variant_ids: Iterable[int], channel: Channel, *, at: dt.datetime | None = None,
                   listings: dict[int, int] | None = None) -> dict[int, VariantPrice]:
    """Prices for the variants listed in the channel (unlisted variants are absent).

    When several discounts apply, the best one for the customer (largest discount) wins.
    """
    at = at or timezone.now()
    ids = list(variant_ids)
    base = listings if listings is not None else dict(
        ProductVariantChannelListing.objects.filter(variant_id__in=ids, channel=channel)
        .values_list("variant_id", "price_amount")
    )
    best: dict[int, tuple[int, int | None, str]] = {}
    for provider in DISCOUNT_PROVIDERS:
        for vid, (discount, promo_id, name) in provider(base, channel, at).items():
            discount = max(0, min(int(discount), base.get(vid, 0)))
            if discount > best.get(vid, (0, None, ""))[0]:
                best[vid] = (discount, promo_id, name)
    out = {}
    for vid, price in base.items():
        discount, promo_id, name = best.get(vid, (0, None, ""))
        out[vid] = VariantPrice(variant_id=vid, undiscounted=price, price=price - discount, discount=discount,
                                promotion_id=promo_id, promotion_name=name)
    return out


def vat_included(amount: int, rate_percent: int) -> int:
    """The VAT part of a VAT-inclusive amount, rounded to the nearest đồng."""
    if rate_percent <= 0:
        return 0
    return round(amount * rate_percent / (100 + rate_percent))
