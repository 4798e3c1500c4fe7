from __future__ import annotations

from django.utils.translation import gettext as _

from core.errors import DomainError


class InsufficientStock(DomainError):
    code = "INSUFFICIENT_STOCK"

    def __init__(self, items: list[dict] | None = None, message: str | None = None, field: str | None = "quantity"):
        self.items = items or []
        super().__init__(message or _("Không đủ hàng trong kho."), field=field)


class InvalidQuantity(DomainError):
    code = "INVALID_QUANTITY"

    def __init__(self, message: str | None = None, field: str | None = "quantity"):
        super().__init__(message or _("Số lượng phải là số nguyên dương."), field=field)
