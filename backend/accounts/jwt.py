"""JWT access/refresh tokens (Saleor's tokenCreate / tokenRefresh) and the request authentication."""

from __future__ import annotations

import time

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

ALGORITHM = "HS256"


def _encode(user, token_type: str, ttl: int) -> str:
    now = int(time.time())
    payload = {"sub": str(user.pk), "email": user.email, "type": token_type, "iat": now, "exp": now + ttl,
               "is_staff": user.is_staff}
    return jwt.encode(payload, settings.JWT_SIGNING_KEY, algorithm=ALGORITHM)


def verification_keys() -> list[str]:
    """The current JWT key, then the retired ones while their grace period lasts (settings JWT_*)."""
    keys = [settings.JWT_SIGNING_KEY]
    until = settings.JWT_PREVIOUS_KEYS_UNTIL
    if until is not None and timezone.now() < until:
        keys += [k for k in settings.JWT_PREVIOUS_SIGNING_KEYS if k != settings.JWT_SIGNING_KEY]
    return keys


def decode_token(token: str) -> dict | None:
    """The payload of a token signed with a key we accept and not expired, or None."""
    for key in verification_keys():
        try:
            return jwt.decode(token, key, algorithms=[ALGORITHM])
        except jwt.InvalidSignatureError:
            continue
        except jwt.PyJWTError:
            return None
    return None


def create_access_token(user) -> str:
    return _encode(user, "access", settings.JWT_ACCESS_TTL_SECONDS)


def create_refresh_token(user) -> str:
    return _encode(user, "refresh", settings.JWT_REFRESH_TTL_SECONDS)


def user_from_token(token: str, token_type: str = "access"):
    """The active user a valid token names, or None."""
    payload = decode_token(token)
    if payload is None or payload.get("type") != token_type:
        return None
    user = get_user_model().objects.filter(pk=payload.get("sub"), is_active=True).first()
    return user


def bearer_token(request) -> str | None:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header.lower().startswith(("bearer ", "jwt ")):
        return header.split(" ", 1)[1].strip()
    return None


class JWTMiddleware:
    """Graphene middleware: nothing to do per field; authentication happens in the view."""

    def resolve(self, next_, root, info, **kwargs):
        return next_(root, info, **kwargs)
