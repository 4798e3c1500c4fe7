"""ProductVariant.quantityAvailable / ProductVariant.stocks, mixed into a ProductVariant type the way
the catalog's type will use them (executed by graphene against the real database)."""

from __future__ import annotations

import graphene
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphene_django import DjangoObjectType
from graphql_relay import to_global_id

from catalog.models import ProductVariant
from inventory.graphql.types import StockType
from inventory.graphql.variant import VariantInventoryFields, prefetch_variant_availability
from inventory.reservations import reservation_create
from tests.factories.inventory import make_inventory_manager, make_pos_staff, make_stocked_variant

pytestmark = pytest.mark.django_db


class VariantNode(VariantInventoryFields, DjangoObjectType):
    class Meta:
        model = ProductVariant
        name = "ProductVariant"
        fields = ("id", "sku")
        skip_registry = True


class VQuery(graphene.ObjectType):
    variants = graphene.List(VariantNode, channel=graphene.String())

    @staticmethod
    def resolve_variants(root, info, channel=None):
        from channels.models import Channel

        rows = list(ProductVariant.objects.order_by("pk"))
        if channel:
            prefetch_variant_availability(rows, Channel.objects.get(slug=channel))
        return rows


schema = graphene.Schema(query=VQuery, types=[StockType])


class Ctx:
    def __init__(self, user=None):
        from django.contrib.auth.models import AnonymousUser

        self.user = user or AnonymousUser()


def test_quantity_available_by_channel_warehouse_and_address(channel, two_warehouses):
    a, b = two_warehouses
    channel.reservation_minutes = 5
    channel.save()
    variants = [make_stocked_variant(channel, {a: 3, b: 2}) for _ in range(5)]
    reservation_create("cart", [(variants[0].pk, 4)], channel)
    q = """query($ch: String, $w: ID){ variants(channel: $ch){ sku quantityAvailable(warehouse: $w)
           abroad: quantityAvailable(address: {country: "FR"}) all: quantityAvailable(channel: $ch) } }"""
    with CaptureQueriesContext(connection) as ctx:
        res = schema.execute(q, variables={"ch": channel.slug}, context_value=Ctx())
    assert not res.errors, res.errors
    rows = res.data["variants"]
    assert [r["quantityAvailable"] for r in rows] == [1, 5, 5, 5, 5]
    assert all(r["abroad"] == 0 for r in rows)
    assert len(ctx.captured_queries) <= 3  # variants + channel + one availability query
    res = schema.execute(q, variables={"ch": channel.slug, "w": to_global_id("Warehouse", b.pk)},
                         context_value=Ctx())
    assert [r["quantityAvailable"] for r in res.data["variants"]] == [1, 2, 2, 2, 2]  # 3 held in A, 1 in B


def test_variant_stocks_respect_scope(channel, two_warehouses):
    a, b = two_warehouses
    make_stocked_variant(channel, {a: 3, b: 2})
    q = "{ variants{ stocks{ quantity warehouse{ name } } } }"
    assert schema.execute(q, context_value=Ctx()).data["variants"][0]["stocks"] == []
    clerk = make_pos_staff(b)
    data = schema.execute(q, context_value=Ctx(clerk)).data
    assert data["variants"][0]["stocks"] == [{"quantity": 2, "warehouse": {"name": b.name}}]
    data = schema.execute(q, context_value=Ctx(make_inventory_manager())).data
    assert len(data["variants"][0]["stocks"]) == 2
