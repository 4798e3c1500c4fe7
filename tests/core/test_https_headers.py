"""Item 5 of issue 14: HTTPS hardening from the environment with production defaults in docker-compose.yml
(`check --deploy` with that environment: no issues), CSP, Referrer-Policy, Permissions-Policy, and
X-Forwarded-Proto believed only from configured proxies."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
VARIABLE = re.compile(r"\$\{(\w+)(?::?[-?]([^}]*))?\}")


def compose_environment() -> dict[str, str]:
    """The web service's environment as compose would give it with a .env holding only the required values."""
    env = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))["services"]["web"]["environment"]
    required = {"SECRET_KEY": "Zk3-" + "q7Rt9wXb2LmN4pV8" * 4, "POSTGRES_PASSWORD": "pw"}

    def value(match: re.Match) -> str:
        name, default = match.group(1), match.group(2) or ""
        return required.get(name, "" if match.group(0).find(":?") >= 0 else default)

    return {k: VARIABLE.sub(value, str(v)) for k, v in env.items()}


def test_check_deploy_with_the_compose_environment_has_no_issues(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "SESSION_", "CSRF_", "DEBUG", "DJANGO_ALLOW_ASYNC"))}
    env.update(compose_environment())
    env.update({"DJANGO_SETTINGS_MODULE": "ocop.settings", "OCOP_VAR_DIR": str(tmp_path), "MEDIA_ROOT": str(tmp_path)})
    run = subprocess.run([sys.executable, str(ROOT / "backend" / "manage.py"), "check", "--deploy"], env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "System check identified no issues (0 silenced)." in run.stdout, run.stdout + run.stderr


def test_compose_switches_https_on_by_default():
    env = compose_environment()
    assert env["SECURE_SSL_REDIRECT"] == "true" and env["SESSION_COOKIE_SECURE"] == "true"
    assert env["CSRF_COOKIE_SECURE"] == "true" and int(env["SECURE_HSTS_SECONDS"]) >= 31536000
    assert env["TRUSTED_PROXIES"] == ""  # the proxy header counts only once its address is configured


@pytest.mark.django_db
def test_pages_carry_csp_referrer_and_permissions_policy(client):
    resp = client.get("/dang-nhap/")
    assert resp.status_code == 200
    csp = resp["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "https://js.stripe.com" in csp and "'unsafe-inline'" not in csp.split(
        "script-src")[1].split(";")[0]
    assert "frame-src https://js.stripe.com https://hooks.stripe.com" in csp
    assert resp["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=(self)" in resp["Permissions-Policy"] and "microphone=()" in resp["Permissions-Policy"]
    assert " on" + "change=" not in resp.content.decode()  # no inline handlers left for CSP to block


@pytest.mark.django_db
def test_inline_scripts_carry_the_nonce(client, django_user_model):
    user = django_user_model.objects.create_user("khach@ocop.demo", "ocop-test-pass")
    client.force_login(user)
    resp = client.get("/tai-khoan/dia-chi/")
    nonce = re.search(r"'nonce-([^']+)'", resp["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}">' in resp.content.decode()


@pytest.mark.django_db
def test_forwarded_proto_only_from_trusted_proxies(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    spoofed = client.get("/dang-nhap/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="203.0.113.7")
    assert spoofed.status_code == 301 and spoofed["Location"].startswith("https://")
    proxied = client.get("/dang-nhap/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="10.0.0.1")
    assert proxied.status_code == 200
    assert client.get("/healthz/").status_code == 200  # the container healthcheck stays on plain HTTP
