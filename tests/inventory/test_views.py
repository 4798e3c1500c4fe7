"""The /kho/ staff pages over real HTTP: scoping, transfers, counts, denial."""

from __future__ import annotations

import pytest

from inventory.models import CountStatus, Stock, StockCount, StockTransfer, TransferStatus
from inventory.thresholds import threshold_set
from inventory.transfers import transfer_create, transfer_ship
from tests.factories import make_user
from tests.factories.inventory import make_inventory_manager, make_pos_staff, make_stocked_variant
from tests.inventory.conftest import snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(channel, two_warehouses):
    a, b = two_warehouses
    variant = make_stocked_variant(channel, {a: 10, b: 3}, name="Nem chua Thanh Hóa")
    clerk = make_pos_staff(b)
    return {"a": a, "b": b, "variant": variant, "clerk": clerk}


def test_login_required(client, shop):
    for url in ("/kho/", f"/kho/{shop['b'].pk}/", "/kho/chuyen-hang/moi/"):
        resp = client.get(url)
        assert resp.status_code == 302 and resp["Location"].startswith("/dang-nhap/?next=")


def test_user_without_warehouse_is_refused(client, shop):
    client.force_login(make_user())
    assert client.get("/kho/").status_code == 403


def test_clerk_sees_own_stock_but_not_other_location(client, shop):
    a, b = shop["a"], shop["b"]
    threshold_set(variant_id=shop["variant"].pk, warehouse_id=b.pk, threshold=5)
    client.force_login(shop["clerk"])
    page = client.get("/kho/").content.decode()
    assert b.name in page and a.name not in page and "Cần bổ sung hàng" in page
    page = client.get(f"/kho/{b.pk}/").content.decode()
    assert "Nem chua Thanh Hóa" in page and "sắp hết" in page
    assert client.get(f"/kho/{a.pk}/").status_code == 404
    before = snapshot()
    assert client.post(f"/kho/{a.pk}/kiem-ke/").status_code == 404
    resp = client.post("/kho/chuyen-hang/moi/", {"source": a.pk, "destination": b.pk, "kind": "transfer",
                                                 "sku_0": shop["variant"].sku, "qty_0": 1})
    assert resp.status_code == 400  # A is not one of the clerk's sources
    assert snapshot() == before


def test_transfer_create_ship_receive_through_pages(client, shop):
    a, b = shop["a"], shop["b"]
    v = shop["variant"]
    manager = make_inventory_manager()
    client.force_login(manager)
    resp = client.post("/kho/chuyen-hang/moi/", {"source": a.pk, "destination": b.pk, "kind": "transfer",
                                                 "sku_0": v.sku, "qty_0": 4, "note": "bổ sung"})
    transfer = StockTransfer.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"/kho/chuyen-hang/{transfer.pk}/"
    # the clerk at B cannot ship from A
    client.force_login(shop["clerk"])
    assert client.post(f"/kho/chuyen-hang/{transfer.pk}/", {"action": "ship"}).status_code == 403
    client.force_login(manager)
    client.post(f"/kho/chuyen-hang/{transfer.pk}/", {"action": "ship"})
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.SHIPPED
    client.force_login(shop["clerk"])
    line = transfer.lines.get()
    resp = client.post(f"/kho/chuyen-hang/{transfer.pk}/", {"action": "receive", f"received_{line.pk}": 5,
                                                            f"damaged_{line.pk}": 0})
    assert resp.status_code == 400 and "vượt quá" in resp.content.decode()
    resp = client.post(f"/kho/chuyen-hang/{transfer.pk}/", {"action": "receive", f"received_{line.pk}": 3,
                                                            f"damaged_{line.pk}": 1})
    assert resp.status_code == 302
    assert Stock.objects.get(product_variant=v, warehouse=b).quantity == 6
    page = client.get(f"/kho/chuyen-hang/{transfer.pk}/").content.decode()
    assert "Đã nhận" in page


def test_transfer_form_errors(client, shop):
    client.force_login(make_inventory_manager())
    before = snapshot()
    resp = client.post("/kho/chuyen-hang/moi/", {"source": shop["a"].pk, "destination": shop["a"].pk,
                                                 "kind": "transfer", "sku_0": shop["variant"].sku, "qty_0": 1})
    assert resp.status_code == 400 and "Kho nhận phải khác kho xuất" in resp.content.decode()
    resp = client.post("/kho/chuyen-hang/moi/", {"source": shop["a"].pk, "destination": shop["b"].pk,
                                                 "kind": "transfer", "sku_0": "KHONG-CO", "qty_0": 1,
                                                 "sku_1": shop["variant"].sku, "qty_1": -2})
    page = resp.content.decode()
    assert "Không tìm thấy sản phẩm có mã này" in page and "Số lượng phải là số nguyên dương" in page
    assert snapshot() == before


def test_count_through_pages(client, shop):
    b, v = shop["b"], shop["variant"]
    client.force_login(shop["clerk"])
    resp = client.post(f"/kho/{b.pk}/kiem-ke/")
    count = StockCount.objects.get()
    assert resp["Location"] == f"/kho/kiem-ke/{count.pk}/"
    resp = client.post(f"/kho/kiem-ke/{count.pk}/", {"action": "save", f"v_{v.pk}": -1})
    assert resp.status_code == 400
    client.post(f"/kho/kiem-ke/{count.pk}/", {"action": "save", f"v_{v.pk}": 2})
    client.post(f"/kho/kiem-ke/{count.pk}/", {"action": "close"})
    count.refresh_from_db()
    assert count.status == CountStatus.CLOSED
    assert Stock.objects.get(product_variant=v, warehouse=b).quantity == 2
    resp = client.post(f"/kho/kiem-ke/{count.pk}/", {"action": "close"})
    assert resp.status_code == 400 and "đã được chốt" in resp.content.decode()
    other = make_pos_staff(shop["a"])
    client.force_login(other)
    assert client.get(f"/kho/kiem-ke/{count.pk}/").status_code == 404


def test_transfer_page_hidden_from_unrelated_clerk(client, shop, channel):
    from tests.factories import make_warehouse

    c = make_warehouse(channels=[channel])
    t = transfer_create(source_id=shop["a"].pk, destination_id=c.pk, lines=[(shop["variant"].pk, 1)])
    transfer_ship(transfer_id=t.pk)
    client.force_login(shop["clerk"])
    assert client.get(f"/kho/chuyen-hang/{t.pk}/").status_code == 404


def test_admin_pages_and_read_only_ledger(client, shop):
    from tests.factories import make_user as mk

    admin_user = mk(is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    for url in ("/admin/inventory/stock/", "/admin/inventory/stockmovement/", "/admin/inventory/stocktransfer/",
                "/admin/inventory/stockcount/", "/admin/inventory/warehouse/", "/admin/inventory/stocktransfer/add/"):
        assert client.get(url).status_code == 200, url
    stock = Stock.objects.filter(warehouse=shop["a"]).first()
    resp = client.post(f"/admin/inventory/stock/{stock.pk}/change/", {"quantity": 999})
    assert resp.status_code == 403
    assert client.get("/admin/inventory/stock/add/").status_code == 403
    stock.refresh_from_db()
    assert stock.quantity == 10
