"""Saleor clients generate their types from our live schema with strict scalar checking: every scalar a client
can see must be one Saleor's schema declares."""

from __future__ import annotations

from graphql import GraphQLScalarType

from core.graphql_scalars import SALEOR_SCALARS
from ocop.schema import schema


def test_schema_declares_only_saleor_scalars():
    scalars = {name for name, t in schema.graphql_schema.type_map.items()
               if isinstance(t, GraphQLScalarType) and not name.startswith("__")}
    assert scalars - SALEOR_SCALARS == set()
    assert "BigInt" not in str(schema)


def test_big_integer_columns_are_floats_like_saleor_money():
    line = schema.graphql_schema.type_map["StockCountLine"]
    assert str(line.fields["unitCost"].type) == "Float"
