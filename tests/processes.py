"""Helpers for tests that run the real programs as processes (demo, gunicorn, celery) against the
test database and a Redis of their own (a per-session queue and key prefix on REDIS_URL)."""

from __future__ import annotations

import os
import socket
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlparse

import redis
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = str(Path(sys.executable).parent)
REDIS_BASE_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
SESSION = f"ocop-test-{os.getpid()}-{uuid.uuid4().hex[:6]}"  # names this test session's queue and keys


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    """The test database as a DATABASE_URL for a child process."""
    db = connection.settings_dict
    host = db["HOST"] or ""
    auth = quote(db["USER"] or "postgres") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    if host.startswith("/"):
        return f"postgresql://{auth}@/{db['NAME']}?host={quote(host)}"
    return f"postgresql://{auth}@{host}:{db['PORT'] or 5432}/{db['NAME']}"


def redis_url(db_number: int | None = None) -> str:
    """REDIS_URL with this session's database number (REDIS_URL's own, unless one is given)."""
    parsed = urlparse(REDIS_BASE_URL)
    number = (parsed.path.lstrip("/") or "0") if db_number is None else str(db_number)
    return parsed._replace(path=f"/{number}").geturl()


def redis_forget(url: str, queue: str) -> None:
    """Flush what this session owns in a shared Redis: its queue and the bindings kombu keeps for it."""
    client = redis.Redis.from_url(url)
    try:
        keys = [queue, f"_kombu.binding.{queue}", *client.scan_iter(f"{queue}*", count=500)]
        client.delete(*set(keys))
    finally:
        client.close()


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a production process: ours minus test-only variables, the venv on PATH."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "DJANGO_SETTINGS_MODULE"}}
    env["PATH"] = VENV_BIN + os.pathsep + env.get("PATH", "")
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def http_get(url: str, timeout: float = 20) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def wait_until(check: Callable[[], bool], *, timeout: float, what: str, alive: Callable[[], None] = lambda: None):
    deadline = time.monotonic() + timeout
    while True:
        alive()
        try:
            if check():
                return
        except OSError:
            pass
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.25)
