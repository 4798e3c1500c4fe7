"""Typed domain errors. Services raise them; the API layer maps them to `errors { field code message }`.

Messages are translatable (Vietnamese first, English available) and say which field is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass


class UnknownErrorCode(UserWarning):
    """A service raised a code its mutation's error enum does not declare, so the API can only say
    INVALID. Declare the code on the mutation's error type; the test suite turns this into a failure."""


@dataclass
class FieldError:
    field: str | None
    code: str
    message: str


class DomainError(Exception):
    """A business rule said no. Nothing was written."""

    code = "INVALID"

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.field = field
        if code:
            self.code = code

    def as_field_errors(self) -> list[FieldError]:
        return [FieldError(field=self.field, code=self.code, message=self.message)]


class ValidationFailed(DomainError):
    """Several fields failed validation at once."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(e.message for e in errors), field=errors[0].field if errors else None,
                         code=errors[0].code if errors else "INVALID")
        self.errors = errors

    def as_field_errors(self) -> list[FieldError]:
        return list(self.errors)


class NotFound(DomainError):
    code = "NOT_FOUND"


class PermissionDenied(DomainError):
    code = "PERMISSION_DENIED"
