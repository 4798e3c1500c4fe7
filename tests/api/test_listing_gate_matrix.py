"""The listing gate through the public `products` / `product` queries: each failing condition hides the
product; staff with MANAGE_PRODUCTS still see it (as in Saleor)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from catalog.models import ModerationStatus, ProductChannelListing
from certification.models import CertificateStatus
from tests.factories import make_certificate, make_listed_product

from .queries import PRODUCT_SLUGS, slugs

TODAY = timezone.localdate


def _not_approved(p, ch):
    p.moderation_status = ModerationStatus.SUBMITTED
    p.save()


def _not_published(p, ch):
    ProductChannelListing.objects.filter(product=p).update(is_published=False)


def _published_later(p, ch):
    ProductChannelListing.objects.filter(product=p).update(published_at=timezone.now() + dt.timedelta(days=2))


def _channel_inactive(p, ch):
    ch.is_active = False
    ch.save()


def _producer_inactive(p, ch):
    p.producer.is_active = False
    p.producer.save()


def _producer_not_approved(p, ch):
    p.producer.status = "pending"
    p.producer.save()


def _no_certificate(p, ch):
    p.certificates.all().delete()


def _two_stars(p, ch):
    p.certificates.all().delete()
    make_certificate(p, stars=2)


def _expired(p, ch):
    p.certificates.update(issued_on=TODAY() - dt.timedelta(days=1200), decision_date=TODAY() - dt.timedelta(days=1200),
                          expires_on=TODAY() - dt.timedelta(days=1))


def _expired_status(p, ch):
    p.certificates.update(status=CertificateStatus.EXPIRED)


def _suspended(p, ch):
    p.certificates.update(status=CertificateStatus.SUSPENDED)


def _revoked(p, ch):
    p.certificates.update(status=CertificateStatus.REVOKED)


def _not_yet_issued(p, ch):
    p.certificates.update(issued_on=TODAY() + dt.timedelta(days=5), decision_date=TODAY(),
                          expires_on=TODAY() + dt.timedelta(days=1000))


CONDITIONS = {
    "not approved": _not_approved,
    "not published": _not_published,
    "published in the future": _published_later,
    "channel inactive": _channel_inactive,
    "producer inactive": _producer_inactive,
    "producer not approved": _producer_not_approved,
    "no certificate": _no_certificate,
    "2-star certificate": _two_stars,
    "expired by date": _expired,
    "expired status": _expired_status,
    "suspended": _suspended,
    "revoked": _revoked,
    "not yet issued": _not_yet_issued,
}


@pytest.mark.django_db
@pytest.mark.parametrize("condition", list(CONDITIONS))
def test_each_gate_condition_hides_the_product(gql, channel, staff_token, condition):
    shown, _ = make_listed_product(channel, slug="con-lai")
    hidden, _ = make_listed_product(channel, slug="bi-an")
    assert sorted(slugs(gql(PRODUCT_SLUGS, {"channel": "online", "first": 10}))) == ["bi-an", "con-lai"]

    CONDITIONS[condition](hidden, channel)

    public = gql(PRODUCT_SLUGS, {"channel": "online", "first": 10})
    if condition == "channel inactive":
        assert slugs(public) == []
    else:
        assert slugs(public) == ["con-lai"]
        assert public["data"]["products"]["totalCount"] == 1
    single = gql('query($s: String!) { product(slug: $s, channel: "online") { slug } }', {"s": "bi-an"})
    assert single["data"]["product"] is None
    variant_sku = hidden.variants.get().sku
    variant = gql('query($s: String!) { productVariant(sku: $s, channel: "online") { sku } }', {"s": variant_sku})
    assert variant["data"]["productVariant"] is None

    staff_view = gql('query($s: String!) { product(slug: $s) { slug isAvailable } }', {"s": "bi-an"},
                     token=staff_token)
    assert staff_view["data"]["product"]["slug"] == "bi-an"
    in_channel = gql('query($s: String!) { product(slug: $s, channel: "online") { slug isAvailable } }',
                     {"s": "bi-an"}, token=staff_token)
    if condition != "not published":
        assert in_channel["data"]["product"] == {"slug": "bi-an", "isAvailable": False}
