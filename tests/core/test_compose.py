"""docker-compose.yml is valid Compose (schema from the Compose Specification) and describes the
production topology: six services with healthchecks, env-based settings, no committed secrets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

ROOT = Path(__file__).resolve().parents[2]
SERVICES = {"postgres", "redis", "elasticsearch", "web", "celery-worker", "celery-beat"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_validates_against_compose_spec(compose):
    schema = json.loads((ROOT / "standards" / "compose" / "compose-spec.json").read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    errors = sorted(Draft7Validator(schema).iter_errors(compose), key=lambda e: list(e.path))
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors]


def test_schema_rejects_a_broken_file(compose):
    schema = json.loads((ROOT / "standards" / "compose" / "compose-spec.json").read_text(encoding="utf-8"))
    broken = {**compose, "services": {**compose["services"], "web": {**compose["services"]["web"], "ports": "8000"}}}
    assert list(Draft7Validator(schema).iter_errors(broken))


def test_six_services_each_with_a_healthcheck(compose):
    services = compose["services"]
    assert set(services) == SERVICES
    for name, service in services.items():
        check = service.get("healthcheck")
        assert check and check["test"], name
        assert not check.get("disable"), name
        assert service.get("restart") == "unless-stopped", name


def test_app_services_share_image_env_and_wait_for_backing_services(compose):
    services = compose["services"]
    for name in ("web", "celery-worker", "celery-beat"):
        service = services[name]
        assert service["build"]["dockerfile"] == "Dockerfile"
        env = service["environment"]
        assert env["DATABASE_URL"].startswith("postgresql://") and "@postgres:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"] == "redis://redis:6379/0"
        assert env["ELASTICSEARCH_URL"] == "${ELASTICSEARCH_URL:-}"  # optional: search falls back to PostgreSQL
        assert {dep: cond["condition"] for dep, cond in service["depends_on"].items()} == {
            "postgres": "service_healthy", "redis": "service_healthy"}
    assert "gunicorn ocop.wsgi:application" in services["web"]["command"]
    assert "--workers" in services["web"]["command"]
    assert services["celery-worker"]["command"][:4] == ["celery", "-A", "ocop", "worker"]
    assert services["celery-beat"]["command"][:4] == ["celery", "-A", "ocop", "beat"]
    assert (ROOT / "Dockerfile").is_file()
    assert "/readyz/" in " ".join(services["web"]["healthcheck"]["test"])


def test_elasticsearch_is_an_optional_profile(compose):
    assert compose["services"]["elasticsearch"]["profiles"] == ["search"]
    for name, service in compose["services"].items():
        assert "elasticsearch" not in service.get("depends_on", {}), name


def test_data_lives_in_named_volumes(compose):
    assert {"pgdata", "redisdata", "esdata", "media"} <= set(compose["volumes"])
    mounts = {name: [v.split(":")[0] for v in s.get("volumes", [])] for name, s in compose["services"].items()}
    assert "pgdata" in mounts["postgres"] and "esdata" in mounts["elasticsearch"] and "media" in mounts["web"]


def test_no_secrets_committed(compose):
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    for key in ("POSTGRES_PASSWORD", "SECRET_KEY"):
        assert re.search(rf"\$\{{{key}:\?", text), f"{key} must be required from the environment"
    env = compose["services"]["web"]["environment"]
    for key in ("SECRET_KEY", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"):
        assert env[key].startswith("${"), key
    assert compose["services"]["postgres"]["environment"]["POSTGRES_PASSWORD"].startswith("${")
