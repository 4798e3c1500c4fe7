"""Flash sales: many buyers racing for the last units through the real /graphql/ view and the checkout
services, each on its own PostgreSQL connection (one thread, one Django test client each), released
together by a barrier. Exactly the available units sell; a refused buyer learns it at add-to-cart; a
buyer holding a reservation always completes."""

from __future__ import annotations

import datetime as dt
import random
import re
import time

import pytest
from django.db.models import Sum
from django.test import Client
from django.utils import timezone
from graphql_relay import to_global_id

from campaigns.models import Voucher
from checkout.services import (
    LineInput,
    checkout_add_promo_code,
    checkout_lines_add,
    checkout_lines_delete,
    checkout_lines_update,
    checkout_remove_promo_code,
)
from core.errors import DomainError
from inventory.ledger import ledger_drift
from inventory.models import Reservation, Stock
from orders.models import Order, OrderLine
from orders.services import order_create_from_checkout
from tests.factories.campaigns import make_voucher
from tests.factories.checkout import make_ready_checkout
from tests.factories.inventory import make_stocked_variant
from tests.inventory.conftest import overheld_stocks
from tests.races import race

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

ADDRESS = {"fullName": "Lê Thị Hoa", "phone": "0912345678", "streetAddress": "12 Lê Lợi", "provinceCode": "38",
           "wardCode": "14797"}
CREATE = """mutation($e: String!) { checkoutCreate(input: {channel: "online", email: $e, lines: []}) {
  checkout { id } errors { field code message } } }"""
ADD = """mutation($id: ID!, $v: ID!, $q: Int!) { checkoutLinesAdd(id: $id, lines: [{variantId: $v, quantity: $q}]) {
  checkout { id } errors { field code message } } }"""
ADDRESS_SET = """mutation($id: ID!, $a: AddressInput!) { checkoutShippingAddressUpdate(id: $id, shippingAddress: $a) {
  errors { field code } } }"""
DELIVERY = """mutation($id: ID!) { checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: "shipping") {
  errors { field code } } }"""
COMPLETE = """mutation($id: ID!) { checkoutComplete(id: $id, paymentMethod: "cod") { order { number }
  errors { field code message } } }"""
LEFT = re.compile(r"chỉ còn (\d+) sản phẩm")


def gql(client: Client, query: str, **variables) -> dict:
    body = client.post("/graphql/", {"query": query, "variables": variables}, content_type="application/json").json()
    assert "errors" not in body, body
    return next(iter(body["data"].values()))


def ordered_units(variant) -> int:
    return OrderLine.objects.filter(variant=variant).aggregate(q=Sum("quantity"))["q"] or 0


def no_overhold(variant):
    """Watcher: at no moment do allocations plus live holds exceed a stock's quantity."""
    def check() -> None:
        assert overheld_stocks(variant.pk) == []
        time.sleep(0.005)
    return check


def assert_sold_exactly(variant, units: int) -> None:
    assert ordered_units(variant) == units
    assert Stock.objects.filter(product_variant=variant).aggregate(a=Sum("quantity_allocated"))["a"] == units
    assert overheld_stocks(variant.pk) == []
    assert ledger_drift() == []


def test_thirty_buyers_for_the_last_five_units_through_graphql(reserving, two_warehouses):
    a, b = two_warehouses
    variant = make_stocked_variant(reserving, {a: 3, b: 2})
    v = to_global_id("ProductVariant", variant.pk)

    def buyer(i: int):
        def job():
            client = Client()
            cid = gql(client, CREATE, e=f"khach{i}@example.vn")["checkout"]["id"]
            added = gql(client, ADD, id=cid, v=v, q=1)
            if added["errors"]:
                return ("refused at add", added["errors"])
            assert gql(client, ADDRESS_SET, id=cid, a=ADDRESS)["errors"] == []
            assert gql(client, DELIVERY, id=cid)["errors"] == []
            done = gql(client, COMPLETE, id=cid)
            return ("ordered", done["order"]["number"]) if done["order"] else ("refused at complete", done["errors"])
        return job

    results = race([buyer(i) for i in range(30)], watch=no_overhold(variant))
    assert not [r for r in results if isinstance(r, BaseException)], results
    outcomes = [r[0] for r in results]
    assert outcomes.count("ordered") == 5 and outcomes.count("refused at add") == 25, outcomes
    for _outcome, errors in (r for r in results if r[0] == "refused at add"):
        (error,) = errors
        assert (error["field"], error["code"]) == ("quantity", "INSUFFICIENT_STOCK")
        assert int(LEFT.search(error["message"]).group(1)) == 0  # "«…» chỉ còn 0 sản phẩm; không thể đặt 1."
    assert Order.objects.count() == 5 and not Reservation.objects.exists()
    assert_sold_exactly(variant, 5)


def test_five_holders_pressing_order_together_all_complete(reserving, two_warehouses):
    a, b = two_warehouses
    variant = make_stocked_variant(reserving, {a: 2, b: 3})
    checkouts = [make_ready_checkout(reserving, [(variant, 1)], email=f"k{i}@example.vn") for i in range(5)]
    assert Reservation.objects.filter(product_variant=variant).aggregate(q=Sum("quantity_reserved"))["q"] == 5
    with pytest.raises(DomainError) as refused:  # a sixth buyer is told at add-to-cart
        make_ready_checkout(reserving, [(variant, 1)], email="k6@example.vn")
    assert refused.value.code == "INSUFFICIENT_STOCK" and LEFT.search(refused.value.message).group(1) == "0"

    def complete(c):
        return lambda: gql(Client(), COMPLETE, id=str(c.token))

    results = race([complete(c) for c in checkouts])
    assert [r["errors"] for r in results] == [[]] * 5, results
    assert len({r["order"]["number"] for r in results}) == 5
    assert_sold_exactly(variant, 5)


def test_fifty_buyers_for_ten_units_over_two_warehouses(reserving, two_warehouses):
    a, b = two_warehouses
    variant = make_stocked_variant(reserving, {a: 6, b: 4})

    def buyer(i: int):
        def job():
            checkout = make_ready_checkout(reserving, [(variant, 1 + i % 2)], email=f"k{i}@example.vn")
            return order_create_from_checkout(checkout_token=checkout.token)
        return job

    results = race([buyer(i) for i in range(50)], watch=no_overhold(variant))
    unexpected = [r for r in results if not isinstance(r, Order | DomainError)]
    assert not unexpected, unexpected[:3]
    assert all(r.code == "INSUFFICIENT_STOCK" for r in results if isinstance(r, DomainError))
    # buyers want 1 or 2 units: the last unit may be left only if everyone still trying wanted 2
    sold = ordered_units(variant)
    assert sold == 10 or (sold == 9 and all(i % 2 for i, r in enumerate(results) if isinstance(r, DomainError)))
    assert_sold_exactly(variant, sold)
    stocks = {s.warehouse_id: s.quantity_allocated for s in Stock.objects.filter(product_variant=variant)}
    assert stocks[a.pk] <= 6 and stocks[b.pk] <= 4


def test_add_change_remove_expire_and_complete_mix_sells_every_unit(reserving, two_warehouses):
    """Buyers keep trying while anything is unsold: they add, change quantities, remove lines, let
    holds expire (their hold's clock is moved past expiry) and complete, all at once. Every unit sells,
    none twice, holds never exceed stock, and released or expired units are bought without any sweeper."""
    a, b = two_warehouses
    variant = make_stocked_variant(reserving, {a: 5, b: 3})
    units = 8
    checkouts = [make_ready_checkout(reserving, [], email=f"k{i}@example.vn") for i in range(24)]

    def unsold() -> bool:
        return (Stock.objects.filter(product_variant=variant).aggregate(a=Sum("quantity_allocated"))["a"] or 0) < units

    def buyer(i: int):
        rnd = random.Random(i)
        checkout = checkouts[i]

        def job():
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    checkout_lines_update(checkout, lines=[LineInput(variant.pk, 1)])
                    move = rnd.choice(["complete", "more", "remove", "expire"])
                    if move == "more":
                        try:
                            checkout_lines_add(checkout, lines=[LineInput(variant.pk, 1)])
                        except DomainError as exc:
                            assert exc.code == "INSUFFICIENT_STOCK"  # keeps the line at 1
                    elif move == "remove":
                        line = checkout.lines.get()
                        checkout_lines_delete(checkout, line_ids=[line.pk])
                        continue
                    elif move == "expire":
                        Reservation.objects.filter(checkout_token=str(checkout.token)).update(
                            expires_at=timezone.now() - dt.timedelta(seconds=1))
                    return order_create_from_checkout(checkout_token=checkout.token)
                except DomainError as exc:
                    assert exc.code == "INSUFFICIENT_STOCK", exc
                    if not unsold():
                        return "sold out"
                    time.sleep(0.01)
            return "gave up"
        return job

    results = race([buyer(i) for i in range(len(checkouts))], watch=no_overhold(variant))
    assert not [r for r in results if isinstance(r, BaseException) or r == "gave up"], results
    assert_sold_exactly(variant, units)
    assert sum(isinstance(r, Order) for r in results) == Order.objects.count()


def test_voucher_with_a_usage_limit_is_used_exactly_that_often_by_concurrent_orders(reserving, two_warehouses):
    """Eight holders with the same code (3 uses left) press "order" together: three orders carry the
    discount; the other five are refused with VOUCHER_USAGE_LIMIT and lose nothing — no order, their
    hold intact — so each completes at once without the code."""
    a, _b = two_warehouses
    variant = make_stocked_variant(reserving, {a: 8})
    make_voucher(reserving, code="FLASH3", usage_limit=3)
    checkouts = [make_ready_checkout(reserving, [(variant, 1)], email=f"k{i}@example.vn") for i in range(8)]
    for c in checkouts:
        checkout_add_promo_code(c, code="FLASH3")

    def complete(c):
        return lambda: order_create_from_checkout(checkout_token=c.token)

    results = race([complete(c) for c in checkouts])
    won = [r for r in results if isinstance(r, Order)]
    lost = [c for c, r in zip(checkouts, results, strict=True) if not isinstance(r, Order)]
    assert len(won) == 3 and all(o.voucher_code == "FLASH3" and o.discount_amount == 10_000 for o in won)
    assert [r.code for r in results if not isinstance(r, Order)] == ["VOUCHER_USAGE_LIMIT"] * 5
    assert Voucher.objects.get().used == 3
    assert Reservation.objects.filter(checkout_token__in=[str(c.token) for c in lost]).count() == 5
    for c in lost:
        checkout_remove_promo_code(c)
        assert order_create_from_checkout(checkout_token=c.token).discount_amount == 0
    assert_sold_exactly(variant, 8)


def test_twenty_shoppers_for_five_units_through_the_pages(reserving, two_warehouses):
    a, b = two_warehouses
    variant = make_stocked_variant(reserving, {a: 4, b: 1})

    def shopper(i: int):
        def job():
            client = Client()
            added = client.post("/gio-hang/them/", {"variant_id": variant.pk, "quantity": 1}, follow=True)
            if "chỉ còn 0 sản phẩm" in added.content.decode():
                return "refused at add"
            placed = client.post("/thanh-toan/", {
                "checkout_token": client.session["checkout_token"], "email": f"k{i}@example.vn",
                "full_name": "Lê Thị Hoa", "phone": "0912 345 678", "delivery": "shipping", "province_code": "38",
                "ward_code": "14797", "street_address": "12 Lê Lợi", "payment_method": "cod", "note": ""})
            return "ordered" if placed.status_code == 302 and placed["Location"].startswith("/don-hang/") else placed
        return job

    results = race([shopper(i) for i in range(20)], watch=no_overhold(variant))
    assert sorted(map(str, results)) == ["ordered"] * 5 + ["refused at add"] * 15, results
    assert_sold_exactly(variant, 5)
