"""The centre's side of moderation: approve/reject submitted products and pending revisions.

Approval materialises private pending images as ProductMedia (catalog.media.media_create, with its
validation), publishes the product in the active channels, and applies a revision's name and prices.
Whether the product is then visible is still decided by catalog.gate (it also needs a certificate).
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.media import media_create
from catalog.models import ModerationStatus, Product, ProductChannelListing, ProductMedia, ProductVariant
from catalog.services import ChannelListingChange, product_channel_listing_update
from core.errors import DomainError

from ..access import require_moderator
from ..models import PendingImage, ProductRevision, ReviewStatus
from .listings import _set_price, pending_revision, price_channels


def _materialise(images: list[PendingImage], product: Product) -> None:
    for img in images:
        with img.file.open("rb") as fh:
            upload = ContentFile(fh.read(), name=img.file.name.rsplit("/", 1)[-1])
        media_create(product=product, upload=upload, alt=img.alt)
        img.file.delete(save=False)
        img.delete()


def _publish(product: Product) -> None:
    """First approval publishes the product in every active channel where it is not listed yet."""
    listed = set(ProductChannelListing.objects.filter(product=product).values_list("channel_id", flat=True))
    changes = [ChannelListingChange(channel=ch, is_published=True, is_available_for_purchase=True)
               for ch in price_channels() if ch.pk not in listed]
    if changes:
        product_channel_listing_update(product=product, update_channels=changes, remove_channels=[])


def _check_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Lý do từ chối: không được để trống."), field="reason", code="REQUIRED")
    return reason


def _locked(product_id: int) -> Product:
    try:
        return Product.objects.select_for_update(of=("self",)).select_related("producer").get(pk=product_id)
    except Product.DoesNotExist:
        raise DomainError(_("Không tìm thấy sản phẩm."), field="product", code="NOT_FOUND") from None


@transaction.atomic
def product_approve(*, user, product_id: int) -> Product:
    """Approve a submitted product, or the pending revision of an approved one."""
    require_moderator(user)
    product = _locked(product_id)
    if product.moderation_status == ModerationStatus.SUBMITTED:
        _materialise(list(product.pending_images.filter(revision__isnull=True)), product)
        product.moderation_status = ModerationStatus.APPROVED
        product.moderation_reason = ""
        product.save(update_fields=["moderation_status", "moderation_reason", "updated_at"])
        _publish(product)
        return product
    rev = pending_revision(product) if product.moderation_status == ModerationStatus.APPROVED else None
    if rev is None:
        raise DomainError(_("Sản phẩm không có gì đang chờ duyệt."), field="product", code="INVALID_STATUS")
    if rev.name:
        product.name = rev.name
        product.save(update_fields=["name", "updated_at"])
    variants = {v.pk: v for v in ProductVariant.objects.filter(product=product, pk__in=[int(k) for k in rev.prices])}
    for key, amount in rev.prices.items():
        if int(key) in variants:
            _set_price(variants[int(key)], int(amount))
    ProductMedia.objects.filter(product=product, pk__in=rev.remove_media_ids).delete()
    _materialise(list(rev.images.all()), product)
    rev.status, rev.reviewed_by, rev.reviewed_at = ReviewStatus.APPROVED, user, timezone.now()
    rev.save(update_fields=["status", "reviewed_by", "reviewed_at", "updated_at"])
    return product


@transaction.atomic
def product_reject(*, user, product_id: int, reason: str) -> Product:
    """Reject a submitted product (back to editable), or an approved product's pending revision."""
    require_moderator(user)
    reason = _check_reason(reason)
    product = _locked(product_id)
    if product.moderation_status == ModerationStatus.SUBMITTED:
        product.moderation_status = ModerationStatus.REJECTED
        product.moderation_reason = reason
        product.save(update_fields=["moderation_status", "moderation_reason", "updated_at"])
        return product
    rev = pending_revision(product) if product.moderation_status == ModerationStatus.APPROVED else None
    if rev is None:
        raise DomainError(_("Sản phẩm không có gì đang chờ duyệt."), field="product", code="INVALID_STATUS")
    for img in rev.images.all():
        img.file.delete(save=False)
    rev.images.all().delete()
    rev.status, rev.reason, rev.reviewed_by, rev.reviewed_at = ReviewStatus.REJECTED, reason, user, timezone.now()
    rev.save(update_fields=["status", "reason", "reviewed_by", "reviewed_at", "updated_at"])
    return product


def last_rejected_revision(product: Product) -> ProductRevision | None:
    return product.revisions.filter(status=ReviewStatus.REJECTED).order_by("-reviewed_at", "-pk").first()
