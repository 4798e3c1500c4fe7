"""Two staff members change the same certificate at once: the row lock keeps the history a chain."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from certification import services
from certification.models import CertificateStatusChange, OcopCertificate
from core.errors import DomainError
from tests.factories import make_certificate, make_product


@pytest.mark.django_db(transaction=True)
def test_concurrent_suspend_and_revoke_keep_a_consistent_history():
    cert = make_certificate(make_product(), stars=4)
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def run(name, fn):
        try:
            barrier.wait()
            with transaction.atomic():
                fn(certificate=OcopCertificate.objects.get(pk=cert.pk), reason=f"lý do {name}")
            outcomes[name] = "ok"
        except DomainError as exc:
            outcomes[name] = exc.code
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=("suspend", services.certificate_suspend)),
               threading.Thread(target=run, args=("revoke", services.certificate_revoke))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert outcomes["revoke"] == "ok"  # revoking is allowed from valid and from suspended
    assert outcomes["suspend"] in ("ok", "INVALID_STATUS")
    final = OcopCertificate.objects.get(pk=cert.pk)
    assert final.status == "revoked"
    history = list(CertificateStatusChange.objects.filter(certificate=cert).order_by("pk"))
    assert all(a.to_status == b.from_status for a, b in zip(history, history[1:], strict=False))
    assert len(history) == (2 if outcomes["suspend"] == "ok" else 1)
