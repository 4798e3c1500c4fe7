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


class WarehouseNotFound(DomainError):
    code = "NOT_FOUND"

    def __init__(self, message: str | None = None, field: str | None = "warehouse"):
        super().__init__(message or _("Không tìm thấy kho / điểm bán."), field=field)


class VariantNotFound(DomainError):
    code = "NOT_FOUND"

    def __init__(self, message: str | None = None, field: str | None = "variant"):
        super().__init__(message or _("Không tìm thấy sản phẩm (phân loại)."), field=field)


class SameWarehouse(DomainError):
    code = "SAME_WAREHOUSE"

    def __init__(self, field: str | None = "destination"):
        super().__init__(_("Kho nhận phải khác kho xuất."), field=field)


class InvalidStatus(DomainError):
    code = "INVALID_STATUS"


class ReceiveExceedsShipped(DomainError):
    code = "QUANTITY_GREATER_THAN_SHIPPED"

    def __init__(self, field: str | None = "lines"):
        super().__init__(_("Số nhận cộng số hỏng vượt quá số đã chuyển đi."), field=field)


class DuplicateLine(DomainError):
    code = "DUPLICATED_INPUT_ITEM"

    def __init__(self, field: str | None = "lines"):
        super().__init__(_("Một sản phẩm xuất hiện nhiều lần trong danh sách."), field=field)


class WarehouseForbidden(DomainError):
    code = "PERMISSION_DENIED"

    def __init__(self, field: str | None = "warehouse"):
        super().__init__(_("Bạn không có quyền với kho này."), field=field)
