"""Reads about producers, including whose objects a user may see."""

from __future__ import annotations

from .models import ProducerMember


def producer_ids_for_user(user) -> list[int]:
    """Producers the user is a member of (empty for anonymous users)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    return list(ProducerMember.objects.filter(user_id=user.pk).values_list("producer_id", flat=True))
