"""Where the signing keys come from.

Production (DEBUG off) must be given `SECRET_KEY` in the environment: there is no key in the source to fall
back on. The local demo (`manage.py demo`, `make demo` and the other make targets set OCOP_DEMO_SECRET_KEY=1)
and DEBUG runs use a random key generated once into var/secret_key. JWTs are signed with JWT_SIGNING_KEY
(default: derived from SECRET_KEY); JWT_PREVIOUS_SIGNING_KEYS lists retired keys that still verify until
JWT_PREVIOUS_KEYS_UNTIL (an ISO date-time) has passed.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

DEMO_KEY_FILE = "secret_key"


def demo_secret_key(var_dir: Path) -> str:
    """The demo's random key: generated on first use into var_dir/secret_key (mode 0600), then reused."""
    path = Path(var_dir) / DEMO_KEY_FILE
    if path.exists():
        key = path.read_text().strip()
        if key:
            return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key + "\n")
    return key


def secret_key(environ: Mapping[str, str], var_dir: Path, debug: bool) -> str:
    key = environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    if debug or environ.get("OCOP_DEMO_SECRET_KEY") == "1":
        return demo_secret_key(var_dir)
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production settings (DEBUG off) need SECRET_KEY in the environment, e.g. "
        "SECRET_KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(50))'); `make demo` makes its own.")


def derived_jwt_key(secret: str) -> str:
    """A JWT key of its own, derived from SECRET_KEY when JWT_SIGNING_KEY is not given."""
    return hmac.new(secret.encode(), b"ocop.accounts.jwt.signing-key", hashlib.sha256).hexdigest()


def previous_keys(environ: Mapping[str, str]) -> list[str]:
    return [k.strip() for k in environ.get("JWT_PREVIOUS_SIGNING_KEYS", "").split(",") if k.strip()]


def grace_until(environ: Mapping[str, str]) -> datetime | None:
    """Until when retired JWT keys verify; required when there are any (no grace period without an end)."""
    value = environ.get("JWT_PREVIOUS_KEYS_UNTIL", "").strip()
    if not value:
        if previous_keys(environ):
            raise ImproperlyConfigured("JWT_PREVIOUS_SIGNING_KEYS needs JWT_PREVIOUS_KEYS_UNTIL (the end of the "
                                       "grace period, an ISO date-time with a time zone)")
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"JWT_PREVIOUS_KEYS_UNTIL is not an ISO date-time: {value!r}") from exc
    if moment.tzinfo is None:
        raise ImproperlyConfigured("JWT_PREVIOUS_KEYS_UNTIL needs a time zone, e.g. 2026-12-31T00:00:00+07:00")
    return moment
