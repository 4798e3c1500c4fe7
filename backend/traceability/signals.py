"""Events written as things happen, without touching other apps' code: receivers on the inventory
ledger (StockMovement) and on orders."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from inventory.models import MovementReason, StockMovement
from orders.models import Order, OrderStatus

from . import services
from .models import Batch

RELEASE_STATUSES = {OrderStatus.CANCELED, OrderStatus.RETURNED, OrderStatus.REFUNDED}


@receiver(post_save, sender=StockMovement, dispatch_uid="traceability.stock_movement")
def on_stock_movement(sender, instance: StockMovement, created: bool, **kwargs) -> None:
    """transfer_out → shipping, transfer_in → receiving, sale → retail selling (class-level,
    for variants that have batches; the movement's warehouse is the location)."""
    if not created:
        return
    recorder = {
        MovementReason.TRANSFER_OUT: services.record_shipping,
        MovementReason.TRANSFER_IN: services.record_receiving,
        MovementReason.SALE: services.record_sale,
    }.get(instance.reason)
    if recorder is None or not Batch.objects.filter(variant_id=instance.product_variant_id).exists():
        return
    kwargs_ = dict(quantity=abs(instance.quantity), warehouse=instance.warehouse,
                   variant_id=instance.product_variant_id, when=instance.created_at,
                   source=f"stockmovement:{instance.pk}")
    if instance.reason == MovementReason.SALE and instance.reference_type == "order" and instance.reference_id.isdigit():
        # orders, POS and event imports reference the order by its number: Ref("order", order.number)
        kwargs_["order"] = Order.objects.filter(number=int(instance.reference_id)).first()
    recorder(**kwargs_)


@receiver(post_save, sender=Order, dispatch_uid="traceability.order_status")
def on_order_saved(sender, instance: Order, created: bool, **kwargs) -> None:
    """A cancelled/returned/refunded order puts its sold stamps back on the shelf."""
    if created or instance.status not in RELEASE_STATUSES:
        return
    services.stamps_release_for_order(order=instance)
