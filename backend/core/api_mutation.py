"""The API-facing mutation base: BaseMutation with error fields in GraphQL's camelCase (Saleor style)."""

from __future__ import annotations

from graphene.utils.str_converters import to_camel_case

from .errors import FieldError
from .graphql import BaseMutation


class ApiMutation(BaseMutation):
    """Services name fields in snake_case; clients see `errors { field: "taxCode" … }`."""

    class Meta:
        abstract = True

    @classmethod
    def _error(cls, errors: list[FieldError]):
        return super()._error([
            FieldError(field=to_camel_case(e.field) if e.field else e.field, code=e.code, message=e.message)
            for e in errors
        ])
