"""JWT access/refresh tokens (Saleor's tokenCreate / tokenRefresh / tokenVerify) and the request authentication.

Tokens are signed with JWT_SIGNING_KEY (retired keys verify during their grace period, ocop/keys.py) and carry
the user's session hash (password + token version, accounts.models.User): a new password, logout or
tokensDeactivateAll (accounts.tokens) ends every earlier token. Refresh tokens have an id and rotate.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from .tokens import refresh_token_use

ALGORITHM = "HS256"
HASH_CLAIM_LENGTH = 24


def _session_hash(user) -> str:
    return user.get_session_auth_hash()[:HASH_CLAIM_LENGTH]


def _encode(user, token_type: str, ttl: int) -> str:
    now = int(time.time())
    payload = {"sub": str(user.pk), "email": user.email, "type": token_type, "iat": now, "exp": now + ttl,
               "is_staff": user.is_staff, "sah": _session_hash(user)}
    if token_type == "refresh":
        payload["jti"] = uuid.uuid4().hex
    return jwt.encode(payload, settings.JWT_SIGNING_KEY, algorithm=ALGORITHM)


def verification_keys() -> list[str]:
    """The current JWT key, then the retired ones while their grace period lasts (settings JWT_*)."""
    keys = [settings.JWT_SIGNING_KEY]
    until = settings.JWT_PREVIOUS_KEYS_UNTIL
    if until is not None and timezone.now() < until:
        keys += [k for k in settings.JWT_PREVIOUS_SIGNING_KEYS if k != settings.JWT_SIGNING_KEY]
    return keys


@dataclass(frozen=True)
class Verified:
    """What checking a token found: the user when valid, else an error code (Saleor's AccountErrorCode)."""

    user: object | None
    payload: dict | None
    code: str | None = None


def verify(token: str, token_type: str = "access") -> Verified:
    payload = None
    code = "JWT_INVALID_TOKEN"
    for key in verification_keys():
        try:
            payload = jwt.decode(token, key, algorithms=[ALGORITHM], options={"require": ["exp", "sub", "type"]})
            break
        except jwt.InvalidSignatureError:
            continue
        except jwt.ExpiredSignatureError:
            return Verified(None, None, "JWT_SIGNATURE_EXPIRED")
        except jwt.PyJWTError:
            return Verified(None, None, code)
    if payload is None or payload.get("type") != token_type:
        return Verified(None, None, code)
    user = get_user_model().objects.filter(pk=payload.get("sub"), is_active=True).first()
    if user is None or not constant_time_compare(str(payload.get("sah", "")), _session_hash(user)):
        return Verified(None, payload, code)  # deactivated: password changed, logged out, tokensDeactivateAll
    return Verified(user, payload)


def create_access_token(user) -> str:
    return _encode(user, "access", settings.JWT_ACCESS_TTL_SECONDS)


def create_refresh_token(user) -> str:
    return _encode(user, "refresh", settings.JWT_REFRESH_TTL_SECONDS)


def user_from_token(token: str, token_type: str = "access"):
    """The active user a valid token names, or None."""
    return verify(token, token_type).user


def rotate_refresh_token(token: str) -> tuple[object | None, str | None]:
    """(user, new refresh token) for a valid refresh token used for the first time, else (None, None)."""
    found = verify(token, "refresh")
    if found.user is None or not found.payload.get("jti"):
        return None, None
    expires = datetime.fromtimestamp(found.payload["exp"], tz=UTC)
    if not refresh_token_use(found.user, found.payload["jti"], expires):
        return None, None
    return found.user, create_refresh_token(found.user)


def bearer_token(request) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header.lower().startswith(("bearer ", "jwt ")):
        return header.split(" ", 1)[1].strip()
    return None


class JWTMiddleware:
    """Graphene middleware: nothing to do per field; authentication happens in the view."""

    def resolve(self, next_, root, info, **kwargs):
        return next_(root, info, **kwargs)
