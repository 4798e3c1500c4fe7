"""The daily certificate job with a frozen clock: expiry removes the product from every channel at
once, and the producer gets exactly one reminder 30 days before."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from catalog.gate import gate_reasons, is_visible, visible_products
from catalog.models import ProductChannelListing
from certification.expiry import certificates_expire, certificates_send_reminders
from certification.models import CertificateStatus, CertificateStatusChange, OcopCertificate
from certification.signals import certificates_status_changed
from certification.tasks import certificates_expire_task
from producers.models import MemberRole, ProducerMember
from tests.factories import make_certificate, make_channel, make_listed_product, make_producer, make_user

TZ = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
ISSUED = dt.date(2024, 1, 10)
EXPIRES = dt.date(2027, 1, 10)


def at(day: dt.date, hour: int = 9):
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, hour, tzinfo=TZ), tick=False)


@pytest.fixture
def listed(db):
    """A product sold online and at the airport showroom, certified until EXPIRES."""
    online = make_channel("online", name="Cửa hàng trực tuyến")
    showroom = make_channel("tho-xuan-airport", kind="showroom")
    producer = make_producer(email="legia@example.vn", name="Lê Gia")
    owner = make_user("owner@example.vn")
    ProducerMember.objects.create(producer=producer, user=owner, role=MemberRole.OWNER)
    ProducerMember.objects.create(producer=producer, user=make_user("member@example.vn"))
    with at(ISSUED):
        product, _ = make_listed_product(online, producer=producer, name="Mắm tôm Lê Gia", is_featured=True)
    ProductChannelListing.objects.create(product=product, channel=showroom, is_published=True)
    product.certificates.update(issued_on=ISSUED, expires_on=EXPIRES, decision_date=ISSUED)
    return product, [online, showroom]


def listed_slugs(gql, channel: str) -> list[str]:
    data = gql(PRODUCTS, {"channel": channel})["data"]["products"]
    return [edge["node"]["slug"] for edge in data["edges"]]


PRODUCTS = "query($channel: String) { products(channel: $channel, first: 10) { edges { node { slug } } } }"


@pytest.mark.django_db
def test_expiry_removes_product_from_every_channel_at_once(listed, client, gql, django_capture_on_commit_callbacks):
    product, channels = listed
    with at(EXPIRES - dt.timedelta(days=1)):
        assert certificates_expire() == {"expired": 0, "products": 0}
        assert all(is_visible(product, ch) for ch in channels)
        assert "Mắm tôm Lê Gia" in client.get("/").content.decode()
        for ch in channels:
            assert listed_slugs(gql, ch.slug) == [product.slug]
    with at(EXPIRES, hour=0):
        received = []

        def listener(sender, **kwargs):
            received.append(kwargs)

        certificates_status_changed.connect(listener)
        try:
            with django_capture_on_commit_callbacks(execute=True):
                result = certificates_expire()
        finally:
            certificates_status_changed.disconnect(listener)
        assert result == {"expired": 1, "products": 1}
        assert received and received[0]["product_ids"] == [product.pk]
        cert = OcopCertificate.objects.get(product=product)
        assert cert.status == CertificateStatus.EXPIRED
        assert "10/01/2027" in cert.status_reason
        change = CertificateStatusChange.objects.get(certificate=cert)
        assert (change.from_status, change.to_status) == ("valid", "expired")
        for ch in channels:
            assert not is_visible(product, ch)
            assert product not in visible_products(ch)
            assert "Chứng nhận OCOP đã hết hạn." in gate_reasons(product, ch)
        assert "Mắm tôm Lê Gia" not in client.get("/").content.decode()
        assert client.get(f"/san-pham/{product.slug}/").status_code == 404
        for ch in channels:
            assert listed_slugs(gql, ch.slug) == []
        assert certificates_expire() == {"expired": 0, "products": 0}  # idempotent
    assert OcopCertificate.objects.filter(status=CertificateStatus.EXPIRED).count() == 1


@pytest.mark.django_db
def test_gate_hides_on_expiry_day_even_before_the_job_runs(listed):
    product, channels = listed
    with at(EXPIRES, hour=0):
        assert OcopCertificate.objects.get(product=product).status == CertificateStatus.VALID
        assert not any(is_visible(product, ch) for ch in channels)


@pytest.mark.django_db
def test_reminder_sent_once_thirty_days_before(listed):
    product, _ = listed
    with at(EXPIRES - dt.timedelta(days=31)):
        assert certificates_send_reminders() == {"sent": 0, "skipped_no_email": 0}
    assert mail.outbox == []
    with at(EXPIRES - dt.timedelta(days=30)):
        assert certificates_send_reminders() == {"sent": 1, "skipped_no_email": 0}
        assert certificates_send_reminders() == {"sent": 0, "skipped_no_email": 0}
    for days in (29, 10, 1):
        with at(EXPIRES - dt.timedelta(days=days)):
            certificates_send_reminders()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["legia@example.vn", "owner@example.vn"]
    assert "Mắm tôm Lê Gia" in message.subject and "10/01/2027" in message.subject
    assert "ngừng bán trên mọi kênh" in message.body
    assert OcopCertificate.objects.get(product=product).reminder_sent_at is not None


@pytest.mark.django_db
def test_reminder_waits_for_an_email_address(db):
    channel = make_channel("online")
    producer = make_producer(email="")
    product, _ = make_listed_product(channel, producer=producer)
    product.certificates.update(expires_on=EXPIRES, issued_on=ISSUED)
    with at(EXPIRES - dt.timedelta(days=20)):
        assert certificates_send_reminders() == {"sent": 0, "skipped_no_email": 1}
        assert OcopCertificate.objects.get(product=product).reminder_sent_at is None
        producer.email = "new@example.vn"
        producer.save()
        assert certificates_send_reminders() == {"sent": 1, "skipped_no_email": 0}
    assert [m.to for m in mail.outbox] == [["new@example.vn"]]


@pytest.mark.django_db
def test_suspended_and_revoked_are_neither_expired_nor_reminded(db):
    channel = make_channel("online")
    product, _ = make_listed_product(channel)
    product.certificates.update(status=CertificateStatus.SUSPENDED, status_reason="x", expires_on=EXPIRES,
                                issued_on=ISSUED)
    other, _ = make_listed_product(channel)
    other.certificates.update(status=CertificateStatus.REVOKED, status_reason="y", expires_on=EXPIRES,
                              issued_on=ISSUED)
    with at(EXPIRES - dt.timedelta(days=5)):
        assert certificates_send_reminders()["sent"] == 0
    with at(EXPIRES + dt.timedelta(days=5)):
        assert certificates_expire()["expired"] == 0
    assert set(OcopCertificate.objects.values_list("status", flat=True)) == {"suspended", "revoked"}


@pytest.mark.django_db
def test_command_and_celery_task(listed):
    product, _ = listed
    make_certificate(product, stars=3, issued_on=dt.date(2024, 6, 1), expires_on=dt.date(2027, 1, 20))
    import io

    out = io.StringIO()
    call_command("expire_certificates", "--date", "2027-01-10", stdout=out)
    assert "Expired 1 certificates (1 products)." in out.getvalue()
    assert "Sent 1 expiry reminders" in out.getvalue()
    with at(dt.date(2027, 1, 20)):
        result = certificates_expire_task.delay().get()
    assert result == {"expired": 1, "products": 1, "reminders_sent": 0, "reminders_skipped": 0}
    assert not OcopCertificate.objects.filter(status=CertificateStatus.VALID).exists()


def test_beat_schedule_runs_the_task_daily():
    from ocop.celery import app

    entry = app.conf.beat_schedule["certificates-expire-daily"]
    assert entry["task"] == certificates_expire_task.name
