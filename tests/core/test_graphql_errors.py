"""Mutations map DomainErrors to `errors { field code message }`; a code the mutation does not declare
cannot reach the client silently as INVALID: it is an UnknownErrorCode warning, an error under pytest."""

from __future__ import annotations

import graphene
import pytest

from core.errors import FieldError, UnknownErrorCode
from core.graphql import BaseMutation, error_type


class ProbeMutation(BaseMutation):
    class Meta:
        error_type_class = error_type("ProbeError", ["PROBE_REFUSED"])

    ok = graphene.Boolean()


def test_declared_codes_pass_through_with_their_field():
    result = ProbeMutation._error([FieldError("quantity", "probe_refused", "Không được.")])
    assert result.errors == [{"field": "quantity", "code": "PROBE_REFUSED", "message": "Không được."}]


def test_an_undeclared_code_is_an_error_not_a_silent_invalid():
    with pytest.raises(UnknownErrorCode, match="NOT_DECLARED is not a ProbeError code"):
        ProbeMutation._error([FieldError("quantity", "NOT_DECLARED", "Không được.")])
