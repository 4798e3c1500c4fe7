"""Product media: validated upload and cached WebP renditions (generated once, then reused)."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from core.images import clean_image, closest_size, webp_rendition

from .models import Product, ProductMedia, ProductMediaRendition


def media_create(*, product: Product, upload, alt: str = "", is_placeholder: bool = False) -> ProductMedia:
    cleaned = clean_image(upload, field="image")
    media = ProductMedia(product=product, alt=alt or product.name, width=cleaned.width, height=cleaned.height,
                         is_placeholder=is_placeholder,
                         sort_order=product.media.count())
    media.image.save(f"{product.slug}.{cleaned.format.lower().replace('jpeg', 'jpg')}", cleaned.content, save=False)
    media.save()
    return media


def rendition_url(media: ProductMedia, size: int | None = None) -> str:
    """URL of the WebP rendition at the nearest fixed size ≥ `size`, made on first request."""
    target = closest_size(size)
    existing = next((r for r in getattr(media, "_prefetched_objects_cache", {}).get("renditions", [])
                     if r.size == target), None) if hasattr(media, "_prefetched_objects_cache") else None
    if existing is None:
        existing = ProductMediaRendition.objects.filter(media=media, size=target, format="WEBP").first()
    if existing is not None:
        return existing.image.url
    if not media.image:
        return ""
    with media.image.open("rb") as fh:
        data = webp_rendition(fh.read(), target)
    rendition = ProductMediaRendition(media=media, size=target, format="WEBP")
    rendition.image.save(f"{media.pk}-{target}.webp", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            rendition.save()
    except IntegrityError:  # made concurrently by another request: reuse it
        rendition.image.delete(save=False)
        rendition = ProductMediaRendition.objects.get(media=media, size=target, format="WEBP")
    return rendition.image.url
