"""Item 6 of issue 14: the stamp-scan location comes from core.client_ip, which believes X-Forwarded-For only
from the configured proxies, so spoofed headers cannot forge a counterfeit alert."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from core.client_ip import client_ip
from traceability import services
from traceability.models import Stamp, StampScan, StampScanAlert

pytestmark = pytest.mark.django_db


def test_client_ip_trusts_forwarded_for_only_from_configured_proxies(settings):
    rf = RequestFactory()
    settings.TRUSTED_PROXIES = []
    assert client_ip(rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.1.1.1")) == "203.0.113.9"
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    via_proxy = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7, 10.0.0.5")
    assert client_ip(via_proxy) == "198.51.100.7"  # the right-most hop that is not one of ours
    assert client_ip(rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.1.1.1")) == "203.0.113.9"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="nonsense")) == "10.0.0.2"
    assert client_ip(rf.get("/", REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"


def test_spoofed_forwarded_for_does_not_forge_an_alert(client, batch, trace_staff, settings):
    settings.TRUSTED_PROXIES = []
    settings.TRACE_ALERT_DISTINCT_IPS = 3
    serial = services.stamps_issue(user=trace_staff, batch_id=batch.pk, count=1).serials[0]
    path = services.stamp_uri(Stamp.objects.get(serial=serial)).removeprefix("https://ocop.thanhhoa.vn")
    for i in range(7):  # the issue's probe: seven spoofed addresses from one caller
        assert client.get(path, REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}").status_code == 200
    assert StampScan.objects.values("ip_hash").distinct().count() == 1
    assert not StampScanAlert.objects.exists()

    settings.TRUSTED_PROXIES = ["127.0.0.1"]  # behind our own proxy the forwarded client counts
    for i in range(3):
        client.get(path, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
    assert StampScanAlert.objects.count() == 1
