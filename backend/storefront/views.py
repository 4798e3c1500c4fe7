"""Minimal storefront home (the storefront area replaces it): gate-visible products of the online channel."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import render

from catalog.gate import valid_certificates, visible_products
from catalog.models import ProductMedia, ProductVariant
from catalog.pricing import variant_prices
from channels.models import Channel

HOME_CHANNEL = "online"


def home(request):
    channel = Channel.objects.filter(slug=HOME_CHANNEL, is_active=True).first()
    products = []
    if channel is not None:
        products = list(
            visible_products(channel).select_related("producer").order_by("-is_featured", "name")
            .prefetch_related(
                Prefetch("variants", queryset=ProductVariant.objects.order_by("sort_order", "pk")),
                Prefetch("certificates", queryset=valid_certificates().order_by("-stars"), to_attr="valid_certs"),
                Prefetch("media", queryset=ProductMedia.objects.order_by("sort_order", "pk"), to_attr="images"),
            )
        )
        prices = variant_prices([v.pk for p in products for v in p.variants.all()], channel)
        for product in products:
            amounts = [prices[v.pk].price for v in product.variants.all() if v.pk in prices]
            product.price_from = min(amounts) if amounts else None
            product.stars = product.valid_certs[0].stars if product.valid_certs else None
            product.image = product.images[0] if product.images else None
    return render(request, "storefront/home.html", {"products": products, "channel": channel})
