"""Batch loaders for the product graph: one query per relation per request, whatever the page size."""

from __future__ import annotations

from collections import defaultdict

from catalog.gate import pick_current_certificate, published_collections, valid_certificates, visible_products
from catalog.models import (
    Category,
    CollectionProduct,
    ProductAttributeValue,
    ProductChannelListing,
    ProductMedia,
    ProductVariant,
    ProductVariantChannelListing,
)
from catalog.pricing import variant_prices
from certification.models import OcopCertificate
from core.loaders import BatchLoader, hint
from inventory.availability import availability_for_variants


class VariantsByProduct(BatchLoader):
    family = "product"

    def empty(self):
        return []

    def batch(self, keys):
        out = defaultdict(list)
        variants = list(ProductVariant.objects.filter(product_id__in=keys).order_by("sort_order", "sku"))
        for v in variants:
            out[v.product_id].append(v)
        hint(self.info, "variant", [v.pk for v in variants])
        return out


class PricesByVariant(BatchLoader):
    """VariantPrice (catalog.pricing) per variant in one channel."""

    family = "variant"

    def batch(self, keys):
        (channel,) = self.args
        return variant_prices(keys, channel)


class QuantityByVariant(BatchLoader):
    """Units available per variant over the channel's warehouses (inventory.availability: quantity −
    allocated − others' reservations)."""

    family = "variant"

    def empty(self):
        return 0

    def batch(self, keys):
        (channel_id,) = self.args
        return availability_for_variants(keys, channel=channel_id)


class VariantListingsByVariant(BatchLoader):
    family = "variant"

    def empty(self):
        return []

    def batch(self, keys):
        out = defaultdict(list)
        for listing in ProductVariantChannelListing.objects.filter(variant_id__in=keys).select_related("channel"):
            out[listing.variant_id].append(listing)
        return out


class ListingByProduct(BatchLoader):
    """The product's channel listing in one channel."""

    family = "product"

    def batch(self, keys):
        (channel_id,) = self.args
        return {lst.product_id: lst for lst in ProductChannelListing.objects.filter(product_id__in=keys,
                                                                                    channel_id=channel_id)}


class ListingsByProduct(BatchLoader):
    family = "product"

    def empty(self):
        return []

    def batch(self, keys):
        out = defaultdict(list)
        for lst in ProductChannelListing.objects.filter(product_id__in=keys).select_related("channel"):
            out[lst.product_id].append(lst)
        return out


class VisibleInChannel(BatchLoader):
    """Whether the product passes the listing gate in the channel (catalog.gate)."""

    family = "product"

    def empty(self):
        return False

    def batch(self, keys):
        (channel_id,) = self.args
        return dict.fromkeys(visible_products(channel_id).filter(pk__in=keys).values_list("pk", flat=True), True)


class CertificateByProduct(BatchLoader):
    """catalog.gate.current_certificate for many products: the best valid one, else the latest of any status."""

    family = "product"

    def batch(self, keys):
        valid = set(valid_certificates().filter(product_id__in=keys).values_list("pk", flat=True))
        by_product = defaultdict(list)
        for cert in OcopCertificate.objects.filter(product_id__in=keys).select_related("group", "group__parent"):
            by_product[cert.product_id].append(cert)
        return {pid: pick_current_certificate(certs, valid) for pid, certs in by_product.items()}


class CertificatesByProduct(BatchLoader):
    family = "product"

    def empty(self):
        return []

    def batch(self, keys):
        out = defaultdict(list)
        for cert in OcopCertificate.objects.filter(product_id__in=keys).select_related("group").order_by(
                "-issued_on", "-pk"):
            out[cert.product_id].append(cert)
        return out


class MediaByProduct(BatchLoader):
    family = "product"

    def empty(self):
        return []

    def batch(self, keys):
        out = defaultdict(list)
        for media in ProductMedia.objects.filter(product_id__in=keys).prefetch_related("renditions"):
            out[media.product_id].append(media)
        return out


class CollectionsByProduct(BatchLoader):
    """Collections of each product; in a channel for the public, only collections published there."""

    family = "product"

    def empty(self):
        return []

    def batch(self, keys):
        channel_id, public = self.args
        qs = CollectionProduct.objects.filter(product_id__in=keys).select_related("collection")
        if public:
            qs = qs.filter(collection__in=published_collections(channel_id))
        out = defaultdict(list)
        for cp in qs.order_by("collection__slug"):
            out[cp.product_id].append(cp.collection)
        return out


class AttributesByProduct(BatchLoader):
    """Label facts (Decree 43/2017/NĐ-CP) of each product, in attribute order."""

    family = "product"

    def empty(self):
        return []

    def batch(self, keys):
        out = defaultdict(list)
        for value in (ProductAttributeValue.objects.filter(product_id__in=keys).select_related("attribute")
                      .order_by("attribute__sort_order", "attribute__slug")):
            out[value.product_id].append(value)
        return out


class ChildrenByCategory(BatchLoader):
    family = "category"

    def empty(self):
        return []

    def batch(self, keys):
        out = defaultdict(list)
        for cat in Category.objects.filter(parent_id__in=keys).select_related("parent"):
            out[cat.parent_id].append(cat)
        hint(self.info, "category", [c.pk for c in sum(out.values(), [])])
        return out
