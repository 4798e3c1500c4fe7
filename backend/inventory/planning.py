"""The pure allocation planner: how a wanted quantity splits over the candidate stocks by the
channel's strategy. No queries; allocations and reservations both plan with it, inside their locks."""

from __future__ import annotations

from collections.abc import Sequence

from channels.models import AllocationStrategy

from .models import Stock


def plan_by_strategy(lines: Sequence, locked: dict[int, Stock], remaining: dict[int, int], *, strategy: str,
                     priority: dict[int, int]) -> tuple[list[tuple[object, Stock, int]], list[dict]]:
    """Split each line (with .variant_id, .quantity) over the candidate stocks by the channel's strategy:
    prioritize-sorting-order (channel warehouse order) or prioritize-high-stock (most available first).
    Mutates `remaining`; returns (plan, missing)."""
    plan: list[tuple[object, Stock, int]] = []
    missing: list[dict] = []
    for line in lines:
        candidates = [s for s in locked.values() if s.product_variant_id == line.variant_id]
        if strategy == AllocationStrategy.PRIORITIZE_HIGH_STOCK:
            candidates.sort(key=lambda s: (-remaining[s.pk], priority[s.warehouse_id], s.pk))
        else:
            candidates.sort(key=lambda s: (priority[s.warehouse_id], s.pk))
        need = line.quantity
        for stock in candidates:
            take = min(need, max(remaining[stock.pk], 0))
            if take > 0:
                plan.append((line, stock, take))
                remaining[stock.pk] -= take
                need -= take
            if need == 0:
                break
        if need > 0:
            missing.append({"variant_id": line.variant_id, "requested": line.quantity,
                            "available": line.quantity - need})
    return plan, missing
