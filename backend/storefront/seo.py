"""schema.org JSON-LD and Open Graph data for product pages."""

from __future__ import annotations

import json

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString, mark_safe

from .selectors import ProductPage

_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    """JSON safe to embed inside <script type="application/ld+json">."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES))


def product_json_ld(page: ProductPage, request: HttpRequest) -> dict:
    product = page.product
    url = request.build_absolute_uri(reverse("storefront:product", kwargs={"slug": product.slug}))
    offers = []
    for offer in page.offers:
        if offer.price is None:
            continue
        offers.append({
            "@type": "Offer",
            "sku": offer.variant.sku,
            **({"gtin13": offer.variant.gtin} if offer.variant.gtin else {}),
            "price": offer.price.price,
            "priceCurrency": "VND",
            "availability": "https://schema.org/InStock" if offer.available_online > 0
            else "https://schema.org/OutOfStock",
            "url": url,
        })
    first = page.offers[0].variant if page.offers else None
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "url": url,
        "description": product.description_plaintext or "",
        "image": [request.build_absolute_uri(img.src) for img in page.images],
        "brand": {"@type": "Brand", "name": product.producer.name},
        "offers": offers,
    }
    if first is not None:
        data["sku"] = first.sku
        if first.gtin:
            data["gtin13"] = first.gtin
    if page.certificate is not None:
        data["award"] = f"OCOP {page.certificate.stars}★ ({page.certificate.certificate_number})"
    if product.category_id:
        data["category"] = product.category.name
    return data


def traceability_url(slug: str) -> str:
    """The product's traceability page, if the traceability app provides `traceability:product`."""
    try:
        return reverse("traceability:product", kwargs={"slug": slug})
    except NoReverseMatch:
        return ""
