"""`manage.py demo` end to end, as `make demo` runs it: a separate process prepares the database,
serves real HTTP, and exits normally on SIGTERM (which is what lets the embedded PostgreSQL stop at
exit). It uses the test database (DATABASE_URL), so it is a transactional test."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.processes import ROOT, database_url, free_port
from tests.processes import http_get as get


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_demo_serves_then_stops_cleanly_on_sigterm(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "OCOP_DEMO_SECRET_KEY")}
    env = {**env, "DJANGO_SETTINGS_MODULE": "ocop.settings", "DATABASE_URL": database_url(), "OCOP_VAR_DIR": str(tmp_path), "PYTHONUNBUFFERED": "1",
           "MEDIA_ROOT": str(tmp_path / "media")}
    proc = subprocess.Popen([sys.executable, str(ROOT / "backend" / "manage.py"), "demo", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 240
        while True:
            assert proc.poll() is None, proc.stdout.read()
            try:
                status, _ = get(base + "/healthz/")
                if status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "demo did not start serving"
            time.sleep(0.5)
        assert get(base + "/")[0] == 200
        status, page = get(base + "/san-pham/mam-tom-le-gia/")
        assert status == 200 and "Mắm tôm Lê Gia" in page
        assert get(base + "/admin/login/")[0] == 200
        assert get(base + "/static/css/site.css")[0] == 200
        request = urllib.request.Request(base + "/graphql/", data=b'{"query": "{ ping }"}',
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=20) as response:
            assert b'"pong"' in response.read()
        assert (tmp_path / "media" / "products").is_dir()
        assert len((tmp_path / "secret_key").read_text().strip()) >= 50  # its own random key, made once
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            output, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert proc.returncode == 0, output
    assert "Demo data loaded (" in output
    assert "Stopped;" in output
