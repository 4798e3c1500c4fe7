"""Who may do what in the portal. Every view and resolver goes through these functions.

Objects of another producer are reported as "not found" (never "forbidden"), so guessing IDs
reveals nothing.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from accounts.permissions import Perm, has_perm
from catalog.models import Product, ProductVariant
from core.errors import NotFound, PermissionDenied
from producers.models import MemberRole, Producer, ProducerMember, ProducerStatus


def membership_for(user, producer_id: int | None = None) -> ProducerMember | None:
    """The user's membership of an approved, active producer (the given one, else the first)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    qs = ProducerMember.objects.select_related("producer").filter(
        user_id=user.pk, producer__is_active=True, producer__status=ProducerStatus.APPROVED)
    if producer_id is not None:
        qs = qs.filter(producer_id=producer_id)
    return qs.order_by("pk").first()


def require_member(user, producer_id: int | None = None) -> ProducerMember:
    member = membership_for(user, producer_id)
    if member is None:
        raise PermissionDenied(_("Bạn không phải thành viên của chủ thể OCOP nào đang hoạt động."))
    return member


def require_owner(user, producer_id: int | None = None) -> ProducerMember:
    member = require_member(user, producer_id)
    if member.role != MemberRole.OWNER:
        raise PermissionDenied(_("Chỉ chủ sở hữu mới được mời hoặc xoá thành viên."))
    return member


def is_moderator(user) -> bool:
    return has_perm(user, Perm.MODERATE_LISTINGS)


def is_producer_manager(user) -> bool:
    return has_perm(user, Perm.MANAGE_PRODUCERS)


def require_moderator(user) -> None:
    if not is_moderator(user):
        raise PermissionDenied(_("Bạn không có quyền duyệt sản phẩm."))


def require_producer_manager(user) -> None:
    if not is_producer_manager(user):
        raise PermissionDenied(_("Bạn không có quyền quản lý chủ thể OCOP."))


def own_product(producer: Producer, product_id: int | str, *, for_update: bool = False) -> Product:
    qs = Product.objects.select_related("producer", "category", "product_type")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    try:
        return qs.get(pk=int(product_id), producer_id=producer.pk)
    except (Product.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Không tìm thấy sản phẩm."), field="product") from None


def own_variant(producer: Producer, variant_id: int | str) -> ProductVariant:
    try:
        return ProductVariant.objects.select_related("product").get(pk=int(variant_id),
                                                                   product__producer_id=producer.pk)
    except (ProductVariant.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Không tìm thấy phân loại sản phẩm."), field="variant") from None


def can_view_product_private(user, product: Product) -> bool:
    """Private material of a product (pending images, certificate scans): its producer and moderators."""
    if is_moderator(user) or has_perm(user, Perm.MANAGE_CERTIFICATES):
        return True
    return membership_for(user, product.producer_id) is not None
