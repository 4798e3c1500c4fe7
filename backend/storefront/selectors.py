"""Read models for the storefront pages. Every list is built from the listing gate and costs a
fixed number of queries whatever its length (product cards are hydrated in batches)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet

from catalog.gate import current_certificate, visible_products
from catalog.media import rendition_url
from catalog.models import (
    Category,
    Collection,
    Product,
    ProductAttributeValue,
    ProductMedia,
    ProductVariant,
    ProductVariantChannelListing,
)
from catalog.pricing import VariantPrice, variant_prices
from certification.models import OcopCertificate
from channels.models import Channel
from inventory.availability import availability_for_variants
from inventory.models import Stock, Warehouse, WarehouseKind
from producers.models import Producer, ProducerStatus
from search.filters import stars_subquery

CARD_SIZES = (256, 512)
GALLERY_SIZES = tuple(sorted(settings.IMAGE_RENDITION_SIZES))
POINT_OF_SALE_KINDS = (WarehouseKind.SHOWROOM, WarehouseKind.SUPERMARKET, WarehouseKind.DISPLAY_CENTRE,
                       WarehouseKind.EVENT_STAND)


@dataclass(frozen=True)
class Image:
    src: str
    srcset: str
    alt: str
    width: int
    height: int


@dataclass
class ProductCard:
    product: Product
    stars: int | None
    price: VariantPrice | None
    image: Image | None


def image_for(media: ProductMedia, sizes: tuple[int, ...], src_size: int) -> Image | None:
    """A responsive WebP image: `srcset` over the fixed rendition sizes, `src` at `src_size`."""
    if not media.image:
        return None
    longest = max(media.width, media.height) or 1
    parts, src = [], ""
    for size in sizes:
        url = rendition_url(media, size)
        width = round(media.width * min(1.0, size / longest)) or size
        parts.append(f"{url} {width}w")
        if size == src_size:
            src = url
    scale = min(1.0, src_size / longest)
    return Image(src=src or rendition_url(media, src_size), srcset=", ".join(parts), alt=media.alt,
                 width=round(media.width * scale), height=round(media.height * scale))


def media_prefetch() -> Prefetch:
    return Prefetch("media", queryset=ProductMedia.objects.order_by("sort_order", "pk").prefetch_related("renditions"))


def _listed_prices(product_ids: list[int], channel: Channel) -> dict[int, dict[int, VariantPrice]]:
    """{product_id: {variant_id: price}} in one query (plus discount providers)."""
    rows = list(ProductVariantChannelListing.objects.filter(variant__product_id__in=product_ids, channel=channel)
                .values_list("variant_id", "variant__product_id", "price_amount"))
    prices = variant_prices([r[0] for r in rows], channel, listings={r[0]: r[2] for r in rows})
    out: dict[int, dict[int, VariantPrice]] = defaultdict(dict)
    for variant_id, product_id, _amount in rows:
        out[product_id][variant_id] = prices[variant_id]
    return out


def cheapest(prices: dict[int, VariantPrice]) -> VariantPrice | None:
    return min(prices.values(), key=lambda p: (p.price, p.variant_id)) if prices else None


def product_cards(ids: list[int], channel: Channel) -> list[ProductCard]:
    """Cards for products (already gate-checked), in the order of `ids`."""
    if not ids:
        return []
    products = {p.pk: p for p in Product.objects.filter(pk__in=ids).select_related("producer")
                .annotate(stars=stars_subquery()).prefetch_related(media_prefetch())}
    prices = _listed_prices(ids, channel)
    cards = []
    for pk in ids:
        product = products.get(pk)
        if product is None:
            continue
        media = list(product.media.all())
        cards.append(ProductCard(product=product, stars=product.stars, price=cheapest(prices.get(pk, {})),
                                 image=image_for(media[0], CARD_SIZES, 256) if media else None))
    return cards


# ---- home ---------------------------------------------------------------------------------------

def featured_product_ids(channel: Channel, limit: int = 8) -> list[int]:
    """Featured products, most stars first; topped up with other star products if there are few."""
    def best(qs: QuerySet[Product], n: int) -> list[int]:
        return list(qs.annotate(_stars=stars_subquery()).order_by(F("_stars").desc(nulls_last=True), "-created_at",
                                                                   "pk").values_list("pk", flat=True)[:n])

    ids = best(visible_products(channel).filter(is_featured=True), limit)
    if len(ids) < limit:
        ids += best(visible_products(channel).filter(is_featured=False), limit - len(ids))
    return ids


def published_collections(channel: Channel) -> QuerySet[Collection]:
    return Collection.objects.filter(channel_listings__channel=channel, channel_listings__is_published=True)


def ocop_groups() -> list[Category]:
    return list(Category.objects.filter(parent__isnull=True).order_by("sort_order", "name"))


def producers_with_products(channel: Channel) -> QuerySet[Producer]:
    return Producer.objects.filter(is_active=True, status=ProducerStatus.APPROVED).filter(
        Exists(visible_products(channel).filter(producer=OuterRef("pk"))))


def producer_stories(channel: Channel, limit: int = 3) -> list[Producer]:
    return list(producers_with_products(channel).exclude(story="").order_by("-updated_at", "pk")[:limit])


# ---- listing filter options ---------------------------------------------------------------------

def commune_options() -> list[tuple[str, str]]:
    """Communes/wards of active producers (a cheap list; picking one still goes through the gate)."""
    rows = (Producer.objects.filter(is_active=True, status=ProducerStatus.APPROVED).exclude(ward_code="")
            .order_by("ward_name", "ward_code").values_list("ward_code", "ward_name").distinct())
    return list(rows)


def point_of_sale_options() -> list[Warehouse]:
    return list(Warehouse.objects.filter(is_active=True, kind__in=POINT_OF_SALE_KINDS).order_by("name"))


# ---- product page -------------------------------------------------------------------------------

@dataclass
class VariantOffer:
    variant: ProductVariant
    price: VariantPrice | None
    available_online: int


@dataclass
class PointOfSale:
    warehouse: Warehouse
    available: int


@dataclass
class ProductPage:
    product: Product
    certificate: OcopCertificate | None
    images: list[Image]
    offers: list[VariantOffer]
    points_of_sale: list[PointOfSale]
    facts: list[ProductAttributeValue]
    collections: list[Collection] = field(default_factory=list)

    @property
    def best_offer(self) -> VariantOffer | None:
        priced = [o for o in self.offers if o.price is not None]
        return min(priced, key=lambda o: (o.price.price, o.variant.pk)) if priced else None

    @property
    def available_online(self) -> int:
        return sum(o.available_online for o in self.offers)


def product_page(slug: str, channel: Channel, *, checkout_token: str | None = None) -> ProductPage | None:
    """Everything the product page shows, or None when the product does not pass the gate. Online
    availability is what the cart accepts (`inventory.availability`: other carts' live holds are taken,
    the visitor's own cart's are not); at points of sale the POS rule applies (quantity − allocated)."""
    product = (visible_products(channel, queryset=Product.objects.select_related("producer", "category"))
               .filter(slug=slug).prefetch_related(
                   media_prefetch(),
                   Prefetch("variants", queryset=ProductVariant.objects.order_by("sort_order", "sku")),
                   Prefetch("attribute_values", queryset=ProductAttributeValue.objects.select_related("attribute")
                            .order_by("attribute__sort_order", "attribute__slug")),
               ).first())
    if product is None:
        return None
    certificate = current_certificate(product)  # the gate passed, so this is a currently valid one
    variants = list(product.variants.all())
    prices = _listed_prices([product.pk], channel).get(product.pk, {})
    online = availability_for_variants([v.pk for v in variants], channel=channel, checkout_token=checkout_token)
    stocks = list(Stock.objects.filter(product_variant__product=product, warehouse__is_active=True,
                                       warehouse__kind__in=POINT_OF_SALE_KINDS,
                                       quantity__gt=F("quantity_allocated")).select_related("warehouse"))
    at_point: dict[int, PointOfSale] = {}
    for stock in stocks:
        pos = at_point.setdefault(stock.warehouse_id, PointOfSale(warehouse=stock.warehouse, available=0))
        pos.available += stock.available
    offers = [VariantOffer(variant=v, price=prices.get(v.pk), available_online=online.get(v.pk, 0))
              for v in variants if v.pk in prices]
    images = [img for img in (image_for(m, GALLERY_SIZES, 512) for m in product.media.all()) if img]
    return ProductPage(
        product=product, certificate=certificate, images=images, offers=offers,
        points_of_sale=sorted(at_point.values(), key=lambda p: p.warehouse.name),
        facts=list(product.attribute_values.all()),
        collections=list(published_collections(channel).filter(products=product)),
    )
