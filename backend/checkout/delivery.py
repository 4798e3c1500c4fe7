"""Delivery options: home delivery with a fee by zone (Thanh Hóa vs other provinces) and a free-shipping
threshold; click-and-collect at a point of sale (Saleor's collection point) that has all the goods."""

from __future__ import annotations

from django.conf import settings

from inventory.availability import stock_availability
from inventory.models import ClickAndCollect, Warehouse

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


def collection_points(channel, needs: dict[int, int], *, checkout_token: str | None = None) -> list[Warehouse]:
    """Active click-and-collect warehouses of the channel that hold ALL of `needs` (variant → qty),
    counting other checkouts' reservations as taken."""
    qs = Warehouse.objects.filter(click_and_collect_option=ClickAndCollect.LOCAL, is_active=True,
                                  channelwarehouse__channel=channel).order_by("channelwarehouse__sort_order", "pk")
    points = list(qs)
    if not needs or not points:
        return points if not needs else []
    avail = stock_availability(list(needs), warehouse_ids=[w.pk for w in points], checkout_token=checkout_token)
    return [w for w in points if all(avail.get((vid, w.pk), 0) >= q for vid, q in needs.items())]
