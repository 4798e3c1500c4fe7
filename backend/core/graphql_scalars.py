"""Only scalars Saleor's schema declares may appear in ours: Saleor clients generate their types from the live
schema with strict scalar checking, and an unknown scalar stops them before they build.

graphene-django maps a `BigIntegerField` to its own `BigInt` scalar, which Saleor does not have. Our big
integer columns are VND amounts and counters; Saleor types money amounts as `Float`, so a model field of that
kind is exposed as `Float` (whole numbers, exactly representable up to 2**53)."""

from __future__ import annotations

import graphene
from django.db import models
from graphene_django.converter import convert_django_field

SALEOR_SCALARS = frozenset({
    "Boolean", "Float", "ID", "Int", "String",
    "DateTime", "Date", "JSON", "JSONString", "PositiveDecimal", "Decimal", "PositiveInt", "UUID", "Upload",
    "WeightScalar", "Metadata", "GenericScalar", "Minute", "Hour", "Day",
})


@convert_django_field.register(models.BigIntegerField)
def _big_integer_as_float(field, registry=None):
    return graphene.Float(description=field.help_text, required=not field.null)
