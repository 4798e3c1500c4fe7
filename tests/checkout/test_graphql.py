"""The Saleor-named checkout/order API through the real /graphql/ view."""

from __future__ import annotations

import pytest
from graphql_relay import to_global_id

from inventory.models import Stock
from orders.models import Order
from tests.factories import make_user
from tests.factories.checkout import make_stocked_variant

pytestmark = pytest.mark.django_db

ADDRESS = {"fullName": "Lê Thị Hoa", "phone": "0912345678", "streetAddress": "12 Lê Lợi", "provinceCode": "38",
           "wardCode": "14797"}
CHECKOUT_FIELDS = """checkout { id quantity lines { id quantity variant { id sku } unitPrice { gross { amount } }
  totalPrice { gross { amount } tax { amount } } } subtotalPrice { amount } shippingPrice { amount }
  totalPrice { amount } deliveryMethodId availableDeliveryMethods { id name isCollectionPoint }
  availablePaymentMethods problems shippingAddress { wardName provinceName } }
  errors { field code message }"""


def mut(head: str) -> str:
    """`head` is 'mutation(...) { name(args)'; the standard checkout selection is appended."""
    return head + " { " + CHECKOUT_FIELDS + " } }"


def vid(v) -> str:
    return to_global_id("ProductVariant", v.pk)


def create(gql, lines, token=None, **extra):
    q = f"mutation($input: CheckoutCreateInput!) {{ checkoutCreate(input: $input) {{ {CHECKOUT_FIELDS} }} }}"
    return gql(q, {"input": {"channel": "online", "lines": lines, **extra}}, token=token)["data"]["checkoutCreate"]


def test_full_checkout_flow_with_tampered_price_ignored(gql, channel, depot):
    v = make_stocked_variant(channel, depot, quantity=5, price=125_000)
    res = create(gql, [{"variantId": vid(v), "quantity": 2, "price": 1}], email="khach@example.vn")
    assert res["errors"] == []
    c = res["checkout"]
    assert c["lines"][0]["unitPrice"]["gross"]["amount"] == 125_000 and c["subtotalPrice"]["amount"] == 250_000
    assert c["lines"][0]["totalPrice"]["tax"]["amount"] == 18_519  # 8 % VAT inside 250.000
    cid = c["id"]
    res = gql(mut("mutation($id: ID!, $a: AddressInput!) { checkoutShippingAddressUpdate(id: $id, shippingAddress: $a)"),
              {"id": cid, "a": ADDRESS})["data"]["checkoutShippingAddressUpdate"]
    assert res["errors"] == [] and res["checkout"]["shippingAddress"]["wardName"] == "Phường Hạc Thành"
    res = gql(mut('mutation($id: ID!) { checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: "shipping")'),
              {"id": cid})["data"]["checkoutDeliveryMethodUpdate"]
    assert res["checkout"]["shippingPrice"]["amount"] == 20_000 and res["checkout"]["totalPrice"]["amount"] == 270_000
    res = gql("""mutation($id: ID!) { checkoutComplete(id: $id, paymentMethod: "cod") { order { id number status
      total { gross { amount } } lines { productName quantity taxRate } } errors { field code message } } }""",
              {"id": cid})["data"]["checkoutComplete"]
    assert res["errors"] == [] and res["order"]["status"] == "UNFULFILLED"
    assert res["order"]["total"]["gross"]["amount"] == 270_000
    again = gql("""mutation($id: ID!) { checkoutComplete(id: $id) { order { number } errors { code } } }""",
                {"id": cid})["data"]["checkoutComplete"]
    assert again["order"]["number"] == res["order"]["number"] and Order.objects.count() == 1
    assert Stock.objects.get(product_variant=v).quantity_allocated == 2


def test_errors_name_the_field(gql, channel, depot):
    v = make_stocked_variant(channel, depot, quantity=3)
    res = create(gql, [{"variantId": vid(v), "quantity": 4}])
    assert res["checkout"] is None and res["errors"][0]["code"] == "INSUFFICIENT_STOCK"
    res = create(gql, [{"variantId": to_global_id("Product", v.product_id), "quantity": 1}])
    assert res["errors"][0]["field"] == "variantId"
    cid = create(gql, [{"variantId": vid(v), "quantity": 1}])["checkout"]["id"]
    bad = dict(ADDRESS, phone="0123", wardCode="00070")
    res = gql("""mutation($id: ID!, $a: AddressInput!) { checkoutShippingAddressUpdate(id: $id, shippingAddress: $a) {
      errors { field code message } } }""", {"id": cid, "a": bad})["data"]["checkoutShippingAddressUpdate"]
    assert {(e["field"], e["code"]) for e in res["errors"]} == {("shippingAddress.phone", "INVALID_PHONE"),
                                                                ("shippingAddress.wardCode", "INVALID")}
    res = gql("""mutation($id: ID!) { checkoutAddPromoCode(id: $id, promoCode: "GIAMGIA") { errors { field code message } } }""",
              {"id": cid})["data"]["checkoutAddPromoCode"]
    assert res["errors"] == [{"field": "promoCode", "code": "INVALID_PROMO_CODE",
                              "message": "Mã khuyến mại không hợp lệ."}]
    res = gql("""mutation { checkoutComplete(id: "00000000-0000-0000-0000-000000000000") { errors { code } } }""")
    assert res["data"]["checkoutComplete"]["errors"][0]["code"] == "NOT_FOUND"
    res = gql("""mutation($id: ID!) { checkoutComplete(id: $id, paymentMethod: "cod") { errors { field code } } }""",
              {"id": cid})["data"]["checkoutComplete"]
    assert res["errors"][0]["field"] == "email" and Order.objects.count() == 0


def test_lines_update_delete_and_click_and_collect(gql, channel, depot, showroom):
    from inventory.services import stock_receive

    v = make_stocked_variant(channel, depot, quantity=5)
    stock_receive(variant_id=v.pk, warehouse_id=showroom.pk, quantity=2)
    c = create(gql, [{"variantId": vid(v), "quantity": 3}])["checkout"]
    assert [m["isCollectionPoint"] for m in c["availableDeliveryMethods"]] == [False]  # showroom has only 2
    c = gql(mut("mutation($id: ID!, $l: [CheckoutLineUpdateInput!]!) { checkoutLinesUpdate(id: $id, lines: $l)"),
            {"id": c["id"], "l": [{"variantId": vid(v), "quantity": 2}]}
            )["data"]["checkoutLinesUpdate"]["checkout"]
    wid = to_global_id("Warehouse", showroom.pk)
    assert wid in [m["id"] for m in c["availableDeliveryMethods"]]
    res = gql(mut("mutation($id: ID!, $d: ID!) { checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $d)"),
              {"id": c["id"], "d": wid})["data"]["checkoutDeliveryMethodUpdate"]
    assert res["checkout"]["deliveryMethodId"] == wid
    res = gql(mut("mutation($id: ID!, $l: [ID!]!) { checkoutLinesDelete(id: $id, linesIds: $l)"),
              {"id": c["id"], "l": [c["lines"][0]["id"]]})["data"]["checkoutLinesDelete"]
    assert res["checkout"]["quantity"] == 0


def test_vietqr_order_and_staff_mutations(gql, channel, depot, staff, token_for):
    v = make_stocked_variant(channel, depot, quantity=5, price=100_000)
    cid = create(gql, [{"variantId": vid(v), "quantity": 1}], email="k@example.vn", shippingAddress=ADDRESS
                 )["checkout"]["id"]
    gql("""mutation($id: ID!) { checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: "shipping") { errors { code } } }""",
        {"id": cid})
    res = gql("""mutation($id: ID!) { checkoutComplete(id: $id, paymentMethod: "vietqr") { order { id token status
      vietqr { payload reference amount } } errors { code message } } }""", {"id": cid})["data"]["checkoutComplete"]
    order = res["order"]
    assert order["status"] == "UNCONFIRMED" and order["vietqr"]["amount"] == 120_000
    from integrations.vietqr.payload import crc_ok

    assert crc_ok(order["vietqr"]["payload"])
    # guest reads the order by its token; nobody reads it by a guessed global id
    assert gql("query($id: ID!) { order(id: $id) { number } }", {"id": order["token"]})["data"]["order"]
    assert gql("query($id: ID!) { order(id: $id) { number } }", {"id": order["id"]})["data"]["order"] is None
    mark = """mutation($id: ID!) { orderMarkAsPaid(id: $id, transactionReference: "FT26") { order { chargeStatus status }
      errors { code } } }"""
    customer = make_user()
    assert gql(mark, {"id": order["id"]}, token=token_for(customer))["data"]["orderMarkAsPaid"]["errors"][0]["code"] \
        == "PERMISSION_DENIED"
    res = gql(mark, {"id": order["id"]}, token=token_for(staff))["data"]["orderMarkAsPaid"]
    assert res["order"] == {"chargeStatus": "FULL", "status": "UNFULFILLED"}
    fulfil = gql("""mutation($o: ID!, $w: ID!) { orderFulfill(order: $o, input: {warehouse: $w}) { order { status }
      errors { code message } } }""", {"o": order["id"], "w": to_global_id("Warehouse", depot.pk)},
                 token=token_for(staff))["data"]["orderFulfill"]
    assert fulfil["order"]["status"] == "FULFILLED"
    cancel = gql("""mutation($id: ID!) { orderCancel(id: $id) { errors { code } } }""", {"id": order["id"]},
                 token=token_for(staff))["data"]["orderCancel"]
    assert cancel["errors"][0]["code"] == "INVALID_STATUS"
    listed = gql("{ orders(first: 10) { number } }", token=token_for(staff))
    assert len(listed["data"]["orders"]) == 1
    assert gql("{ orders(first: 10) { number } }", token=token_for(customer))["errors"]


def test_account_register_and_me_orders(gql, channel, depot, token_for):
    res = gql("""mutation { accountRegister(input: {email: "Moi@Example.vn", password: "mat-khau-dai-123",
      fullName: "Nguyễn Mới"}) { user { email } requiresConfirmation errors { field code } } }""")
    assert res["data"]["accountRegister"]["user"]["email"] == "moi@example.vn"
    dup = gql("""mutation { accountRegister(input: {email: "moi@example.vn", password: "mat-khau-dai-123"}) {
      errors { field code } } }""")["data"]["accountRegister"]["errors"]
    assert dup == [{"field": "email", "code": "UNIQUE"}]
    from accounts.models import User

    user = User.objects.get(email="moi@example.vn")
    other = make_user()
    v = make_stocked_variant(channel, depot, quantity=5)
    tok = token_for(user)
    cid = create(gql, [{"variantId": vid(v), "quantity": 1}], token=tok, shippingAddress=ADDRESS)["checkout"]["id"]
    # the checkout belongs to the account: another user cannot read or complete it
    assert gql("query($id: ID!) { checkout(id: $id) { id } }", {"id": cid}, token=token_for(other))["data"]["checkout"] \
        is None
    gql("""mutation($id: ID!) { checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: "shipping") { errors { code } } }""",
        {"id": cid}, token=tok)
    res = gql("""mutation($id: ID!) { checkoutComplete(id: $id, paymentMethod: "cod") { order { number token }
      errors { code } } }""", {"id": cid}, token=tok)["data"]["checkoutComplete"]
    number = res["order"]["number"]
    me = gql("{ me { email orders { number lines { productName } } } }", token=tok)["data"]["me"]
    assert [o["number"] for o in me["orders"]] == [number]
    assert gql("{ me { orders { number } } }", token=token_for(other))["data"]["me"]["orders"] == []
    assert gql("query($id: ID!) { order(id: $id) { number } }", {"id": res["order"]["token"]},
               token=token_for(other))["data"]["order"] is None


def test_email_billing_update_and_checkout_query(gql, channel, depot):
    v = make_stocked_variant(channel, depot, quantity=5)
    cid = create(gql, [{"variantId": vid(v), "quantity": 1}])["checkout"]["id"]
    res = gql("""mutation($id: ID!) { checkoutEmailUpdate(id: $id, email: "sai-email") { errors { field code } } }""",
              {"id": cid})["data"]["checkoutEmailUpdate"]
    assert res["errors"] == [{"field": "email", "code": "INVALID"}]
    gql("""mutation($id: ID!) { checkoutEmailUpdate(id: $id, email: "Khach@Example.vn") { errors { code } } }""",
        {"id": cid})
    res = gql("""mutation($id: ID!, $a: AddressInput!) { checkoutBillingAddressUpdate(id: $id, billingAddress: $a) {
      checkout { email billingAddress { provinceName wardName } } errors { code } } }""",
              {"id": cid, "a": dict(ADDRESS, provinceCode="01", wardCode="00070")})["data"]["checkoutBillingAddressUpdate"]
    assert res["checkout"] == {"email": "khach@example.vn",
                               "billingAddress": {"provinceName": "Thành phố Hà Nội", "wardName": "Phường Hoàn Kiếm"}}
    q = "query($id: ID!) { checkout(id: $id) { id quantity } }"
    assert gql(q, {"id": cid})["data"]["checkout"] == {"id": cid, "quantity": 1}
    assert gql(q, {"id": "not-a-token"})["data"]["checkout"] is None
    assert gql(q, {"id": "5b0c6d3e-0000-4000-8000-000000000000"})["data"]["checkout"] is None
