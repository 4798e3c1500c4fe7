"""Inventory GraphQL through the real /graphql/ view: queries, mutations, per-warehouse scoping."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql_relay import to_global_id

from inventory.models import MovementReason, Stock, StockMovement, StockTransfer, WarehouseKind
from producers.models import ProducerMember
from tests.factories import make_producer, make_user, make_warehouse
from tests.factories.inventory import make_inventory_manager, make_pos_staff, make_stocked_variant
from tests.inventory.conftest import snapshot

pytestmark = pytest.mark.django_db


def gid(type_name, obj):
    return to_global_id(type_name, obj.pk)


@pytest.fixture
def setup(channel, two_warehouses, token_for):
    a, b = two_warehouses
    variants = [make_stocked_variant(channel, {a: 10, b: 4}) for _ in range(3)]
    manager = make_inventory_manager()
    clerk = make_pos_staff(b)  # POS staff of warehouse B only
    return {"a": a, "b": b, "variants": variants, "manager": token_for(manager), "clerk": token_for(clerk),
            "clerk_user": clerk}


STOCKS = """query($filter: StockFilterInput){ stocks(first: 50, filter: $filter){ totalCount edges{ node{
  id quantity quantityAllocated quantityReserved quantityAvailable sku productName variantId
  warehouse{ id name } } } } }"""


def test_manager_sees_all_stocks_in_few_queries(gql, setup):
    with CaptureQueriesContext(connection) as ctx:
        data = gql(STOCKS, token=setup["manager"])
    assert "errors" not in data, data
    assert data["data"]["stocks"]["totalCount"] == 6
    assert len(ctx.captured_queries) <= 6  # auth + count + one page query, independent of the row count
    node = data["data"]["stocks"]["edges"][0]["node"]
    assert node["quantityAvailable"] == node["quantity"] and node["variantId"].startswith("UHJvZHVjdFZhcmlhbnQ6")


def test_scoped_clerk_sees_only_own_warehouse(gql, setup):
    a, b = setup["a"], setup["b"]
    data = gql(STOCKS, token=setup["clerk"])
    names = {e["node"]["warehouse"]["name"] for e in data["data"]["stocks"]["edges"]}
    assert names == {b.name}
    # asking for the other warehouse explicitly still yields nothing of it
    data = gql(STOCKS, {"filter": {"warehouses": [gid("Warehouse", a)]}}, token=setup["clerk"])
    assert data["data"]["stocks"]["totalCount"] == 0
    data = gql("query($id: ID!){ warehouse(id: $id){ name stocks{ quantity } } }", {"id": gid("Warehouse", a)},
               token=setup["clerk"])
    assert data["data"]["warehouse"] is None
    data = gql("query($id: ID!){ warehouse(id: $id){ name stocks{ quantity sku } } }", {"id": gid("Warehouse", b)},
               token=setup["clerk"])
    assert [s["quantity"] for s in data["data"]["warehouse"]["stocks"]] == [4, 4, 4]
    data = gql("{ warehouses(first: 10){ edges{ node{ name } } } }", token=setup["clerk"])
    assert [e["node"]["name"] for e in data["data"]["warehouses"]["edges"]] == [b.name]


def test_anonymous_and_unassigned_users_are_refused(gql, setup, token_for):
    for token in (None, token_for(make_user())):
        data = gql(STOCKS, token=token)
        assert data["data"]["stocks"] is None
        assert "quyền" in data["errors"][0]["message"]
        res = gql("""mutation($v: ID!, $w: ID!){ productVariantStocksUpdate(variantId: $v,
                    stocks: [{warehouse: $w, quantity: 99}]){ errors{ field code } } }""",
                  {"v": gid("ProductVariant", setup["variants"][0]), "w": gid("Warehouse", setup["a"])}, token=token)
        assert res["data"]["productVariantStocksUpdate"]["errors"][0]["code"] == "PERMISSION_DENIED"


def test_clerk_cannot_change_other_warehouse(gql, setup):
    a, b = setup["a"], setup["b"]
    v = setup["variants"][0]
    before = snapshot()
    res = gql("""mutation($v: ID!, $w: ID!){ productVariantStocksUpdate(variantId: $v,
                stocks: [{warehouse: $w, quantity: 99}]){ stocks{ quantity } errors{ field code message } } }""",
              {"v": gid("ProductVariant", v), "w": gid("Warehouse", a)}, token=setup["clerk"])
    err = res["data"]["productVariantStocksUpdate"]["errors"][0]
    assert (err["field"], err["code"]) == ("stocks", "PERMISSION_DENIED")
    res = gql("""mutation($s: ID!, $d: ID!, $v: ID!){ stockTransferCreate(input: {source: $s, destination: $d,
                lines: [{variant: $v, quantity: 1}]}){ errors{ field code } } }""",
              {"s": gid("Warehouse", a), "d": gid("Warehouse", b), "v": gid("ProductVariant", v)},
              token=setup["clerk"])
    assert res["data"]["stockTransferCreate"]["errors"][0] == {"field": "source", "code": "PERMISSION_DENIED"}
    res = gql("""mutation($w: ID!){ stockCountCreate(warehouse: $w){ errors{ code } } }""",
              {"w": gid("Warehouse", a)}, token=setup["clerk"])
    assert res["data"]["stockCountCreate"]["errors"][0]["code"] == "PERMISSION_DENIED"
    assert snapshot() == before
    # own warehouse is fine
    res = gql("""mutation($v: ID!, $w: ID!){ productVariantStocksUpdate(variantId: $v,
                stocks: [{warehouse: $w, quantity: 7}]){ stocks{ quantity } errors{ code } } }""",
              {"v": gid("ProductVariant", v), "w": gid("Warehouse", b)}, token=setup["clerk"])
    assert res["data"]["productVariantStocksUpdate"] == {"stocks": [{"quantity": 7}], "errors": []}
    mv = StockMovement.objects.filter(product_variant=v, warehouse=b).last()
    assert (mv.reason, mv.quantity, mv.user_id) == (MovementReason.COUNT_ADJUSTMENT, 3, setup["clerk_user"].pk)


def test_producer_member_manages_own_store_and_consigns(gql, channel, setup, token_for):
    producer = make_producer()
    store = make_warehouse(kind=WarehouseKind.PRODUCER_STORE, producer=producer)
    member = make_user()
    ProducerMember.objects.create(producer=producer, user=member)
    token = token_for(member)
    v = setup["variants"][0]
    res = gql("""mutation($v: ID!, $w: ID!){ productVariantStocksCreate(variantId: $v,
                stocks: [{warehouse: $w, quantity: 30}]){ stocks{ quantity warehouse{ name } } errors{ code } } }""",
              {"v": gid("ProductVariant", v), "w": gid("Warehouse", store)}, token=token)
    assert res["data"]["productVariantStocksCreate"]["stocks"][0]["quantity"] == 30
    res = gql("""mutation($v: ID!, $w: ID!){ productVariantStocksCreate(variantId: $v,
                stocks: [{warehouse: $w, quantity: 1}]){ errors{ code } } }""",
              {"v": gid("ProductVariant", v), "w": gid("Warehouse", store)}, token=token)
    assert res["data"]["productVariantStocksCreate"]["errors"][0]["code"] == "UNIQUE"
    res = gql("""mutation($s: ID!, $d: ID!, $v: ID!){ stockTransferCreate(input: {source: $s, destination: $d,
                kind: CONSIGNMENT, lines: [{variant: $v, quantity: 12}]}){
                stockTransfer{ id kind status lines{ id quantity } } errors{ field code } } }""",
              {"s": gid("Warehouse", store), "d": gid("Warehouse", setup["b"]), "v": gid("ProductVariant", v)},
              token=token)
    t = res["data"]["stockTransferCreate"]["stockTransfer"]
    assert (t["kind"], t["status"]) == ("CONSIGNMENT", "DRAFT")
    res = gql("mutation($id: ID!){ stockTransferShip(id: $id){ stockTransfer{ status } errors{ code } } }",
              {"id": t["id"]}, token=token)
    assert res["data"]["stockTransferShip"]["stockTransfer"]["status"] == "SHIPPED"
    # the producer cannot receive at the showroom; the showroom clerk can
    recv = """mutation($id: ID!, $line: ID!){ stockTransferReceive(id: $id, lines: [{line: $line,
                quantityReceived: 10, quantityDamaged: 1}]){ stockTransfer{ status lines{ quantityReceived
                quantityDamaged quantityMissing } } errors{ field code } } }"""
    variables = {"id": t["id"], "line": t["lines"][0]["id"]}
    res = gql(recv, variables, token=token)
    assert res["data"]["stockTransferReceive"]["errors"][0]["code"] == "PERMISSION_DENIED"
    res = gql(recv, variables, token=setup["clerk"])
    out = res["data"]["stockTransferReceive"]["stockTransfer"]
    assert out["status"] == "RECEIVED"
    assert out["lines"] == [{"quantityReceived": 10, "quantityDamaged": 1, "quantityMissing": 1}]
    assert Stock.objects.get(product_variant=v, warehouse=setup["b"]).quantity == 14


def test_transfer_errors_reported_and_nothing_changed(gql, setup):
    a, b = setup["a"], setup["b"]
    v = setup["variants"][0]
    create = """mutation($s: ID!, $d: ID!, $v: ID!, $q: Int!){ stockTransferCreate(input: {source: $s,
                destination: $d, lines: [{variant: $v, quantity: $q}]}){ stockTransfer{ id lines{ id } }
                errors{ field code message } } }"""
    before = snapshot()
    bad = [
        ({"s": gid("Warehouse", a), "d": gid("Warehouse", a), "v": gid("ProductVariant", v), "q": 1}, "SAME_WAREHOUSE"),
        ({"s": gid("Warehouse", a), "d": gid("Warehouse", b), "v": gid("ProductVariant", v), "q": 0}, "INVALID_QUANTITY"),
        ({"s": gid("Warehouse", a), "d": to_global_id("Warehouse", 999_999), "v": gid("ProductVariant", v), "q": 1},
         "NOT_FOUND"),
        ({"s": gid("Warehouse", a), "d": gid("Warehouse", b), "v": to_global_id("ProductVariant", 999_999), "q": 1},
         "NOT_FOUND"),
        ({"s": gid("Warehouse", a), "d": gid("Warehouse", b), "v": gid("Warehouse", a), "q": 1}, "GRAPHQL_ERROR"),
    ]
    for variables, code in bad:
        res = gql(create, variables, token=setup["manager"])
        err = res["data"]["stockTransferCreate"]["errors"][0]
        assert err["code"] == code and err["message"], (variables, err)
    assert snapshot() == before
    res = gql(create, {"s": gid("Warehouse", a), "d": gid("Warehouse", b), "v": gid("ProductVariant", v), "q": 5},
              token=setup["manager"])
    t = res["data"]["stockTransferCreate"]["stockTransfer"]
    ship = "mutation($id: ID!){ stockTransferShip(id: $id){ errors{ code } } }"
    assert gql(ship, {"id": t["id"]}, token=setup["manager"])["data"]["stockTransferShip"]["errors"] == []
    before = snapshot()
    assert gql(ship, {"id": t["id"]}, token=setup["manager"])["data"]["stockTransferShip"]["errors"][0]["code"] == \
        "INVALID_STATUS"
    res = gql("""mutation($id: ID!, $line: ID!){ stockTransferReceive(id: $id, lines: [{line: $line,
                quantityReceived: 6}]){ errors{ field code } } }""",
              {"id": t["id"], "line": t["lines"][0]["id"]}, token=setup["manager"])
    assert res["data"]["stockTransferReceive"]["errors"][0] == {"field": "lines",
                                                                 "code": "QUANTITY_GREATER_THAN_SHIPPED"}
    assert snapshot() == before
    assert StockTransfer.objects.get().status == "shipped"


def test_count_flow_and_movements_query(gql, setup):
    a = setup["a"]
    v1, v2, _v3 = setup["variants"]
    tok = setup["manager"]
    res = gql("mutation($w: ID!){ stockCountCreate(warehouse: $w, note: \"cuối quý\"){ stockCount{ id status } "
              "errors{ code } } }", {"w": gid("Warehouse", a)}, token=tok)
    count_id = res["data"]["stockCountCreate"]["stockCount"]["id"]
    res = gql("""mutation($id: ID!, $lines: [StockCountLineInput!]!){ stockCountSubmit(id: $id, lines: $lines){
                stockCount{ lines{ sku countedQuantity difference } } errors{ field code } } }""",
              {"id": count_id, "lines": [{"variant": gid("ProductVariant", v1), "countedQuantity": 8},
                                         {"variant": gid("ProductVariant", v2), "countedQuantity": -1}]}, token=tok)
    assert res["data"]["stockCountSubmit"]["errors"] == [{"field": "lines", "code": "INVALID_QUANTITY"}]
    res = gql("""mutation($id: ID!, $lines: [StockCountLineInput!]!){ stockCountSubmit(id: $id, lines: $lines){
                stockCount{ lines{ countedQuantity difference } } errors{ code } } }""",
              {"id": count_id, "lines": [{"variant": gid("ProductVariant", v1), "countedQuantity": 8}]}, token=tok)
    assert res["data"]["stockCountSubmit"]["stockCount"]["lines"] == [{"countedQuantity": 8, "difference": -2}]
    close = """mutation($id: ID!){ stockCountClose(id: $id){ stockCount{ status variance{ totalQuantity totalValue }
                lines{ expectedQuantity difference } } errors{ field code } } }"""
    res = gql(close, {"id": count_id}, token=tok)["data"]["stockCountClose"]
    assert res["stockCount"]["status"] == "CLOSED"
    assert res["stockCount"]["lines"] == [{"expectedQuantity": 10, "difference": -2}]
    res = gql(close, {"id": count_id}, token=tok)["data"]["stockCountClose"]
    assert res["errors"] == [{"field": "id", "code": "INVALID_STATUS"}]
    data = gql("""query($f: StockMovementFilterInput){ stockMovements(first: 10, filter: $f){ totalCount edges{ node{
                reason quantity balanceAfter referenceType referenceId sku warehouse{ name } } } } }""",
               {"f": {"reasons": ["COUNT_ADJUSTMENT"], "warehouses": [gid("Warehouse", a)]}}, token=tok)
    edges = data["data"]["stockMovements"]["edges"]
    assert [(e["node"]["reason"], e["node"]["quantity"], e["node"]["balanceAfter"]) for e in edges] == [
        ("COUNT_ADJUSTMENT", -2, 8)]
    assert edges[0]["node"]["referenceType"] == "stock_count"


def test_stock_bulk_update_all_or_nothing(gql, setup):
    a, b = setup["a"], setup["b"]
    v1, v2, _ = setup["variants"]
    q = """mutation($s: [StockBulkUpdateInput!]!){ stockBulkUpdate(stocks: $s){ count stocks{ quantity }
           errors{ field code } } }"""
    before = snapshot()
    res = gql(q, {"s": [{"variantId": gid("ProductVariant", v1), "warehouseId": gid("Warehouse", a), "quantity": 3},
                        {"variantId": gid("ProductVariant", v2), "warehouseId": gid("Warehouse", b), "quantity": -3}]},
              token=setup["manager"])
    assert res["data"]["stockBulkUpdate"], res
    assert res["data"]["stockBulkUpdate"]["errors"][0]["code"] == "INVALID_QUANTITY"
    assert snapshot() == before
    res = gql(q, {"s": [{"variantId": gid("ProductVariant", v1), "warehouseId": gid("Warehouse", a), "quantity": 3},
                        {"variantId": gid("ProductVariant", v2), "warehouseId": gid("Warehouse", b), "quantity": 9}]},
              token=setup["manager"])
    assert res["data"]["stockBulkUpdate"]["count"] == 2
    assert Stock.objects.get(product_variant=v2, warehouse=b).quantity == 9


def test_variant_stocks_delete(gql, setup):
    a = setup["a"]
    v = setup["variants"][0]
    res = gql("""mutation($v: ID!, $w: [ID!]!){ productVariantStocksDelete(variantId: $v, warehouseIds: $w){
                stocks{ quantity } errors{ code } } }""",
              {"v": gid("ProductVariant", v), "w": [gid("Warehouse", a)]}, token=setup["manager"])
    assert res["data"]["productVariantStocksDelete"] == {"stocks": [{"quantity": 0}], "errors": []}


def test_restock_list_query(gql, setup):
    from inventory.thresholds import threshold_set

    v = setup["variants"][0]
    threshold_set(variant_id=v.pk, warehouse_id=setup["b"].pk, threshold=6)
    threshold_set(variant_id=v.pk, warehouse_id=setup["a"].pk, threshold=20)
    data = gql("{ restockList{ sku available threshold suggested warehouse{ name } } }", token=setup["clerk"])
    assert data["data"]["restockList"] == [{"sku": v.sku, "available": 4, "threshold": 6, "suggested": 8,
                                            "warehouse": {"name": setup["b"].name}}]


def test_low_stock_threshold_set_is_scoped(gql, setup):
    v = setup["variants"][0]
    q = """mutation($v: ID!, $w: ID!, $t: Int!){ lowStockThresholdSet(variantId: $v, warehouse: $w, threshold: $t){
           lowStockThreshold{ threshold isBelow } errors{ field code } } }"""
    res = gql(q, {"v": gid("ProductVariant", v), "w": gid("Warehouse", setup["a"]), "t": 5}, token=setup["clerk"])
    assert res["data"]["lowStockThresholdSet"]["errors"][0]["code"] == "PERMISSION_DENIED"
    res = gql(q, {"v": gid("ProductVariant", v), "w": gid("Warehouse", setup["b"]), "t": -1}, token=setup["clerk"])
    assert res["data"]["lowStockThresholdSet"]["errors"] == [{"field": "threshold", "code": "INVALID_QUANTITY"}]
    res = gql(q, {"v": gid("ProductVariant", v), "w": gid("Warehouse", setup["b"]), "t": 5}, token=setup["clerk"])
    assert res["data"]["lowStockThresholdSet"]["lowStockThreshold"] == {"threshold": 5, "isBelow": True}
    res = gql(q, {"v": gid("ProductVariant", v), "w": gid("Warehouse", setup["b"]), "t": 0}, token=setup["clerk"])
    assert res["data"]["lowStockThresholdSet"] == {"lowStockThreshold": None, "errors": []}
