"""sitemap.xml: only gate-visible products, producers that have some, and OCOP groups with some.

Built per request from the gate (never cached), so a suspended or expired product drops out at once."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from catalog.gate import visible_products
from catalog.models import Category

from .channel import storefront_channel
from .selectors import producers_with_products


class ProductSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return visible_products(storefront_channel()).order_by("pk").only("slug", "updated_at")

    def location(self, item):
        return reverse("storefront:product", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.updated_at


class ProducerSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return producers_with_products(storefront_channel()).order_by("pk").only("slug", "updated_at")

    def location(self, item):
        return reverse("storefront:producer", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.updated_at


class CategorySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        visible = visible_products(storefront_channel())
        return Category.objects.filter(
            Exists(visible.filter(Q(category=OuterRef("pk")) | Q(category__parent=OuterRef("pk"))))
        ).order_by("pk").only("slug")

    def location(self, item):
        return reverse("storefront:category", kwargs={"slug": item.slug})


SITEMAPS = {"products": ProductSitemap, "producers": ProducerSitemap, "categories": CategorySitemap}
