"""Removing a variant's stock record at a warehouse (Saleor's productVariantStocksDelete).

A record with history is kept at quantity 0 (the ledger must still add up); one that never moved is
deleted with its reservations. Stock allocated to orders cannot be removed."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core.errors import DomainError

from .models import Stock
from .services import stock_adjust


@transaction.atomic
def stock_record_delete(*, variant_id: int, warehouse_id: int, user=None, field: str = "warehouseIds") -> Stock | None:
    """Returns the stock kept at 0, or None when there was nothing or it was deleted."""
    stock = Stock.objects.select_for_update().filter(product_variant_id=variant_id, warehouse_id=warehouse_id).first()
    if stock is None:
        return None
    if stock.quantity_allocated:
        raise DomainError(_("Không thể xoá tồn kho đang được phân bổ cho đơn hàng."), field=field,
                          code="INSUFFICIENT_STOCK")
    if stock.movements.exists():
        stock_adjust(variant_id=variant_id, warehouse_id=warehouse_id, new_quantity=0, user=user,
                     note="API: xoá tồn kho")
        return stock
    stock.reservations.all().delete()
    stock.delete()
    return None
