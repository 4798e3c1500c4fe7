"""THE listing gate: the one place that decides whether a product may be shown and sold in a channel.

A product is visible and sellable in a channel only if
  1. it is approved (moderation),
  2. it is published in that channel (and the channel is active),
  3. its producer is active (and approved), and
  4. it holds a valid OCOP certificate of 3★ or more that has been issued, has not expired, and has
     not been suspended or revoked.
Storefront, GraphQL, POS, search, sitemaps and feeds all call `visible_products` / `gate_reasons`.

Selling needs one more thing: the listing's `available_for_purchase_at` must not be in the future
(Saleor's "available for purchase"). The cart, GraphQL checkout, POS and event imports call
`sellable_products` / `sale_reasons`; resolvers call `is_available_for_purchase`. Published collections
(`published_collections`) and the certificate shown for a product (`pick_current_certificate`) are
decided here too, so pages and GraphQL cannot drift apart.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from certification.models import CertificateStatus, OcopCertificate
from channels.models import Channel
from producers.models import ProducerStatus

from .models import Collection, CollectionChannelListing, ModerationStatus, Product, ProductChannelListing

MIN_STARS = 3


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def valid_certificates(today: dt.date | None = None) -> QuerySet[OcopCertificate]:
    """Certificates that currently make a product eligible (3★+, valid, issued, not expired)."""
    day = _today(today)
    return OcopCertificate.objects.filter(
        status=CertificateStatus.VALID, stars__gte=MIN_STARS, issued_on__lte=day, expires_on__gt=day
    )


def _published_listing(channel: Channel | int | str, now: dt.datetime) -> QuerySet[ProductChannelListing]:
    qs = ProductChannelListing.objects.filter(
        product=OuterRef("pk"), is_published=True, channel__is_active=True
    ).filter(Q(published_at__isnull=True) | Q(published_at__lte=now))
    return _channel_filter(qs, channel)


def _channel_filter(qs: QuerySet, channel: Channel | int | str) -> QuerySet:
    if isinstance(channel, Channel):
        return qs.filter(channel_id=channel.pk)
    if isinstance(channel, int):
        return qs.filter(channel_id=channel)
    return qs.filter(channel__slug=channel)


def is_available_for_purchase(available_for_purchase_at: dt.datetime | None, *, now: dt.datetime | None = None
                              ) -> bool:
    """The listing's purchase date has come (no date = no restriction)."""
    return available_for_purchase_at is None or available_for_purchase_at <= (now or timezone.now())


def _for_sale_listing(channel: Channel | int | str, now: dt.datetime) -> QuerySet[ProductChannelListing]:
    qs = ProductChannelListing.objects.filter(product=OuterRef("pk")).filter(
        Q(available_for_purchase_at__isnull=True) | Q(available_for_purchase_at__lte=now))
    return _channel_filter(qs, channel)


def gate_q(channel: Channel | int | str, *, today: dt.date | None = None, now: dt.datetime | None = None) -> Q:
    """The gate as a filter expression over Product."""
    now = now or timezone.now()
    return (
        Q(moderation_status=ModerationStatus.APPROVED)
        & Q(producer__is_active=True, producer__status=ProducerStatus.APPROVED)
        & Q(Exists(_published_listing(channel, now)))
        & Q(Exists(valid_certificates(today).filter(product=OuterRef("pk"))))
    )


def visible_products(channel: Channel | int | str, *, queryset: QuerySet[Product] | None = None,
                     today: dt.date | None = None, now: dt.datetime | None = None) -> QuerySet[Product]:
    """Products that pass the gate in the channel (the only way lists of products are built)."""
    qs = queryset if queryset is not None else Product.objects.all()
    return qs.filter(gate_q(channel, today=today, now=now))


def sellable_q(channel: Channel | int | str, *, today: dt.date | None = None, now: dt.datetime | None = None) -> Q:
    """The gate plus availability for purchase: what a cart, a till or an import may sell."""
    now = now or timezone.now()
    return gate_q(channel, today=today, now=now) & Q(Exists(_for_sale_listing(channel, now)))


def sellable_products(channel: Channel | int | str, *, queryset: QuerySet[Product] | None = None,
                      today: dt.date | None = None, now: dt.datetime | None = None) -> QuerySet[Product]:
    qs = queryset if queryset is not None else Product.objects.all()
    return qs.filter(sellable_q(channel, today=today, now=now))


def not_yet_on_sale_reason(available_for_purchase_at: dt.datetime) -> str:
    when = formats.date_format(timezone.localtime(available_for_purchase_at), "d/m/Y H:i")
    return _("Sản phẩm chưa mở bán; mở bán từ %(when)s.") % {"when": when}


def sale_reasons(product: Product, channel: Channel | int | str, *, today: dt.date | None = None,
                 now: dt.datetime | None = None) -> list[str]:
    """Why a product cannot be sold now (empty when it can): the gate's reasons, then the purchase date."""
    now = now or timezone.now()
    reasons = gate_reasons(product, channel, today=today)
    listing = _channel_filter(ProductChannelListing.objects.filter(product=product), channel).first()
    if listing is not None and not is_available_for_purchase(listing.available_for_purchase_at, now=now):
        reasons.append(not_yet_on_sale_reason(listing.available_for_purchase_at))
    return reasons


def is_visible(product: Product | int, channel: Channel | int | str, *, today: dt.date | None = None) -> bool:
    pk = product.pk if isinstance(product, Product) else product
    return visible_products(channel, today=today).filter(pk=pk).exists()


def gate_reasons(product: Product, channel: Channel | int | str, *, today: dt.date | None = None) -> list[str]:
    """Why a product fails the gate (empty when it passes), in words for staff and cashiers."""
    now = timezone.now()
    reasons: list[str] = []
    if product.moderation_status != ModerationStatus.APPROVED:
        reasons.append(_("Sản phẩm chưa được duyệt."))
    producer = product.producer
    if not producer.is_active or producer.status != ProducerStatus.APPROVED:
        reasons.append(_("Chủ thể OCOP không còn hoạt động."))
    if not Product.objects.filter(pk=product.pk).filter(Exists(_published_listing(channel, now))).exists():
        reasons.append(_("Sản phẩm không được niêm yết ở kênh bán này."))
    if not valid_certificates(today).filter(product=product).exists():
        latest = product.certificates.order_by("-issued_on", "-pk").first()
        if latest is None:
            reasons.append(_("Sản phẩm chưa có chứng nhận OCOP."))
        elif latest.status == CertificateStatus.SUSPENDED:
            reasons.append(_("Chứng nhận OCOP đang bị tạm đình chỉ."))
        elif latest.status == CertificateStatus.REVOKED:
            reasons.append(_("Chứng nhận OCOP đã bị thu hồi."))
        elif latest.stars < MIN_STARS:
            reasons.append(_("Sản phẩm chưa đạt 3 sao OCOP."))
        else:
            reasons.append(_("Chứng nhận OCOP đã hết hạn."))
    return reasons


def pick_current_certificate(certificates: list[OcopCertificate], valid_ids: set[int]) -> OcopCertificate | None:
    """The certificate to show among a product's certificates: the best currently valid one (most
    stars, then newest), else the latest of any status. `valid_ids` come from `valid_certificates`."""
    good = [c for c in certificates if c.pk in valid_ids]
    if good:
        return max(good, key=lambda c: (c.stars, c.issued_on, c.pk))
    return max(certificates, key=lambda c: (c.issued_on, c.pk), default=None)


def current_certificate(product: Product, *, today: dt.date | None = None) -> OcopCertificate | None:
    certificates = list(product.certificates.annotate(
        currently_valid=Exists(valid_certificates(today).filter(pk=OuterRef("pk")))))
    return pick_current_certificate(certificates, {c.pk for c in certificates if c.currently_valid})


def published_collections(channel: Channel | int | str, *, now: dt.datetime | None = None
                          ) -> QuerySet[Collection]:
    """Collections published in the channel now (an active channel, published, its date has come)."""
    now = now or timezone.now()
    listings = _channel_filter(CollectionChannelListing.objects.filter(is_published=True, channel__is_active=True)
                               .filter(Q(published_at__isnull=True) | Q(published_at__lte=now)), channel)
    return Collection.objects.filter(pk__in=listings.values("collection_id"))
