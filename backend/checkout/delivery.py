"""Delivery options: home delivery with a fee by zone (Thanh Hóa vs other provinces) and a free-shipping
threshold; click-and-collect at a point of sale (Saleor's collection point) that has all the goods."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db.models import F, Sum

from inventory.models import ClickAndCollect, Stock, Warehouse

from .addresses import THANH_HOA_CODE


def shipping_fee(*, province_code: str | None, subtotal: int) -> int:
    threshold = int(getattr(settings, "SHIPPING_FREE_THRESHOLD", 500_000))
    if threshold and subtotal >= threshold:
        return 0
    if province_code == THANH_HOA_CODE:
        return int(getattr(settings, "SHIPPING_FEE_THANH_HOA", 20_000))
    return int(getattr(settings, "SHIPPING_FEE_OTHER", 35_000))


def shipping_method_name(province_code: str | None) -> str:
    from django.utils.translation import gettext as _

    if province_code == THANH_HOA_CODE:
        return _("Giao hàng trong tỉnh Thanh Hóa")
    return _("Giao hàng ngoài tỉnh")


def collection_points(channel, needs: dict[int, int]) -> list[Warehouse]:
    """Active click-and-collect warehouses of the channel that hold ALL of `needs` (variant → qty)."""
    qs = Warehouse.objects.filter(click_and_collect_option=ClickAndCollect.LOCAL, is_active=True,
                                  channelwarehouse__channel=channel).order_by("channelwarehouse__sort_order", "pk")
    points = list(qs)
    if not needs or not points:
        return points if not needs else []
    avail = available_by_warehouse(needs.keys(), [w.pk for w in points])
    return [w for w in points if all(avail.get((vid, w.pk), 0) >= q for vid, q in needs.items())]


def available_by_warehouse(variant_ids: Iterable[int], warehouse_ids: Iterable[int]) -> dict[tuple[int, int], int]:
    rows = (Stock.objects.filter(product_variant_id__in=list(variant_ids), warehouse_id__in=list(warehouse_ids))
            .values("product_variant_id", "warehouse_id")
            .annotate(a=Sum(F("quantity") - F("quantity_allocated"))))
    return {(r["product_variant_id"], r["warehouse_id"]): max(r["a"] or 0, 0) for r in rows}
