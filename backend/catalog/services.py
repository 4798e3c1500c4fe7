"""Catalogue rules: products (sanitised description, unique slug), variants (unique SKU, GTIN-13 with a
correct check digit, unique), channel listings (publication and integer VND prices)."""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import nh3
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from channels.models import Channel
from core.errors import DomainError, FieldError, ValidationFailed
from core.text import vn_slugify
from core.validators import validate_gtin13
from producers.models import Producer

from .models import (
    Category,
    Collection,
    CollectionProduct,
    ModerationStatus,
    Product,
    ProductChannelListing,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "a",
                "table", "thead", "tbody", "tr", "th", "td", "span"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
VAT_RATES = (0, 5, 8, 10)
MAX_PRICE = 1_000_000_000  # 1 tỷ đồng: anything above is a typing mistake

_PRODUCT_FIELDS = ("name", "slug", "short_name", "description", "product_type", "category", "producer", "vat_rate",
                   "weight_grams", "is_featured", "metadata", "private_metadata", "moderation_status",
                   "moderation_reason")
_VARIANT_FIELDS = ("sku", "gtin", "name", "weight_grams", "track_inventory", "quantity_limit_per_customer",
                   "sort_order", "metadata", "private_metadata")


def sanitize_description(value: str) -> tuple[str, str]:
    """(safe HTML, plain text) of a description: scripts, styles, event handlers and unknown tags removed."""
    safe = nh3.clean(value or "", tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow").strip()
    plain = html.unescape(nh3.clean(safe.replace("</p>", "</p>\n").replace("<br>", "\n"), tags=set())).strip()
    return safe, plain


# -- products -------------------------------------------------------------------------------------------------

def _clean_product(data: dict, *, instance: Product | None) -> dict:
    errors: list[FieldError] = []
    out = dict(data)
    if "name" in out:
        out["name"] = (out["name"] or "").strip()
        if not out["name"]:
            errors.append(FieldError("name", "REQUIRED", _("Thiếu tên sản phẩm.")))
    if "slug" in out or instance is None:
        slug = vn_slugify(out.get("slug") or out.get("name") or (instance.name if instance else ""))
        clash = Product.objects.filter(slug=slug)
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if not slug:
            errors.append(FieldError("slug", "REQUIRED", _("Thiếu đường dẫn (slug).")))
        elif clash.exists():
            if out.get("slug"):
                errors.append(FieldError("slug", "UNIQUE", _("Đường dẫn %(s)s đã được dùng.") % {"s": slug}))
            else:  # generated from the name: make it unique
                base, i = slug, 2
                while Product.objects.filter(slug=f"{base}-{i}").exists():
                    i += 1
                slug = f"{base}-{i}"
        out["slug"] = slug
    if "description" in out:
        out["description"], out["description_plaintext"] = sanitize_description(out["description"])
    if out.get("vat_rate") is not None and out["vat_rate"] not in VAT_RATES:
        errors.append(FieldError("vat_rate", "INVALID", _("Thuế suất GTGT phải là 0, 5, 8 hoặc 10%.")))
    if out.get("weight_grams") is not None and out["weight_grams"] < 0:
        errors.append(FieldError("weight_grams", "INVALID", _("Khối lượng không được âm.")))
    if "moderation_status" in out and out["moderation_status"] not in ModerationStatus.values:
        errors.append(FieldError("moderation_status", "INVALID", _("Trạng thái duyệt không hợp lệ.")))
    for key in ("metadata", "private_metadata"):
        if key in out and out[key] is not None and not isinstance(out[key], dict):
            errors.append(FieldError(key, "INVALID", _("Metadata phải là các cặp khoá–giá trị.")))
    if "short_name" in out and len(out["short_name"] or "") > 40:
        errors.append(FieldError("short_name", "INVALID", _("Tên ngắn tối đa 40 ký tự.")))
    if errors:
        raise ValidationFailed(errors)
    return out


def _set_collections(product: Product, collections: list[Collection]) -> None:
    CollectionProduct.objects.filter(product=product).exclude(collection__in=collections).delete()
    existing = set(CollectionProduct.objects.filter(product=product).values_list("collection_id", flat=True))
    CollectionProduct.objects.bulk_create([CollectionProduct(collection=c, product=product)
                                           for c in collections if c.pk not in existing])


def product_create(*, name: str, product_type: ProductType, producer: Producer, category: Category | None = None,
                   collections: list[Collection] | None = None, **extra) -> Product:
    unknown = set(extra) - set(_PRODUCT_FIELDS)
    if unknown:
        raise DomainError(_("Trường không hợp lệ: %(f)s") % {"f": ", ".join(sorted(unknown))}, code="INVALID")
    data = _clean_product({"name": name, **extra}, instance=None)
    product = Product.objects.create(product_type=product_type, producer=producer, category=category, **data)
    if collections:
        _set_collections(product, collections)
    return product


def product_update(*, product: Product, collections: list[Collection] | None = None, **changes) -> Product:
    unknown = set(changes) - set(_PRODUCT_FIELDS)
    if unknown:
        raise DomainError(_("Trường không hợp lệ: %(f)s") % {"f": ", ".join(sorted(unknown))}, code="INVALID")
    data = _clean_product(changes, instance=product)
    for field, value in data.items():
        setattr(product, field, value)
    product.save()
    if collections is not None:
        _set_collections(product, collections)
    return product


def product_delete(*, product: Product) -> None:
    """Delete a product that has never been certified or sold (those are kept for the record)."""
    if product.certificates.exists():
        raise DomainError(_("Sản phẩm đã có chứng nhận OCOP nên không thể xoá; hãy ngừng niêm yết thay vì xoá."),
                          field="id", code="INVALID")
    try:
        product.delete()
    except ProtectedError:
        raise DomainError(_("Sản phẩm đã có giao dịch nên không thể xoá; hãy ngừng niêm yết thay vì xoá."),
                          field="id", code="INVALID") from None


# -- variants -------------------------------------------------------------------------------------------------

def sku_errors(value: str, *, exclude_variant_id: int | None = None, field: str = "sku") -> list[FieldError]:
    """The one SKU rule: required, at most 64 characters, unique (case-insensitive). Call with the
    value as it will be stored (`normalise_sku`)."""
    if not value:
        return [FieldError(field, "REQUIRED", _("Mã SKU: không được để trống."))]
    if len(value) > 64:
        return [FieldError(field, "INVALID", _("Mã SKU: tối đa 64 ký tự."))]
    clash = ProductVariant.objects.filter(sku__iexact=value)
    if exclude_variant_id:
        clash = clash.exclude(pk=exclude_variant_id)
    if clash.exists():
        return [FieldError(field, "UNIQUE", _("Mã SKU %(s)s đã tồn tại.") % {"s": value})]
    return []


def gtin_errors(value: str | None, *, exclude_variant_id: int | None = None, field: str = "gtin") -> list[FieldError]:
    """The one GTIN rule: empty, or a GTIN-13 with a valid check digit that no other variant uses."""
    if not value:
        return []
    try:
        validate_gtin13(value)
    except ValidationError as exc:
        return [FieldError(field, "INVALID_GTIN", _("Mã GTIN-13: %(m)s") % {"m": " ".join(exc.messages)})]
    clash = ProductVariant.objects.filter(gtin=value)
    if exclude_variant_id:
        clash = clash.exclude(pk=exclude_variant_id)
    if clash.exists():
        return [FieldError(field, "UNIQUE", _("Mã GTIN-13 %(v)s đã được dùng cho một sản phẩm khác.") % {"v": value})]
    return []


def normalise_sku(value: str | None) -> str:
    return (value or "").strip().upper()


def normalise_gtin(value: str | None) -> str | None:
    return (value or "").strip() or None


def _clean_variant(data: dict, *, instance: ProductVariant | None) -> dict:
    errors: list[FieldError] = []
    out = dict(data)
    exclude = instance.pk if instance is not None else None
    if "sku" in out:
        out["sku"] = normalise_sku(out["sku"])
        errors += sku_errors(out["sku"], exclude_variant_id=exclude)
    if "gtin" in out:
        out["gtin"] = normalise_gtin(out["gtin"])
        errors += gtin_errors(out["gtin"], exclude_variant_id=exclude)
    for key in ("weight_grams", "quantity_limit_per_customer", "sort_order"):
        if out.get(key) is not None and out[key] < 0:
            errors.append(FieldError(key, "INVALID", _("Giá trị không được âm.")))
    if out.get("quantity_limit_per_customer") == 0:
        errors.append(FieldError("quantity_limit_per_customer", "INVALID", _("Giới hạn mua phải lớn hơn 0.")))
    if errors:
        raise ValidationFailed(errors)
    return out


def variant_create(*, product: Product, sku: str, **extra) -> ProductVariant:
    unknown = set(extra) - set(_VARIANT_FIELDS)
    if unknown:
        raise DomainError(_("Trường không hợp lệ: %(f)s") % {"f": ", ".join(sorted(unknown))}, code="INVALID")
    data = _clean_variant({"sku": sku, **extra}, instance=None)
    data.setdefault("sort_order", product.variants.count())
    return ProductVariant.objects.create(product=product, **data)


def variant_update(*, variant: ProductVariant, **changes) -> ProductVariant:
    unknown = set(changes) - set(_VARIANT_FIELDS)
    if unknown:
        raise DomainError(_("Trường không hợp lệ: %(f)s") % {"f": ", ".join(sorted(unknown))}, code="INVALID")
    data = _clean_variant(changes, instance=variant)
    for field, value in data.items():
        setattr(variant, field, value)
    variant.save()
    return variant


# -- channel listings -----------------------------------------------------------------------------------------

@dataclass
class ChannelListingChange:
    channel: Channel
    is_published: bool | None = None
    published_at: dt.datetime | None = None
    visible_in_listings: bool | None = None
    is_available_for_purchase: bool | None = None
    available_for_purchase_at: dt.datetime | None = None


def product_channel_listing_update(*, product: Product, update_channels: list[ChannelListingChange],
                                   remove_channels: list[Channel]) -> Product:
    """Publish / unpublish a product per channel (Saleor's productChannelListingUpdate)."""
    updated = {c.channel.pk for c in update_channels}
    removed = {c.pk for c in remove_channels}
    if len(updated) != len(update_channels) or updated & removed:
        raise DomainError(_("Một kênh bán xuất hiện nhiều lần trong yêu cầu."), field="update_channels",
                          code="DUPLICATED_INPUT_ITEM")
    for change in update_channels:
        listing, _created = ProductChannelListing.objects.get_or_create(product=product, channel=change.channel)
        if change.is_published is not None:
            listing.is_published = change.is_published
            if change.is_published and listing.published_at is None and change.published_at is None:
                listing.published_at = timezone.now()
        if change.published_at is not None:
            listing.published_at = change.published_at
        if change.visible_in_listings is not None:
            listing.visible_in_listings = change.visible_in_listings
        if change.available_for_purchase_at is not None:
            listing.available_for_purchase_at = change.available_for_purchase_at
        elif change.is_available_for_purchase is True and listing.available_for_purchase_at is None:
            listing.available_for_purchase_at = timezone.now()
        elif change.is_available_for_purchase is False:
            listing.available_for_purchase_at = None
        listing.save()
    if removed:
        ProductChannelListing.objects.filter(product=product, channel_id__in=removed).delete()
        ProductVariantChannelListing.objects.filter(variant__product=product, channel_id__in=removed).delete()
    return product


@dataclass
class VariantPriceChange:
    channel: Channel
    price: int
    cost_price: int | None = None


def variant_suggested_price_set(*, variant: ProductVariant, amount: int, channels: list[Channel]) -> None:
    """A producer's suggested price on a product not yet approved, written to every given channel
    (listing happens at approval; approved products change price through moderation)."""
    if not 0 < amount <= MAX_PRICE:
        raise DomainError(_("Giá đề xuất phải lớn hơn 0 và không quá 1 tỉ đồng."), field="price", code="INVALID")
    for channel in channels:
        ProductVariantChannelListing.objects.update_or_create(variant=variant, channel=channel,
                                                              defaults={"price_amount": amount})


def variant_channel_listing_update(*, variant: ProductVariant, update_channels: list[VariantPriceChange],
                                   remove_channels: list[Channel] = ()) -> ProductVariant:
    """Set the variant's price (integer VND incl. VAT) per channel; the product must be listed there first."""
    errors: list[FieldError] = []
    listed = set(ProductChannelListing.objects.filter(product_id=variant.product_id).values_list("channel_id",
                                                                                                    flat=True))
    seen: set[int] = set()
    for i, change in enumerate(update_channels):
        if change.channel.pk in seen:
            errors.append(FieldError(f"input.{i}.channel_id", "DUPLICATED_INPUT_ITEM",
                                     _("Kênh bán %(c)s xuất hiện nhiều lần.") % {"c": change.channel.slug}))
        seen.add(change.channel.pk)
        if change.channel.pk not in listed:
            errors.append(FieldError(f"input.{i}.channel_id", "NOT_AVAILABLE_IN_CHANNEL",
                                     _("Sản phẩm chưa được gán vào kênh bán %(c)s.") % {"c": change.channel.slug}))
        if not isinstance(change.price, int) or change.price <= 0 or change.price > MAX_PRICE:
            errors.append(FieldError(f"input.{i}.price", "INVALID",
                                     _("Giá phải là số nguyên đồng, lớn hơn 0 và không quá 1 tỷ.")))
        if change.cost_price is not None and (change.cost_price < 0 or change.cost_price > MAX_PRICE):
            errors.append(FieldError(f"input.{i}.cost_price", "INVALID", _("Giá vốn không hợp lệ.")))
    if errors:
        raise ValidationFailed(errors)
    for change in update_channels:
        ProductVariantChannelListing.objects.update_or_create(
            variant=variant, channel=change.channel,
            defaults={"price_amount": change.price, "cost_price_amount": change.cost_price,
                      "currency": change.channel.currency_code},
        )
    if remove_channels:
        ProductVariantChannelListing.objects.filter(variant=variant, channel__in=list(remove_channels)).delete()
    return variant
