"""Saleor's ChannelContext: a node plus the channel it is being shown in (None = staff, no channel)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from accounts.permissions import Perm, has_perm
from channels.models import Channel


@dataclass(frozen=True)
class ChannelContext:
    node: Any
    channel: Channel | None

    @property
    def channel_id(self) -> int | None:
        return self.channel.pk if self.channel else None


def is_product_staff(info) -> bool:
    """Staff who manage products see every product, published or not (as in Saleor)."""
    return has_perm(info.context.user, Perm.MANAGE_PRODUCTS)
