"""Two producers' staff issuing stamps for the same batch at once never exceed its quantity."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from core.errors import DomainError
from tests.factories.traceability import make_batch, make_trace_staff
from traceability import services
from traceability.models import Batch, Stamp

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_concurrent_issues_respect_batch_quantity():
    batch = make_batch(quantity=50)
    staff = make_trace_staff()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def issue():
        try:
            barrier.wait()
            services.stamps_issue(user=staff, batch_id=batch.pk, count=30)
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["QUANTITY_GREATER_THAN_LIMIT", "ok"]
    assert Stamp.objects.filter(batch=batch).count() == 30
    assert Batch.objects.get(pk=batch.pk).stamps_issued == 30
