"""Consent is recorded where a person gives their data: an account registered (storefront page or
accountRegister), an order placed from the online checkout. Both forms show the privacy notice link and say that
going on means agreeing to it; the record keeps the purpose, the notice version, the time and the address."""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import User
from audit.context import current_ip
from orders.models import Order, OrderOrigin

from .models import ConsentPurpose, ConsentRecord


@receiver(post_save, sender=User, dispatch_uid="privacy.consent.account")
def _account(sender, instance: User, created: bool, raw: bool = False, **kwargs):
    if created and not raw and not instance.is_staff:
        ConsentRecord.objects.create(user=instance, email=instance.email, purpose=ConsentPurpose.ACCOUNT,
                                     notice_version=settings.PRIVACY_NOTICE_VERSION, ip=current_ip())


@receiver(post_save, sender=Order, dispatch_uid="privacy.consent.order")
def _order(sender, instance: Order, created: bool, raw: bool = False, **kwargs):
    if created and not raw and instance.origin == OrderOrigin.CHECKOUT:
        ConsentRecord.objects.create(user_id=instance.user_id, email=instance.user_email, order=instance,
                                     purpose=ConsentPurpose.ORDER, notice_version=settings.PRIVACY_NOTICE_VERSION,
                                     ip=current_ip())
