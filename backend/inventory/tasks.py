"""Background jobs of the inventory app (eager without REDIS_URL)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from .models import LowStockThreshold
from .reservations import reservations_delete_expired


@shared_task
def low_stock_alert_task(threshold_id: int, available: int) -> bool:
    """E-mail the warehouse's contact that a variant fell below its threshold."""
    row = (LowStockThreshold.objects.select_related("warehouse", "product_variant__product")
           .filter(pk=threshold_id).first())
    if row is None or not row.warehouse.email:
        return False
    variant = row.product_variant
    name = f"{variant.product.name} ({variant.sku})"
    subject = _("[OCOP] Sắp hết hàng: %(name)s tại %(wh)s") % {"name": name, "wh": row.warehouse.name}
    body = _(
        "Tồn kho khả dụng của %(name)s tại %(wh)s còn %(available)s, dưới ngưỡng %(threshold)s.\n"
        "Vui lòng bổ sung hàng. Danh sách cần bổ sung: %(url)s"
    ) % {"name": name, "wh": row.warehouse.name, "available": available, "threshold": row.threshold,
         "url": f"{settings.PUBLIC_BASE_URL}/kho/{row.warehouse_id}/"}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [row.warehouse.email])
    return True


@shared_task
def reservations_expire_task() -> int:
    """Delete expired checkout reservations (they are already ignored by availability)."""
    return reservations_delete_expired()
