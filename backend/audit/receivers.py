"""What is written to the audit log, from the models' own signals (no app has to call us):
stock movements, price changes, moderation decisions, certificate status changes, staff-recorded payments and
refunds, lockout unlocks (axes attempts deleted), and changes of staff rights (flags, groups, permissions)."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from accounts.models import User
from catalog.models import Product, ProductVariantChannelListing
from certification.models import CertificateStatusChange
from inventory.models import MovementReason, StockMovement
from payments.models import TransactionEvent

from .models import AuditAction
from .services import audit_record


@receiver(post_save, sender=StockMovement, dispatch_uid="audit.stock")
def _stock(sender, instance: StockMovement, created: bool, **kwargs):
    # A sale is its own record (the order and its ledger row); the log keeps the staff's own stock decisions.
    if created and instance.user_id and instance.reason != MovementReason.SALE:
        audit_record(AuditAction.STOCK_CHANGED, "stock", instance.stock_id,
                     f"{instance.reason} {instance.quantity:+d} → {instance.balance_after} "
                     f"(variant {instance.product_variant_id}, warehouse {instance.warehouse_id})",
                     actor=instance.user, data={"reason": instance.reason, "quantity": instance.quantity,
                                                "reference": f"{instance.reference_type}:{instance.reference_id}"})


def _old_value(sender, instance, field: str):
    """The stored value of `field` when a save is about to change it, else None."""
    if instance.pk is None:
        return None
    old = sender.objects.filter(pk=instance.pk).values_list(field, flat=True).first()
    return old if old is not None and old != getattr(instance, field) else None


@receiver(pre_save, sender=ProductVariantChannelListing, dispatch_uid="audit.price")
def _price(sender, instance: ProductVariantChannelListing, **kwargs):
    if (old := _old_value(sender, instance, "price_amount")) is not None:
        audit_record(AuditAction.PRICE_CHANGED, "variant_channel_listing", instance.pk,
                     f"variant {instance.variant_id} channel {instance.channel_id}: {old} → {instance.price_amount}",
                     data={"from": old, "to": instance.price_amount})


@receiver(pre_save, sender=Product, dispatch_uid="audit.moderation")
def _moderation(sender, instance: Product, **kwargs):
    if (old := _old_value(sender, instance, "moderation_status")) is not None:
        audit_record(AuditAction.MODERATION, "product", instance.pk,
                     f"{instance.name}: {old} → {instance.moderation_status}",
                     data={"from": old, "to": instance.moderation_status, "reason": instance.moderation_reason})


@receiver(post_save, sender=CertificateStatusChange, dispatch_uid="audit.certificate")
def _certificate(sender, instance: CertificateStatusChange, created: bool, **kwargs):
    if created:
        audit_record(AuditAction.CERTIFICATE_STATUS, "certificate", instance.certificate_id,
                     f"{instance.from_status or '-'} → {instance.to_status}: {instance.reason}"[:500],
                     actor=instance.user, data={"from": instance.from_status, "to": instance.to_status})


@receiver(post_save, sender=TransactionEvent, dispatch_uid="audit.payment")
def _payment(sender, instance: TransactionEvent, created: bool, **kwargs):
    if not created or not instance.created_by_id or not getattr(instance.created_by, "is_staff", False):
        return
    action = AuditAction.REFUND if "REFUND" in instance.type else AuditAction.PAYMENT_RECORDED
    audit_record(action, "transaction", instance.transaction_id, f"{instance.type} {instance.amount} ₫",
                 actor=instance.created_by, data={"type": instance.type, "amount": instance.amount})


@receiver(post_delete, sender=AccessAttempt, dispatch_uid="audit.unlock")
def _unlock(sender, instance: AccessAttempt, **kwargs):
    audit_record(AuditAction.LOCKOUT_UNLOCKED, "login", instance.username or instance.ip_address or "",
                 f"{instance.username} / {instance.ip_address} ({instance.failures_since_start} failures)",
                 data={"username": instance.username, "ip": instance.ip_address})


@receiver(pre_save, sender=User, dispatch_uid="audit.staff-flags")
def _staff_flags(sender, instance: User, **kwargs):
    if instance.pk is None:
        return
    old = sender.objects.filter(pk=instance.pk).values("is_staff", "is_superuser", "is_active").first()
    now = {"is_staff": instance.is_staff, "is_superuser": instance.is_superuser, "is_active": instance.is_active}
    if old is not None and old != now:
        audit_record(AuditAction.ROLE_CHANGED, "user", instance.pk, f"{instance.email}: {old} → {now}",
                     data={"from": old, "to": now})


def _rights(sender, instance, action: str, pk_set, model, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, User):
        names = sorted(str(o) for o in model.objects.filter(pk__in=pk_set or ()))
        audit_record(AuditAction.ROLE_CHANGED, "user", instance.pk,
                     f"{instance.email}: {action.removeprefix('post_')} {model._meta.model_name} {names}"[:500],
                     data={"change": action, "what": model._meta.model_name, "items": names})


m2m_changed.connect(_rights, sender=User.groups.through, dispatch_uid="audit.groups")
m2m_changed.connect(_rights, sender=User.user_permissions.through, dispatch_uid="audit.perms")
