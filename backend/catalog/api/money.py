"""Saleor's pricing types; amounts are integer VND (VAT included) from catalog.pricing."""

from __future__ import annotations

import graphene

from catalog.pricing import VariantPrice, vat_included
from core.graphql_money import Money, TaxedMoney  # noqa: F401  (the shared Money / TaxedMoney types)
from core.graphql_money import money as _money
from core.graphql_money import taxed as _taxed


class TaxedMoneyRange(graphene.ObjectType):
    start = graphene.Field(TaxedMoney)
    stop = graphene.Field(TaxedMoney)


class VariantPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean()
    discount = graphene.Field(TaxedMoney)
    price = graphene.Field(TaxedMoney)
    price_undiscounted = graphene.Field(TaxedMoney)


class ProductPricingInfo(graphene.ObjectType):
    on_sale = graphene.Boolean()
    discount = graphene.Field(TaxedMoney)
    price_range = graphene.Field(TaxedMoneyRange)
    price_range_undiscounted = graphene.Field(TaxedMoneyRange)
    display_gross_prices = graphene.Boolean(required=True)


def money(amount: int, currency: str = "VND") -> dict:
    return _money(amount, currency)


def taxed(gross: int, vat_rate: int, currency: str = "VND") -> dict:
    return _taxed(gross, vat_included(gross, vat_rate), currency)


def variant_pricing(price: VariantPrice, vat_rate: int, currency: str) -> VariantPricingInfo:
    return VariantPricingInfo(on_sale=price.on_sale, discount=taxed(price.discount, vat_rate, currency),
                              price=taxed(price.price, vat_rate, currency),
                              price_undiscounted=taxed(price.undiscounted, vat_rate, currency))


def product_pricing(prices: list[VariantPrice], vat_rate: int, currency: str) -> ProductPricingInfo | None:
    if not prices:
        return None
    lo = min(prices, key=lambda p: p.price)
    hi = max(prices, key=lambda p: p.price)
    lo_u = min(p.undiscounted for p in prices)
    hi_u = max(p.undiscounted for p in prices)
    discount = max(p.discount for p in prices)
    return ProductPricingInfo(
        on_sale=any(p.on_sale for p in prices), discount=taxed(discount, vat_rate, currency) if discount else None,
        price_range=TaxedMoneyRange(start=taxed(lo.price, vat_rate, currency), stop=taxed(hi.price, vat_rate, currency)),
        price_range_undiscounted=TaxedMoneyRange(start=taxed(lo_u, vat_rate, currency),
                                                 stop=taxed(hi_u, vat_rate, currency)),
        display_gross_prices=True,
    )
