"""The API-facing mutation base: BaseMutation with error fields in GraphQL's camelCase (Saleor style)."""

from __future__ import annotations

from graphene.utils.str_converters import to_camel_case

from .errors import FieldError
from .graphql import BaseMutation


class ApiMutation(BaseMutation):
    """Services name fields in snake_case; clients see `errors { field: "taxCode" … }`."""

    class Meta:
        abstract = True

    # service field name → input field name, where they differ (e.g. vat_rate → taxRate)
    field_aliases: dict[str, str] = {}

    @classmethod
    def _field(cls, name: str | None) -> str | None:
        if not name:
            return name
        return to_camel_case(cls.field_aliases.get(name, name))

    @classmethod
    def _error(cls, errors: list[FieldError]):
        return super()._error([FieldError(field=cls._field(e.field), code=e.code, message=e.message) for e in errors])
