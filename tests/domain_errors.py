"""`raises_domain`: expect a DomainError and check its code and field (the two things the API shows)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from core.errors import DomainError


@contextmanager
def raises_domain(code: str, field: str | None, *, match: str | None = None) -> Iterator[pytest.ExceptionInfo]:
    with pytest.raises(DomainError, match=match) as info:
        yield info
    assert (info.value.code, info.value.field) == (code, field), f"got {info.value.code!r} on {info.value.field!r}"
