"""Stock: producers change only their own stores (ledger rows via inventory services); they see their
goods at showrooms read-only; consignment requests go to the centre."""

from __future__ import annotations

import pytest

from inventory.models import MovementReason, Stock, StockMovement, StockTransfer, TransferKind, TransferStatus

pytestmark = pytest.mark.django_db


def _qty(variant, wh):
    return Stock.objects.get(product_variant=variant, warehouse=wh).quantity


def test_count_and_receive_at_own_store_write_ledger(world, client):
    client.force_login(world.member_a)
    resp = client.post("/kenh-nguoi-ban/ton-kho/", {"action": "count", "warehouse": world.store_a.pk,
                                                     "variant": world.variant_a.pk, "quantity": "17"})
    assert resp.status_code == 302 and _qty(world.variant_a, world.store_a) == 17
    client.post("/kenh-nguoi-ban/ton-kho/", {"action": "receive", "warehouse": world.store_a.pk,
                                              "variant": world.variant_a.pk, "quantity": "3"})
    assert _qty(world.variant_a, world.store_a) == 20
    reasons = list(StockMovement.objects.filter(warehouse=world.store_a, product_variant=world.variant_a)
                   .values_list("reason", "quantity"))
    assert reasons[-2:] == [(MovementReason.COUNT_ADJUSTMENT, -3), (MovementReason.RECEIPT, 3)]


@pytest.mark.parametrize("target", ["showroom", "store_b", "variant_b"])
def test_cannot_change_stock_elsewhere(world, client, target):
    client.force_login(world.owner_a)
    wh = world.store_a if target == "variant_b" else getattr(world, target)
    variant = world.variant_b if target == "variant_b" else world.variant_a
    before = StockMovement.objects.count()
    resp = client.post("/kenh-nguoi-ban/ton-kho/", {"action": "count", "warehouse": wh.pk, "variant": variant.pk,
                                                     "quantity": "0"})
    assert resp.status_code == 400
    assert StockMovement.objects.count() == before


def test_sees_own_goods_at_showroom_read_only(world, client):
    client.force_login(world.owner_a)
    page = client.get("/kenh-nguoi-ban/ton-kho/").content.decode()
    assert "Showroom Hạc Thành" in page and "chỉ xem" in page
    assert world.variant_b.sku not in page and "Cửa hàng B" not in page


def test_consignment_request(world, client):
    client.force_login(world.owner_a)
    resp = client.post("/kenh-nguoi-ban/ton-kho/", {"action": "consign", "warehouse": world.store_a.pk,
                                                     "destination": world.showroom.pk,
                                                     "variant": world.variant_a.pk, "quantity": "500"})
    assert resp.status_code == 400 and "vượt tồn" in resp.content.decode()
    client.post("/kenh-nguoi-ban/ton-kho/", {"action": "consign", "warehouse": world.store_a.pk,
                                              "destination": world.showroom.pk, "variant": world.variant_a.pk,
                                              "quantity": "6"})
    transfer = StockTransfer.objects.get()
    assert (transfer.kind, transfer.status, transfer.source, transfer.destination) == (
        TransferKind.CONSIGNMENT, TransferStatus.DRAFT, world.store_a, world.showroom)
    assert list(transfer.lines.values_list("product_variant_id", "quantity")) == [(world.variant_a.pk, 6)]
    assert _qty(world.variant_a, world.store_a) == 20  # a request moves nothing by itself
    client.force_login(world.centre)
    assert "HTX Nem chua A" in client.get("/trung-tam/kiem-duyet/").content.decode()
