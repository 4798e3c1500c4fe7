"""Permission names (Saleor's PermissionEnum style) and checks used by every entry point."""

from __future__ import annotations

from enum import StrEnum


class Perm(StrEnum):
    MANAGE_PRODUCTS = "accounts.manage_products"
    MANAGE_PRODUCERS = "accounts.manage_producers"
    MANAGE_CERTIFICATES = "accounts.manage_certificates"
    MODERATE_LISTINGS = "accounts.moderate_listings"
    MANAGE_CHANNELS = "accounts.manage_channels"
    MANAGE_INVENTORY = "accounts.manage_inventory"
    MANAGE_ORDERS = "accounts.manage_orders"
    MANAGE_CHECKOUTS = "accounts.manage_checkouts"
    MANAGE_DISCOUNTS = "accounts.manage_discounts"
    MANAGE_EVENTS = "accounts.manage_events"
    MANAGE_POS = "accounts.manage_pos"
    MANAGE_TRACEABILITY = "accounts.manage_traceability"
    MANAGE_STAFF = "accounts.manage_staff"
    MANAGE_SETTINGS = "accounts.manage_settings"
    VIEW_REPORTS = "accounts.view_reports"


def has_perm(user, perm: Perm | str) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    value = perm.value if isinstance(perm, Perm) else perm
    return user.has_perm(value)


def is_centre_staff(user) -> bool:
    """Trade promotion centre staff: staff accounts with at least one management permission."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)
