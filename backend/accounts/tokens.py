"""Ending a user's tokens (Saleor's tokensDeactivateAll): the one service for logout, password change and reset.

`tokens_deactivate_all(user)` raises the user's token version; the session hash and every JWT carry it, so all
earlier access and refresh tokens and all sessions stop working at once. A new password has the same effect
by itself (the hash covers the password), but password code should still call this to say what it means.
"""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from .models import UsedRefreshToken, User


def tokens_deactivate_all(user: User) -> None:
    User.objects.filter(pk=user.pk).update(token_version=F("token_version") + 1)
    user.refresh_from_db(fields=["token_version"])
    UsedRefreshToken.objects.filter(user=user, expires_at__lt=timezone.now()).delete()


def refresh_token_use(user: User, jti: str, expires_at) -> bool:
    """Record that a refresh token was exchanged; False when it already was (a replayed refresh token)."""
    _row, created = UsedRefreshToken.objects.get_or_create(jti=jti, defaults={"user": user, "expires_at": expires_at})
    return created
