"""English for the inventory app: the /kho/ pages, GraphQL errors and a complete catalogue."""

from __future__ import annotations

import pytest
from graphql_relay import to_global_id

from inventory.thresholds import threshold_set
from tests.factories.inventory import make_inventory_manager, make_pos_staff, make_stocked_variant
from tests.po_catalogue import mo_matches_po, read_po, untranslated

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(channel, two_warehouses):
    a, b = two_warehouses
    variant = make_stocked_variant(channel, {a: 10, b: 3}, name="Nem chua Thanh Hóa")
    threshold_set(variant_id=variant.pk, warehouse_id=b.pk, threshold=5)
    return {"a": a, "b": b, "variant": variant}


def test_stock_pages_in_english(client, shop):
    client.force_login(make_pos_staff(shop["b"]))
    client.cookies["django_language"] = "en"
    page = client.get("/kho/").content.decode()
    assert "My warehouses / points of sale" in page and "Needs restocking" in page
    assert "Kho / điểm bán của tôi" not in page and "Cần bổ sung hàng" not in page
    assert "Skip to content" in page and "Bỏ qua đến nội dung" not in page  # the base template (core catalogue)
    page = client.get(f"/kho/{shop['b'].pk}/").content.decode()
    assert "Nem chua Thanh Hóa" in page and "low stock" in page and "sắp hết" not in page
    page = client.get("/kho/chuyen-hang/moi/").content.decode()
    assert "Create a stock transfer" in page and "Tạo phiếu chuyển hàng" not in page


def test_vietnamese_stays_the_default(client, shop):
    client.force_login(make_pos_staff(shop["b"]))
    page = client.get("/kho/").content.decode()
    assert "Kho / điểm bán của tôi" in page and "My warehouses" not in page


def test_graphql_error_in_english(client, gql, shop, token_for):
    a = shop["a"]
    client.cookies["django_language"] = "en"
    res = gql("""mutation($s: ID!, $v: ID!){ stockTransferCreate(input: {source: $s, destination: $s,
                 lines: [{variant: $v, quantity: 1}]}){ errors{ field code message } } }""",
              {"s": to_global_id("Warehouse", a.pk), "v": to_global_id("ProductVariant", shop["variant"].pk)},
              token=token_for(make_inventory_manager()))
    err = res["data"]["stockTransferCreate"]["errors"][0]
    assert err["code"] == "SAME_WAREHOUSE"
    assert err["message"] == "The receiving warehouse must differ from the sending warehouse."


def test_catalogue_complete_and_compiled():
    assert len(read_po("inventory")) > 150
    assert untranslated("inventory") == []
    assert mo_matches_po("inventory") == []
