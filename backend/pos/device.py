"""The register device bound to its shift: posShiftOpen issues a random device token (only its hash is kept);
sales for that shift are taken only with it, so another device cannot post into the shift."""

from __future__ import annotations

import hashlib
import secrets

from django.utils.crypto import constant_time_compare

from .models import PosShift


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_device_token(shift: PosShift) -> str:
    token = secrets.token_urlsafe(32)
    PosShift.objects.filter(pk=shift.pk).update(device_token_hash=_digest(token))
    shift.device_token_hash = _digest(token)
    return token


def device_token_matches(shift: PosShift, token: str | None) -> bool:
    if not shift.device_token_hash:
        return True  # a shift opened before devices were bound
    return constant_time_compare(_digest(token or ""), shift.device_token_hash)
