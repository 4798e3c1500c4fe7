"""The listing gate, condition by condition: each row breaks exactly one condition of a product
that otherwise passes, and checks is_visible, visible_products and gate_reasons agree."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from catalog.gate import current_certificate, gate_reasons, is_visible, visible_products
from catalog.models import ModerationStatus, ProductChannelListing
from certification.models import CertificateStatus
from producers.models import ProducerStatus
from tests.factories import make_certificate, make_channel, make_listed_product


def _today() -> dt.date:
    return timezone.localdate()


def unapproved(product, channel):
    product.moderation_status = ModerationStatus.SUBMITTED
    product.save()
    return "Sản phẩm chưa được duyệt."


def rejected(product, channel):
    product.moderation_status = ModerationStatus.REJECTED
    product.save()
    return "Sản phẩm chưa được duyệt."


def unpublished(product, channel):
    ProductChannelListing.objects.filter(product=product, channel=channel).update(is_published=False)
    return "Sản phẩm không được niêm yết ở kênh bán này."


def published_in_future(product, channel):
    ProductChannelListing.objects.filter(product=product, channel=channel).update(
        published_at=timezone.now() + dt.timedelta(days=2))
    return "Sản phẩm không được niêm yết ở kênh bán này."


def not_listed_in_channel(product, channel):
    ProductChannelListing.objects.filter(product=product, channel=channel).delete()
    return "Sản phẩm không được niêm yết ở kênh bán này."


def channel_inactive(product, channel):
    channel.is_active = False
    channel.save()
    return "Sản phẩm không được niêm yết ở kênh bán này."


def producer_inactive(product, channel):
    product.producer.is_active = False
    product.producer.save()
    return "Chủ thể OCOP không còn hoạt động."


def producer_not_approved(product, channel):
    product.producer.status = ProducerStatus.PENDING
    product.producer.save()
    return "Chủ thể OCOP không còn hoạt động."


def no_certificate(product, channel):
    product.certificates.all().delete()
    return "Sản phẩm chưa có chứng nhận OCOP."


def two_stars(product, channel):
    product.certificates.all().delete()
    make_certificate(product, stars=2)
    return "Sản phẩm chưa đạt 3 sao OCOP."


def expired_by_date(product, channel):
    product.certificates.all().delete()
    make_certificate(product, stars=4, issued_on=_today() - dt.timedelta(days=1100), expires_on=_today())
    return "Chứng nhận OCOP đã hết hạn."


def expired_status(product, channel):
    product.certificates.update(status=CertificateStatus.EXPIRED)
    return "Chứng nhận OCOP đã hết hạn."


def suspended(product, channel):
    product.certificates.update(status=CertificateStatus.SUSPENDED, status_reason="kiểm tra")
    return "Chứng nhận OCOP đang bị tạm đình chỉ."


def revoked(product, channel):
    product.certificates.update(status=CertificateStatus.REVOKED, status_reason="vi phạm")
    return "Chứng nhận OCOP đã bị thu hồi."


def future_issue(product, channel):
    product.certificates.all().delete()
    make_certificate(product, stars=4, issued_on=_today() + dt.timedelta(days=3))
    return "Chứng nhận OCOP đã hết hạn."


BREAKERS = [unapproved, rejected, unpublished, published_in_future, not_listed_in_channel, channel_inactive,
            producer_inactive, producer_not_approved, no_certificate, two_stars, expired_by_date, expired_status,
            suspended, revoked, future_issue]


@pytest.mark.django_db
@pytest.mark.parametrize("stars", [3, 4, 5])
def test_passing_product_is_visible(channel, stars):
    product, _ = make_listed_product(channel, stars=stars)
    assert is_visible(product, channel)
    assert is_visible(product, channel.slug) and is_visible(product.pk, channel.pk)
    assert gate_reasons(product, channel) == []
    assert list(visible_products(channel)) == [product]
    assert current_certificate(product).stars == stars


@pytest.mark.django_db
@pytest.mark.parametrize("breaker", BREAKERS, ids=lambda f: f.__name__)
def test_each_condition_hides_the_product(channel, breaker):
    product, _ = make_listed_product(channel)
    other, _ = make_listed_product(make_channel("other"))  # unaffected product elsewhere
    expected_reason = breaker(product, channel)
    product.refresh_from_db()
    assert not is_visible(product, channel)
    assert product not in visible_products(channel)
    assert expected_reason in gate_reasons(product, channel)
    if breaker is not channel_inactive:
        assert is_visible(other, "other")


@pytest.mark.django_db
def test_expired_certificate_with_a_newer_valid_one_passes(channel):
    product, _ = make_listed_product(channel)
    product.certificates.update(status=CertificateStatus.EXPIRED)
    make_certificate(product, stars=3)
    assert is_visible(product, channel)


@pytest.mark.django_db
def test_gate_is_per_channel(channel):
    product, _ = make_listed_product(channel)
    showroom = make_channel("tho-xuan-airport", kind="showroom")
    assert is_visible(product, channel)
    assert not is_visible(product, showroom)
    ProductChannelListing.objects.create(product=product, channel=showroom, is_published=True)
    assert is_visible(product, showroom)


@pytest.mark.django_db
def test_visible_on_last_day_hidden_on_expiry_day(channel):
    product, _ = make_listed_product(channel)
    product.certificates.all().delete()
    expires = _today() + dt.timedelta(days=10)
    make_certificate(product, stars=4, issued_on=expires - dt.timedelta(days=1095), expires_on=expires)
    assert is_visible(product, channel, today=expires - dt.timedelta(days=1))
    assert not is_visible(product, channel, today=expires)
