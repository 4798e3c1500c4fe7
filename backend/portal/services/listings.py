"""Producers' own listings: create/edit products and variants, images, submit for approval.

Draft/rejected products are edited in place. Changes to an APPROVED product's name, prices or images
are collected in one pending ProductRevision (the live version stays until the centre approves).
Images are validated on upload (core.images.clean_image) and kept private (PendingImage) until the
product or revision is approved; then they become ProductMedia through catalog.media.media_create.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from catalog import services as catalog_services
from catalog.models import (
    Attribute,
    ModerationStatus,
    Product,
    ProductAttributeValue,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from channels.models import Channel
from core.errors import DomainError, FieldError
from core.images import clean_image
from core.money import parse_vnd
from core.text import vn_slugify
from producers.models import Producer

from ..models import PendingImage, ProductRevision, ReviewStatus
from .validation import (
    check_category,
    check_gtin,
    check_price,
    check_required,
    check_sku,
    raise_if,
)

EDITABLE = (ModerationStatus.DRAFT, ModerationStatus.REJECTED)


def unique_slug(name: str, model=Product) -> str:
    base = vn_slugify(name)[:200] or "san-pham"
    slug, i = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, i = f"{base}-{i}", i + 1
    return slug


def default_product_type() -> ProductType:
    pt, _created = ProductType.objects.get_or_create(slug="san-pham-ocop", defaults={"name": "Sản phẩm OCOP"})
    return pt


def price_channels() -> list[Channel]:
    """Channels where a producer's suggested price applies (every active channel)."""
    return list(Channel.objects.filter(is_active=True).order_by("pk"))


def _check_name(name: str) -> list[FieldError]:
    errors = check_required(name, "name", _("Tên sản phẩm"))
    if not errors and len(name.strip()) > 250:
        errors.append(FieldError("name", "INVALID", _("Tên sản phẩm: tối đa 250 ký tự.")))
    return errors


def _save_attributes(product: Product, attributes: dict[str, str] | None) -> None:
    if attributes is None:
        return
    by_slug = {a.slug: a for a in Attribute.objects.filter(slug__in=list(attributes))}
    unknown = sorted(set(attributes) - set(by_slug))
    if unknown:
        raise DomainError(_("Thông tin nhãn không hợp lệ: %(s)s") % {"s": ", ".join(unknown)}, field="attributes")
    for slug, value in attributes.items():
        value = (value or "").strip()
        if value:
            ProductAttributeValue.objects.update_or_create(product=product, attribute=by_slug[slug],
                                                           defaults={"value": value[:2000]})
        else:
            ProductAttributeValue.objects.filter(product=product, attribute=by_slug[slug]).delete()


def pending_revision(product: Product, *, user=None, create: bool = False) -> ProductRevision | None:
    rev = ProductRevision.objects.select_for_update().filter(product=product, status=ReviewStatus.PENDING).first()
    if rev is None and create:
        rev = ProductRevision.objects.create(product=product, created_by=user)
    return rev


@transaction.atomic
def product_create(*, user, producer: Producer, name: str, description: str = "", category_id=None,
                   attributes: dict[str, str] | None = None) -> Product:
    name = (name or "").strip()
    errors = _check_name(name)
    category = None
    if category_id:
        category, cat_errors = check_category(category_id)
        errors += cat_errors
    raise_if(errors)
    product = catalog_services.product_create(
        name=name, product_type=default_product_type(), producer=producer, category=category,
        description=description or "", moderation_status=ModerationStatus.DRAFT)
    _save_attributes(product, attributes)
    return product


@transaction.atomic
def product_update(*, user, product: Product, name: str | None = None, description: str | None = None,
                   category_id=None, attributes: dict[str, str] | None = None) -> Product:
    """Edit a product. On an approved product a new name goes to the pending revision."""
    if product.moderation_status == ModerationStatus.SUBMITTED:
        raise DomainError(_("Sản phẩm đang chờ duyệt, chưa thể sửa."), field="product", code="INVALID_STATUS")
    errors: list[FieldError] = []
    if name is not None:
        name = name.strip()
        errors += _check_name(name)
    category = product.category
    if category_id is not None and category_id != "":
        category, cat_errors = check_category(category_id)
        errors += cat_errors
    raise_if(errors)
    changes: dict = {"category": category}
    if description is not None:
        changes["description"] = description
    if name is not None and name != product.name:
        if product.moderation_status == ModerationStatus.APPROVED:
            rev = pending_revision(product, user=user, create=True)
            rev.name = name
            rev.save(update_fields=["name", "updated_at"])
        else:
            changes["name"] = name
    elif name is not None and product.moderation_status == ModerationStatus.APPROVED:
        rev = pending_revision(product)
        if rev is not None and rev.name:  # back to the live name: nothing to approve for the name
            rev.name = ""
            rev.save(update_fields=["name", "updated_at"])
    catalog_services.product_update(product=product, **changes)
    _save_attributes(product, attributes)
    return product


def _set_price(variant: ProductVariant, amount: int) -> None:
    for ch in price_channels():
        ProductVariantChannelListing.objects.update_or_create(variant=variant, channel=ch,
                                                              defaults={"price_amount": amount})


def variant_price(variant: ProductVariant) -> int | None:
    """The live suggested price (the lowest listing, normally all channels agree)."""
    amounts = [li.price_amount for li in variant.channel_listings.all()]
    return min(amounts) if amounts else None


@transaction.atomic
def variant_save(*, user, product: Product, variant: ProductVariant | None = None, name: str = "",
                 sku: str = "", gtin: str | None = None, price=None,
                 weight_grams: int | None = None) -> ProductVariant:
    """Create or edit a variant. On an approved product the price goes to the pending revision."""
    if product.moderation_status == ModerationStatus.SUBMITTED:
        raise DomainError(_("Sản phẩm đang chờ duyệt, chưa thể sửa."), field="product", code="INVALID_STATUS")
    sku = (sku or "").strip()
    gtin = (gtin or "").strip() or None
    exclude = variant.pk if variant else None
    errors = check_sku(sku, exclude_variant_id=exclude) + check_gtin(gtin, exclude_variant_id=exclude)
    errors += check_price(price)
    raise_if(errors)
    amount = parse_vnd(price)
    fields = {"name": (name or "").strip()[:255], "gtin": gtin, "weight_grams": weight_grams}
    try:
        with transaction.atomic():  # a concurrent save of the same SKU/GTIN loses on the unique index
            if variant is None:
                variant = catalog_services.variant_create(product=product, sku=sku, **fields)
            else:
                variant = catalog_services.variant_update(variant=variant, sku=sku, **fields)
    except IntegrityError:
        raise DomainError(_("Mã SKU hoặc GTIN-13 vừa được dùng cho một sản phẩm khác."), field="gtin" if gtin else "sku",
                          code="UNIQUE") from None
    if product.moderation_status == ModerationStatus.APPROVED:
        live = variant_price(variant)
        rev = pending_revision(product, user=user, create=live != amount)
        if rev is not None:
            prices = dict(rev.prices)
            if live == amount:
                prices.pop(str(variant.pk), None)
            else:
                prices[str(variant.pk)] = amount
            rev.prices = prices
            rev.save(update_fields=["prices", "updated_at"])
    else:
        _set_price(variant, amount)
    return variant


@transaction.atomic
def image_add(*, user, product: Product, upload, alt: str = "") -> PendingImage:
    """Validate an image (content-sniffed, size/pixel limits, EXIF stripped) and keep it private."""
    if product.moderation_status == ModerationStatus.SUBMITTED:
        raise DomainError(_("Sản phẩm đang chờ duyệt, chưa thể sửa."), field="image", code="INVALID_STATUS")
    cleaned = clean_image(upload, field="image")
    rev = None
    if product.moderation_status == ModerationStatus.APPROVED:
        rev = pending_revision(product, user=user, create=True)
    ext = cleaned.format.lower().replace("jpeg", "jpg")
    pending = PendingImage(product=product, revision=rev, content_type=f"image/{cleaned.format.lower()}",
                           alt=(alt or product.name)[:250], width=cleaned.width, height=cleaned.height,
                           uploaded_by=user)
    pending.file.save(f"{product.pk}.{ext}", ContentFile(cleaned.content.read()), save=False)
    pending.save()
    return pending


@transaction.atomic
def image_remove(*, user, product: Product, pending_id: int | None = None, media_id: int | None = None) -> None:
    if product.moderation_status == ModerationStatus.SUBMITTED:
        raise DomainError(_("Sản phẩm đang chờ duyệt, chưa thể sửa."), field="image", code="INVALID_STATUS")
    if pending_id is not None:
        img = PendingImage.objects.filter(pk=pending_id, product=product).first()
        if img is None:
            raise DomainError(_("Không tìm thấy ảnh."), field="image", code="NOT_FOUND")
        img.file.delete(save=False)
        img.delete()
        return
    media = ProductMedia.objects.filter(pk=media_id, product=product).first()
    if media is None:
        raise DomainError(_("Không tìm thấy ảnh."), field="image", code="NOT_FOUND")
    if product.moderation_status == ModerationStatus.APPROVED:
        rev = pending_revision(product, user=user, create=True)
        rev.remove_media_ids = sorted(set(rev.remove_media_ids) | {media.pk})
        rev.save(update_fields=["remove_media_ids", "updated_at"])
    else:
        media.delete()


def completeness_errors(product: Product) -> list[FieldError]:
    """What a product still needs before it can be submitted (field-named Vietnamese messages)."""
    errors: list[FieldError] = []
    if not product.category_id:
        errors.append(FieldError("category", "REQUIRED", _("Danh mục (nhóm OCOP): hãy chọn một nhóm.")))
    if not (product.description_plaintext or "").strip():
        errors.append(FieldError("description", "REQUIRED", _("Mô tả sản phẩm: không được để trống.")))
    variants = list(product.variants.prefetch_related("channel_listings"))
    if not variants:
        errors.append(FieldError("variants", "REQUIRED", _("Phân loại: cần ít nhất một phân loại (SKU, giá).")))
    elif any(variant_price(v) is None for v in variants):
        errors.append(FieldError("price", "REQUIRED", _("Giá đề xuất: mọi phân loại đều phải có giá.")))
    if not (product.pending_images.filter(revision__isnull=True).exists() or product.media.exists()):
        errors.append(FieldError("image", "REQUIRED", _("Ảnh sản phẩm: cần ít nhất một ảnh.")))
    return errors


@transaction.atomic
def product_submit(*, user, product: Product) -> Product:
    """draft/rejected → submitted (all or nothing: an incomplete product stays as it was)."""
    if product.moderation_status not in EDITABLE:
        raise DomainError(_("Chỉ gửi duyệt được sản phẩm nháp hoặc bị từ chối."), field="product",
                          code="INVALID_STATUS")
    raise_if(completeness_errors(product))
    product.moderation_status = ModerationStatus.SUBMITTED
    product.moderation_reason = ""
    product.save(update_fields=["moderation_status", "moderation_reason", "updated_at"])
    return product


@transaction.atomic
def product_create_with_variant(*, user, producer: Producer, name: str, description: str = "", category_id=None,
                                attributes: dict[str, str] | None = None, variant_name: str = "", sku: str = "",
                                gtin: str | None = None, price=None, image=None) -> Product:
    """The one-screen form for phones: product, first variant and first image, all or nothing.
    Every field is checked first so the producer sees all problems at once."""
    errors = _check_name((name or "").strip())
    errors += check_category(category_id)[1]
    errors += check_sku((sku or "").strip()) + check_gtin((gtin or "").strip() or None) + check_price(price)
    if image is None:
        errors.append(FieldError("image", "REQUIRED", _("Ảnh sản phẩm: cần ít nhất một ảnh.")))
    else:
        try:
            clean_image(image, field="image")
        except DomainError as exc:
            errors += exc.as_field_errors()
    raise_if(errors)
    product = product_create(user=user, producer=producer, name=name, description=description,
                             category_id=category_id, attributes=attributes)
    variant_save(user=user, product=product, name=variant_name, sku=sku, gtin=gtin, price=price)
    if image is not None:
        image_add(user=user, product=product, upload=image)
    return product
