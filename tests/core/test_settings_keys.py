"""Item 1 of issue 14: no signing key from the source. Production settings (DEBUG off) refuse to start without
SECRET_KEY and name it; the demo generates its own random key once into var/."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ocop.keys import demo_secret_key

ROOT = Path(__file__).resolve().parents[2]
SOURCE_KEY = "ocop-demo-insecure-key-change-me-in-production"  # the key main used to fall back on


def start_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "OCOP_DEMO_SECRET_KEY")}
    base.update({"DJANGO_SETTINGS_MODULE": "ocop.settings", "OCOP_VAR_DIR": str(tmp_path),
                 "DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none", "PYTHONPATH": str(ROOT / "backend")})
    base.update(env)
    code = "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
    return subprocess.run([sys.executable, "-c", code], env=base, capture_output=True, text=True, timeout=60)


def test_production_settings_refuse_to_start_without_secret_key(tmp_path):
    run = start_settings(tmp_path, DEBUG="false")
    assert run.returncode != 0
    assert "ImproperlyConfigured" in run.stderr and "SECRET_KEY is not set" in run.stderr
    assert not (tmp_path / "secret_key").exists()  # nothing generated behind production's back

    given = start_settings(tmp_path, DEBUG="false", SECRET_KEY="k" * 60)
    assert given.returncode == 0, given.stderr
    assert given.stdout.strip() == "k" * 60


def test_demo_key_is_random_generated_once_and_private(tmp_path):
    first = demo_secret_key(tmp_path)
    assert len(first) >= 50 and first != SOURCE_KEY
    assert demo_secret_key(tmp_path) == first  # generated once, then reused
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    assert demo_secret_key(tmp_path / "other") != first

    run = start_settings(tmp_path, DEBUG="false", OCOP_DEMO_SECRET_KEY="1")
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == first
