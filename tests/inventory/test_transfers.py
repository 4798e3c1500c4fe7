"""Transfers and consignment: draft → shipped → received with damaged / missing lines."""

from __future__ import annotations

import pytest

from inventory.errors import (
    DuplicateLine,
    InsufficientStock,
    InvalidQuantity,
    InvalidStatus,
    ReceiveExceedsShipped,
    SameWarehouse,
    VariantNotFound,
    WarehouseNotFound,
)
from inventory.ledger import ledger_drift
from inventory.models import MovementReason, Stock, StockMovement, TransferKind, TransferStatus, WarehouseKind
from inventory.transfers import (
    ReceiveLineInput,
    TransferLineInput,
    transfer_cancel,
    transfer_create,
    transfer_receive,
    transfer_ship,
)
from tests.factories import make_producer, make_user, make_warehouse
from tests.factories.inventory import make_stocked_variant
from tests.inventory.conftest import snapshot

pytestmark = pytest.mark.django_db


def qty(variant, warehouse) -> int:
    row = Stock.objects.filter(product_variant=variant, warehouse=warehouse).first()
    return row.quantity if row else 0


def test_transfer_lifecycle_with_damaged_and_missing(channel, two_warehouses):
    a, b = two_warehouses
    user = make_user()
    v1 = make_stocked_variant(channel, {a: 20})
    v2 = make_stocked_variant(channel, {a: 5})
    t = transfer_create(source_id=a.pk, destination_id=b.pk, user=user, note="bổ sung quầy",
                        lines=[TransferLineInput(v1.pk, 10), TransferLineInput(v2.pk, 5)])
    assert t.status == TransferStatus.DRAFT and qty(v1, a) == 20
    transfer_ship(transfer_id=t.pk, user=user)
    assert (qty(v1, a), qty(v2, a), qty(v1, b)) == (10, 0, 0)
    line1, line2 = t.lines.order_by("pk")
    transfer_receive(transfer_id=t.pk, user=user,
                     lines=[ReceiveLineInput(line1.pk, quantity_received=7, quantity_damaged=2)])
    line1.refresh_from_db()
    line2.refresh_from_db()
    assert (line1.quantity_received, line1.quantity_damaged, line1.quantity_missing) == (7, 2, 1)
    assert (line2.quantity_received, line2.quantity_missing) == (5, 0)
    assert (qty(v1, b), qty(v2, b)) == (7, 5)
    moves = StockMovement.objects.filter(reference_type="stock_transfer", reference_id=str(t.pk))
    assert sorted((m.reason, m.warehouse_id, m.quantity) for m in moves if m.product_variant_id == v1.pk) == sorted([
        (MovementReason.TRANSFER_OUT, a.pk, -10), (MovementReason.TRANSFER_IN, b.pk, 9),
        (MovementReason.WRITE_OFF, b.pk, -2)])
    t.refresh_from_db()
    assert t.status == TransferStatus.RECEIVED and t.received_by == user
    assert ledger_drift() == []


def test_damaged_can_be_noted_without_entering_stock(channel, two_warehouses):
    a, b = two_warehouses
    v = make_stocked_variant(channel, {a: 4})
    t = transfer_create(source_id=a.pk, destination_id=b.pk, lines=[(v.pk, 4)])
    transfer_ship(transfer_id=t.pk)
    line = t.lines.get()
    transfer_receive(transfer_id=t.pk, lines=[ReceiveLineInput(line.pk, 3, 1)], write_off_damaged=False)
    assert qty(v, b) == 3
    assert not StockMovement.objects.filter(warehouse=b, reason=MovementReason.WRITE_OFF).exists()


def test_consignment_from_producer_store(channel, two_warehouses):
    showroom, _b = two_warehouses
    store = make_warehouse(kind=WarehouseKind.PRODUCER_STORE, producer=make_producer())
    v = make_stocked_variant(channel, {store: 30})
    t = transfer_create(source_id=store.pk, destination_id=showroom.pk, lines=[(v.pk, 12)],
                        kind=TransferKind.CONSIGNMENT)
    transfer_ship(transfer_id=t.pk)
    transfer_receive(transfer_id=t.pk)
    assert (qty(v, store), qty(v, showroom)) == (18, 12)
    with pytest.raises(InvalidStatus) as exc:
        transfer_create(source_id=showroom.pk, destination_id=store.pk, lines=[(v.pk, 1)],
                        kind=TransferKind.CONSIGNMENT)
    assert exc.value.field == "source"


def test_bad_transfers_change_nothing(channel, two_warehouses):
    a, b = two_warehouses
    v = make_stocked_variant(channel, {a: 5})
    t = transfer_create(source_id=a.pk, destination_id=b.pk, lines=[(v.pk, 5)])
    before = snapshot()
    cases = [
        (SameWarehouse, lambda: transfer_create(source_id=a.pk, destination_id=a.pk, lines=[(v.pk, 1)])),
        (InvalidQuantity, lambda: transfer_create(source_id=a.pk, destination_id=b.pk, lines=[(v.pk, 0)])),
        (InvalidQuantity, lambda: transfer_create(source_id=a.pk, destination_id=b.pk, lines=[(v.pk, -2)])),
        (InvalidQuantity, lambda: transfer_create(source_id=a.pk, destination_id=b.pk, lines=[])),
        (DuplicateLine, lambda: transfer_create(source_id=a.pk, destination_id=b.pk, lines=[(v.pk, 1), (v.pk, 1)])),
        (VariantNotFound, lambda: transfer_create(source_id=a.pk, destination_id=b.pk, lines=[(999_999, 1)])),
        (WarehouseNotFound, lambda: transfer_create(source_id=a.pk, destination_id=999_999, lines=[(v.pk, 1)])),
        (InvalidStatus, lambda: transfer_receive(transfer_id=t.pk)),  # not shipped yet
    ]
    for error, call in cases:
        with pytest.raises(error):
            call()
    assert snapshot() == before
    transfer_ship(transfer_id=t.pk)
    before = snapshot()
    line = t.lines.get()
    with pytest.raises(InvalidStatus):
        transfer_ship(transfer_id=t.pk)  # shipping twice
    with pytest.raises(ReceiveExceedsShipped):
        transfer_receive(transfer_id=t.pk, lines=[ReceiveLineInput(line.pk, 5, 1)])
    with pytest.raises(ReceiveExceedsShipped):
        transfer_receive(transfer_id=t.pk, lines=[ReceiveLineInput(line.pk, 6, 0)])
    with pytest.raises(InvalidQuantity):
        transfer_receive(transfer_id=t.pk, lines=[ReceiveLineInput(line.pk, -1, 0)])
    with pytest.raises(InvalidStatus):
        transfer_cancel(transfer_id=t.pk)
    assert snapshot() == before
    transfer_receive(transfer_id=t.pk)
    with pytest.raises(InvalidStatus):
        transfer_receive(transfer_id=t.pk)


def test_shipping_more_than_on_hand_changes_nothing(channel, two_warehouses):
    a, b = two_warehouses
    v1 = make_stocked_variant(channel, {a: 5})
    v2 = make_stocked_variant(channel, {a: 1})
    t = transfer_create(source_id=a.pk, destination_id=b.pk, lines=[(v1.pk, 5), (v2.pk, 2)])
    before = snapshot()
    with pytest.raises(InsufficientStock):
        transfer_ship(transfer_id=t.pk)
    assert snapshot() == before
    transfer_cancel(transfer_id=t.pk)
    with pytest.raises(InvalidStatus):
        transfer_ship(transfer_id=t.pk)
