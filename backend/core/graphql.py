"""Shared GraphQL building blocks in Saleor's conventions.

- Relay global IDs ("Product:12" base64) with type-checked decoding.
- Mutations return their object plus `errors { field code message }` with an error-code enum;
  a failed mutation changes nothing (each runs in one transaction, rolled back on error).
- Permission checks declared on the mutation class.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

import graphene
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from graphql import GraphQLError
from graphql_relay import from_global_id

from accounts.permissions import Perm, has_perm

from .errors import DomainError, FieldError, PermissionDenied, UnknownErrorCode

COMMON_ERROR_CODES = [
    "GRAPHQL_ERROR", "INVALID", "NOT_FOUND", "REQUIRED", "UNIQUE", "PERMISSION_DENIED",
    "INVALID_IMAGE", "INVALID_IMAGE_TYPE", "INVALID_GTIN", "INVALID_TAX_CODE", "INVALID_PHONE",
    "INSUFFICIENT_STOCK", "NOT_AVAILABLE_IN_CHANNEL", "PRODUCT_NOT_PUBLISHED", "INVALID_STATUS",
    "INVALID_SCORE", "DUPLICATED_INPUT_ITEM", "ALREADY_EXISTS", "INVALID_CREDENTIALS", "INACTIVE",
    "JWT_INVALID_TOKEN", "JWT_SIGNATURE_EXPIRED", "QUANTITY_GREATER_THAN_LIMIT", "ZERO_QUANTITY",
    "INVALID_QUANTITY", "INVALID_DATE", "FILE_TOO_LARGE", "INVALID_FILE_TYPE",
]

_error_types: dict[str, type] = {}


def error_type(name: str, extra_codes: Iterable[str] = ()) -> type:
    """An error object type `<name> { field code message }` with its own `<name>Code` enum."""
    if name in _error_types:
        return _error_types[name]
    codes = list(dict.fromkeys([*COMMON_ERROR_CODES, *extra_codes]))
    enum = graphene.Enum(f"{name}Code", [(c, c) for c in codes])
    err = type(name, (graphene.ObjectType,), {
        "field": graphene.String(description="The input field that caused the error; null for the whole input."),
        "code": graphene.Field(enum, required=True, description="The error code."),
        "message": graphene.String(description="The error message (Vietnamese or English per request)."),
        "__doc__": f"{name}: field, code and message.",
    })
    err.valid_codes = set(codes)
    _error_types[name] = err
    return err


def decode_global_id(global_id: str, expected_type: str | Iterable[str], field: str = "id") -> int:
    """Decode a Relay ID ('Type:pk' in base64) of the expected type into an integer pk."""
    expected = {expected_type} if isinstance(expected_type, str) else set(expected_type)
    try:
        type_name, pk = from_global_id(global_id)
        pk_int = int(pk)
    except Exception:
        raise DomainError(_("ID không hợp lệ: %(id)s") % {"id": global_id}, field=field, code="GRAPHQL_ERROR") from None
    if type_name not in expected:
        raise DomainError(_("ID không đúng loại: cần %(t)s.") % {"t": "/".join(sorted(expected))},
                          field=field, code="GRAPHQL_ERROR")
    return pk_int


def decode_argument_id(global_id: str, type_name: str) -> int:
    """A query argument's global ID, or a GraphQL error (queries have no `errors` list to fill)."""
    try:
        return decode_global_id(global_id, type_name)
    except DomainError as exc:
        raise GraphQLError(exc.message) from None


def one_of(**kwargs) -> tuple[str, str]:
    """The one argument given among several alternatives (e.g. id or slug), else a GraphQL error."""
    given = [(k, v) for k, v in kwargs.items() if v]
    if len(given) != 1:
        raise GraphQLError(_("Hãy cung cấp đúng một trong các tham số: %(a)s.") % {"a": ", ".join(kwargs)})
    return given[0]


def user_from_info(info):
    return getattr(info.context, "user", None)


def require_perm(info, *perms: Perm) -> None:
    user = user_from_info(info)
    if not all(has_perm(user, p) for p in perms):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def django_errors(exc: DjangoValidationError) -> list[FieldError]:
    out: list[FieldError] = []
    if hasattr(exc, "error_dict"):
        for field, errs in exc.error_dict.items():
            for e in errs:
                out.append(FieldError(field=None if field == "__all__" else field,
                                      code=(e.code or "invalid").upper(), message=" ".join(e.messages)))
    else:
        for e in exc.error_list:
            out.append(FieldError(field=None, code=(e.code or "invalid").upper(), message=" ".join(e.messages)))
    return out


class BaseMutation(graphene.Mutation):
    """Subclasses set `error_type_class`, optional `permissions`, and implement `perform_mutation`.

    `perform_mutation(root, info, **data)` returns a dict of output fields (or an instance of cls).
    Any DomainError / Django ValidationError becomes `errors`, and the transaction is rolled back.
    """

    class Meta:
        abstract = True

    permissions: tuple[Perm, ...] = ()
    error_type_class: type | None = None

    @classmethod
    def __init_subclass_with_meta__(cls, error_type_class=None, permissions=None, _meta=None, **options):
        if error_type_class is not None:
            cls.error_type_class = error_type_class
        if permissions is not None:
            cls.permissions = tuple(permissions)
        err_cls = cls.error_type_class or error_type("Error")
        cls._error_cls = err_cls
        cls.errors = graphene.Field(graphene.List(graphene.NonNull(err_cls)), required=True)
        super().__init_subclass_with_meta__(_meta=_meta, **options)

    @classmethod
    def check_permissions(cls, info, **data) -> None:
        if cls.permissions:
            require_perm(info, *cls.permissions)

    @classmethod
    def perform_mutation(cls, root, info, **data):
        raise NotImplementedError

    @classmethod
    def _error(cls, errors: list[FieldError]):
        valid = getattr(cls._error_cls, "valid_codes", None)
        out = []
        for e in errors:
            code = e.code.upper()
            if valid is not None and code not in valid:
                warnings.warn(UnknownErrorCode(f"{cls.__name__}: {code} is not a {cls._error_cls.__name__} code"),
                              stacklevel=2)
                code = "INVALID"
            out.append({"field": e.field, "code": code, "message": e.message})
        return cls(errors=out)

    @classmethod
    def mutate(cls, root, info, **data):
        try:
            cls.check_permissions(info, **data)
            with transaction.atomic():
                result = cls.perform_mutation(root, info, **data)
        except DomainError as exc:
            return cls._error(exc.as_field_errors())
        except DjangoValidationError as exc:
            return cls._error(django_errors(exc))
        if isinstance(result, cls):
            if getattr(result, "errors", None) is None:
                result.errors = []
            return result
        result = dict(result or {})
        result.setdefault("errors", [])
        return cls(**result)
