"""Re-index products when they or their producer change (saves that go through the ORM)."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from catalog.models import Product
from producers.models import Producer

from .indexing import update_producer_products, update_product_search


@receiver(post_save, sender=Product, dispatch_uid="search_product_saved")
def product_saved(sender, instance: Product, raw: bool = False, **kwargs) -> None:
    if not raw:
        update_product_search([instance.pk])


@receiver(post_save, sender=Producer, dispatch_uid="search_producer_saved")
def producer_saved(sender, instance: Producer, raw: bool = False, created: bool = False, **kwargs) -> None:
    if not raw and not created:
        update_producer_products(instance.pk)
