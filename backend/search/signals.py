"""Re-index products when they or their producer change (saves that go through the ORM)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalog.models import Product
from producers.models import Producer

from .indexing import push_to_external_backend, update_producer_products, update_product_search


@receiver(post_save, sender=Product, dispatch_uid="search_product_saved")
def product_saved(sender, instance: Product, raw: bool = False, **kwargs) -> None:
    if not raw:
        update_product_search([instance.pk])


@receiver(post_save, sender=Producer, dispatch_uid="search_producer_saved")
def producer_saved(sender, instance: Producer, raw: bool = False, created: bool = False, **kwargs) -> None:
    if not raw and not created:
        update_producer_products(instance.pk)


@receiver(post_delete, sender=Product, dispatch_uid="search_product_deleted")
def product_deleted(sender, instance: Product, **kwargs) -> None:
    push_to_external_backend([instance.pk])  # the external index drops it; PostgreSQL needs nothing
