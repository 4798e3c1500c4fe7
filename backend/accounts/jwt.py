"""JWT access/refresh tokens (Saleor's tokenCreate / tokenRefresh) and the request authentication."""

from __future__ import annotations

import time

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model

ALGORITHM = "HS256"


def _encode(user, token_type: str, ttl: int) -> str:
    now = int(time.time())
    payload = {"sub": str(user.pk), "email": user.email, "type": token_type, "iat": now, "exp": now + ttl,
               "is_staff": user.is_staff}
    return jwt.encode(payload, settings.SECRET_KEY, algorithm=ALGORITHM)


def create_access_token(user) -> str:
    return _encode(user, "access", settings.JWT_ACCESS_TTL_SECONDS)


def create_refresh_token(user) -> str:
    return _encode(user, "refresh", settings.JWT_REFRESH_TTL_SECONDS)


def user_from_token(token: str, token_type: str = "access"):
    """The active user a valid token names, or None."""
    try:
        payload = jwt.decode(token, settings.SECRET_KEY, algorithms=[ALGORITHM])
    except jwt.PyJWTError:
        return None
    if payload.get("type") != token_type:
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
