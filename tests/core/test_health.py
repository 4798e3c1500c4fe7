"""/healthz/ (liveness) and /readyz/ (database, Redis when configured, migrations applied), and the
import paths every entry point relies on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from core import health

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


@pytest.fixture
def fresh_migration_state(monkeypatch):
    monkeypatch.setattr(health, "_migrations_seen_applied", False)


def test_healthz_is_liveness_json(client):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert client.post("/healthz/").status_code == 405


@pytest.mark.django_db
def test_readyz_reports_each_check(client, settings, fresh_migration_state):
    settings.REDIS_URL = ""
    response = client.get("/readyz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {
        "database": "ok", "redis": "not configured", "migrations": "ok"}}


@pytest.mark.django_db
def test_readyz_pings_redis_when_configured(client, settings, fresh_migration_state):
    settings.REDIS_URL = REDIS_URL
    assert client.get("/readyz/").json()["checks"]["redis"] == "ok"
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    response = client.get("/readyz/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {
        "database": "ok", "redis": "unavailable", "migrations": "ok"}}


@pytest.mark.django_db
def test_readyz_is_not_ready_while_a_migration_is_pending(client, settings, fresh_migration_state):
    settings.REDIS_URL = ""
    with connection.cursor() as cursor:  # rolled back with the test's transaction
        cursor.execute("DELETE FROM django_migrations WHERE id = (SELECT max(id) FROM django_migrations)")
    response = client.get("/readyz/")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "pending"


@pytest.mark.parametrize("where", ["root", "backend", "elsewhere"])
def test_project_imports_from_any_working_directory_without_pythonpath(where, tmp_path):
    cwd = {"root": ROOT, "backend": ROOT / "backend", "elsewhere": tmp_path}[where]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["DATABASE_URL"] = "postgresql://nobody@127.0.0.1:1/none"  # parsed only, never connected
    script = ("import sys; sys.path.insert(0, {!r}); import ocop.wsgi, ocop.celery; import integrations.vietqr.payload; "
              "import payments.stripe_flow; print('imported')").format(str(ROOT / "backend"))
    done = subprocess.run([sys.executable, "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("imported")
