from __future__ import annotations

import pytest


def snapshot():
    """Everything the inventory writes, to assert that a failed call changed nothing."""
    from inventory.models import (
        Allocation,
        Reservation,
        Stock,
        StockCount,
        StockCountLine,
        StockMovement,
        StockTransfer,
        StockTransferLine,
    )

    return (
        list(Stock.objects.order_by("pk").values_list("pk", "quantity", "quantity_allocated")),
        list(Allocation.objects.order_by("pk").values_list("pk", "quantity_allocated")),
        StockMovement.objects.count(),
        list(Reservation.objects.order_by("pk").values_list("pk", "quantity_reserved")),
        list(StockTransfer.objects.order_by("pk").values_list("pk", "status")),
        list(StockTransferLine.objects.order_by("pk").values_list("pk", "quantity_received", "quantity_damaged")),
        list(StockCount.objects.order_by("pk").values_list("pk", "status")),
        list(StockCountLine.objects.order_by("pk").values_list("pk", "counted_quantity")),
    )


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def overheld_stocks(variant_id: int) -> list[tuple[int, int, int, int]]:
    """Stocks of the variant where allocated + live holds exceed the quantity, read in ONE statement
    (one snapshot): (stock id, quantity, allocated, held). Should always be []."""
    from django.db.models import F
    from django.utils import timezone

    from inventory.availability import reserved_subquery
    from inventory.models import Stock

    return list(Stock.objects.filter(product_variant_id=variant_id)
                .annotate(held=reserved_subquery(timezone.now(), None))
                .filter(quantity__lt=F("quantity_allocated") + F("held"))
                .values_list("pk", "quantity", "quantity_allocated", "held"))
