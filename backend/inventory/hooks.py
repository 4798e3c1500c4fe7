"""Extension point run inside a stock writer's transaction after stocks changed (the stocks are still
locked). The writers know no listener: `thresholds` registers the low-stock check here when the app is
ready, as `catalog.pricing.register_discount_provider` keeps catalog ignorant of campaigns.

Hook signature:  (stocks: list[inventory.models.Stock]) -> None
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .models import Stock

StockChangeHook = Callable[[list[Stock]], None]
STOCK_CHANGE_HOOKS: list[StockChangeHook] = []


def register_stock_change_hook(hook: StockChangeHook) -> None:
    if hook not in STOCK_CHANGE_HOOKS:
        STOCK_CHANGE_HOOKS.append(hook)


def stocks_changed(stocks: Iterable[Stock]) -> None:
    """Called by every writer after it changed these (locked) stocks."""
    changed = list(stocks)
    if not changed:
        return
    for hook in STOCK_CHANGE_HOOKS:
        hook(changed)
