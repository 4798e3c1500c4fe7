"""Stock counts (kiểm kê): open a count for a warehouse, enter counted quantities (partial counts
allowed: only counted lines adjust), close → COUNT_ADJUSTMENT movements and a variance report in
quantity and VND at cost."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .costs import variant_unit_costs
from .errors import DuplicateLine, InsufficientStock, InvalidQuantity, InvalidStatus
from .hooks import stocks_changed
from .locks import lock_stocks
from .models import CountStatus, MovementReason, Stock, StockCount, StockCountLine
from .primitives import Ref, active_warehouse, apply_movement, ensure_variant, stock_get_or_create, user_or_none


@dataclass(frozen=True)
class CountLineInput:
    variant_id: int
    counted_quantity: int


def _locked_count(count_id: int) -> StockCount:
    count = StockCount.objects.select_for_update().filter(pk=count_id).first()
    if count is None:
        raise InvalidStatus(_("Không tìm thấy phiếu kiểm kê."), field="id", code="NOT_FOUND")
    return count


@transaction.atomic
def count_create(*, warehouse_id: int, user=None, note: str = "") -> StockCount:
    warehouse = active_warehouse(warehouse_id, "warehouse")
    return StockCount.objects.create(warehouse=warehouse, note=note, created_by=user_or_none(user))


@transaction.atomic
def count_submit(*, count_id: int, lines: Sequence[CountLineInput | tuple[int, int]], user=None) -> StockCount:
    """Record counted quantities (again for a variant = the new figure replaces the old)."""
    count = _locked_count(count_id)
    if count.status != CountStatus.OPEN:
        raise InvalidStatus(_("Phiếu kiểm kê đã chốt; không thể nhập thêm."), field="id")
    items = [li if isinstance(li, CountLineInput) else CountLineInput(*li) for li in lines]
    if not items:
        raise InvalidQuantity(_("Chưa nhập số đếm nào."), field="lines")
    seen: set[int] = set()
    for item in items:
        ensure_variant(item.variant_id, field="lines")
        q = item.counted_quantity
        if not isinstance(q, int) or isinstance(q, bool) or q < 0:
            raise InvalidQuantity(_("Số đếm được phải là số nguyên không âm."), field="lines")
        if item.variant_id in seen:
            raise DuplicateLine()
        seen.add(item.variant_id)
    by_user = user_or_none(user)
    for item in items:
        StockCountLine.objects.update_or_create(
            count=count, product_variant_id=item.variant_id,
            defaults={"counted_quantity": item.counted_quantity, "counted_by": by_user})
    return count


@transaction.atomic
def count_close(*, count_id: int, user=None) -> StockCount:
    """Post the differences between counted and booked quantities as COUNT_ADJUSTMENT movements.
    Variants not counted are left alone. Closing twice is an error."""
    count = _locked_count(count_id)
    if count.status != CountStatus.OPEN:
        raise InvalidStatus(_("Phiếu kiểm kê đã được chốt trước đó."), field="id")
    lines = list(count.lines.all())
    stocks = {li.product_variant_id: stock_get_or_create(variant_id=li.product_variant_id,
                                                         warehouse_id=count.warehouse_id) for li in lines}
    locked = lock_stocks(s.pk for s in stocks.values())
    costs = variant_unit_costs([li.product_variant_id for li in lines], warehouse_id=count.warehouse_id)
    ref = Ref("stock_count", count.pk)
    for line in lines:
        stock = locked[stocks[line.product_variant_id].pk]
        line.expected_quantity = stock.quantity
        line.unit_cost = costs.get(line.product_variant_id)
        delta = line.counted_quantity - stock.quantity
        if delta == 0:
            continue
        if line.counted_quantity < stock.quantity_allocated:
            raise InsufficientStock(
                [{"variant_id": line.product_variant_id, "warehouse_id": count.warehouse_id,
                  "available": stock.quantity - stock.quantity_allocated, "requested": -delta}],
                message=_("Số đếm được (%(n)s) nhỏ hơn số đã phân bổ cho đơn hàng (%(a)s); hãy xử lý đơn trước.")
                % {"n": line.counted_quantity, "a": stock.quantity_allocated}, field="lines")
        apply_movement(stock, delta, MovementReason.COUNT_ADJUSTMENT, ref=ref, user=user,
               note=_("Kiểm kê KK-%(id)s") % {"id": count.pk})
    StockCountLine.objects.bulk_update(lines, ["expected_quantity", "unit_cost"])
    count.status = CountStatus.CLOSED
    count.closed_by = user_or_none(user)
    count.closed_at = timezone.now()
    count.save(update_fields=["status", "closed_by", "closed_at"])
    stocks_changed(locked.values())
    return count


@dataclass(frozen=True)
class VarianceLine:
    variant_id: int
    sku: str
    name: str
    expected: int | None
    counted: int
    difference: int | None
    unit_cost: int | None
    value: int | None


@dataclass(frozen=True)
class VarianceReport:
    lines: list[VarianceLine]
    total_quantity: int
    total_value: int
    lines_without_cost: int


def count_variance(count: StockCount) -> VarianceReport:
    """Variance per counted line (quantity and VND at cost). For an open count the booked quantity is
    today's; after closing it is the quantity at closing time. Two queries."""
    lines = list(count.lines.select_related("product_variant__product").order_by("product_variant__sku"))
    live = {}
    if count.status == CountStatus.OPEN:
        live = dict(Stock.objects.filter(warehouse_id=count.warehouse_id,
                                         product_variant_id__in=[li.product_variant_id for li in lines])
                    .values_list("product_variant_id", "quantity"))
        costs = variant_unit_costs([li.product_variant_id for li in lines], warehouse_id=count.warehouse_id)
    out = []
    for li in lines:
        expected = li.expected_quantity if count.status == CountStatus.CLOSED else live.get(li.product_variant_id, 0)
        cost = li.unit_cost if count.status == CountStatus.CLOSED else costs.get(li.product_variant_id)
        diff = None if expected is None else li.counted_quantity - expected
        variant = li.product_variant
        out.append(VarianceLine(variant_id=variant.pk, sku=variant.sku, name=str(variant), expected=expected,
                                counted=li.counted_quantity, difference=diff, unit_cost=cost,
                                value=None if diff is None or cost is None else diff * cost))
    return VarianceReport(lines=out, total_quantity=sum(v.difference or 0 for v in out),
                          total_value=sum(v.value or 0 for v in out),
                          lines_without_cost=sum(1 for v in out if v.unit_cost is None and v.difference))
