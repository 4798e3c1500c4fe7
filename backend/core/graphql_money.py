"""Saleor's Money / TaxedMoney GraphQL types (integer VND). Shared so every app returns the same shape."""

from __future__ import annotations

import graphene


class Money(graphene.ObjectType):
    amount = graphene.Int(required=True, description="Integer amount (VND has no minor unit).")
    currency = graphene.String(required=True)


class TaxedMoney(graphene.ObjectType):
    gross = graphene.Field(Money, required=True, description="Price including VAT.")
    net = graphene.Field(Money, required=True)
    tax = graphene.Field(Money, required=True)
    currency = graphene.String(required=True)


def money(amount: int, currency: str = "VND") -> dict:
    return {"amount": int(amount), "currency": currency}


def taxed(gross: int, tax: int = 0, currency: str = "VND") -> dict:
    return {"gross": money(gross, currency), "net": money(gross - tax, currency), "tax": money(tax, currency),
            "currency": currency}
