"""Sales: prices and promotions from catalog.pricing, VAT per line, the listing gate, payments,
stock at the register's warehouse, idempotent sync, and flagged shortfalls."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog import pricing
from catalog.models import ProductChannelListing
from certification.models import CertificateStatus
from inventory.models import MovementReason, Stock, StockMovement
from inventory.services import ledger_drift
from orders.models import Order, OrderOrigin
from payments.models import TransactionItem
from pos.models import PosReconciliation, PosSale
from pos.sales import PaymentInput, sale_sync
from tests.factories.pos import make_stocked_product

from .conftest import gql_sale, sale_input

SYNC = """mutation($i: [PosSaleInput!]!) { posSaleSync(input: $i) { results { clientUuid status orderNumber orderToken
  receiptUrl change shortfalls { shortfall quantitySold } errors { field code message } } errors { field code message } } }"""


def _sync(gql, token, sales):
    return gql(SYNC, {"i": sales}, token=token)["data"]["posSaleSync"]["results"]


@pytest.mark.django_db
def test_sale_records_order_lines_vat_payments_and_stock(gql, token_for, register, shift, cashier, stocked):
    product, variant = stocked
    sale = gql_sale(shift, variant, 2, payments=[{"method": "cash", "amount": 100_000},
                                                 {"method": "vietqr", "amount": 150_000, "confirmed": True}])
    [res] = _sync(gql, token_for(cashier), [sale])
    assert res["status"] == "created" and res["change"] == 10_000
    order = Order.objects.get(number=res["orderNumber"])
    assert (order.origin, order.channel_id, order.warehouse_id) == (OrderOrigin.POS, register.channel_id,
                                                                   register.warehouse_id)
    assert order.external_reference == sale["clientUuid"]
    assert order.total_amount == 240_000
    line = order.lines.get()
    assert (line.quantity, line.unit_price, line.vat_rate) == (2, 120_000, product.effective_vat_rate)
    assert line.vat_amount == pricing.vat_included(240_000, product.effective_vat_rate) == order.vat_amount
    txs = {t.method: t for t in TransactionItem.objects.filter(order=order)}
    assert txs["cash"].amount_charged == 90_000 and txs["cash"].metadata["change"] == 10_000
    assert txs["vietqr"].amount_charged == 150_000
    assert Stock.objects.get(product_variant=variant, warehouse=register.warehouse).quantity == 3
    move = StockMovement.objects.filter(reason=MovementReason.SALE).get()
    assert (move.reference_type, move.reference_id, move.quantity) == ("order", str(order.number), -2)
    inv = order.invoice_data
    assert inv["seller"]["tax_code"] and inv["generated_from_cash_register"] is True
    assert inv["symbol"].startswith("C") and inv["symbol"][3] == "M" and inv["template"] == "1"
    assert inv["lines"][0]["vat_rate"] == product.effective_vat_rate and inv["currency"] == "VND"
    assert inv["total_in_words"] == "Hai trăm bốn mươi nghìn đồng"
    assert inv["payment_method"] == "Tiền mặt/Chuyển khoản"


@pytest.mark.django_db
def test_active_promotion_applies_like_online(register, shift, cashier, stocked):
    _, variant = stocked

    def promo(base, channel, at):
        return {vid: (20_000, 7, "Tuần lễ OCOP") for vid in base if channel.pk == register.channel_id}

    pricing.register_discount_provider(promo)
    try:
        [res] = sale_sync(user=cashier, sales=[sale_input(shift, variant, 1, price=100_000)])
    finally:
        pricing.DISCOUNT_PROVIDERS.remove(promo)
    line = res.order.lines.get()
    assert (line.unit_price, line.undiscounted_unit_price, line.unit_discount) == (100_000, 120_000, 20_000)
    assert line.discount_reason == "Tuần lễ OCOP" and res.order.discount_amount == 20_000


@pytest.mark.django_db
def test_unknown_variant_is_refused(gql, token_for, shift, cashier):
    sale = gql_sale(shift, type("V", (), {"pk": 999_999})(), 1)
    [res] = _sync(gql, token_for(cashier), [sale])
    assert res["status"] == "error" and res["errors"][0]["code"] == "UNKNOWN_PRODUCT"
    assert not Order.objects.exists()


@pytest.mark.django_db
def test_unlisted_and_expired_products_are_blocked_with_reason(gql, token_for, register, shift, cashier):
    unlisted, v1 = make_stocked_product(register)
    ProductChannelListing.objects.filter(product=unlisted).update(is_published=False)
    expired, v2 = make_stocked_product(register)
    expired.certificates.update(expires_on=dt.date(2020, 1, 1), issued_on=dt.date(2017, 1, 1))
    suspended, v3 = make_stocked_product(register)
    suspended.certificates.update(status=CertificateStatus.SUSPENDED)
    results = _sync(gql, token_for(cashier), [gql_sale(shift, v) for v in (v1, v2, v3)])
    assert [r["errors"][0]["code"] for r in results] == ["PRODUCT_NOT_SELLABLE"] * 3
    assert "không được niêm yết" in results[0]["errors"][0]["message"]
    assert "hết hạn" in results[1]["errors"][0]["message"]
    assert "tạm đình chỉ" in results[2]["errors"][0]["message"]
    assert not Order.objects.exists() and not StockMovement.objects.filter(reason=MovementReason.SALE).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("payments, needle", [
    ([{"method": "cash", "amount": 100_000}], "thiếu 20.000"),
    ([{"method": "vietqr", "amount": 200_000, "confirmed": True}], "vượt quá"),
    ([{"method": "vietqr", "amount": 120_000}], "chưa được nhân viên xác nhận"),
    ([{"method": "card", "amount": 120_000}], "mã giao dịch"),
    ([{"method": "cod", "amount": 120_000}], "không hợp lệ"),
    ([], "Chưa có thanh toán"),
])
def test_payments_must_add_up(gql, token_for, shift, cashier, stocked, payments, needle):
    [res] = _sync(gql, token_for(cashier), [gql_sale(shift, stocked[1], 1, payments=payments)])
    assert res["status"] == "error" and needle in res["errors"][0]["message"]
    assert res["errors"][0]["field"] == "payments"
    assert not Order.objects.exists() and Stock.objects.get(product_variant=stocked[1]).quantity == 5


@pytest.mark.django_db
def test_card_and_cash_split_with_change(shift, cashier, stocked):
    [res] = sale_sync(user=cashier, sales=[sale_input(shift, stocked[1], 1, payments=[
        PaymentInput(method="card", amount=20_000, reference="VCB-778812"),
        PaymentInput(method="cash", amount=500_000)])])
    assert res.status == "created" and res.change == 400_000
    assert TransactionItem.objects.get(order=res.order, method="card").psp_reference == "VCB-778812"


@pytest.mark.django_db
def test_replay_records_once(gql, token_for, shift, cashier, stocked):
    token = token_for(cashier)
    sale = gql_sale(shift, stocked[1], 1)
    first = _sync(gql, token, [sale])[0]
    again = _sync(gql, token, [sale, sale])
    assert first["status"] == "created"
    assert [r["status"] for r in again] == ["duplicate", "duplicate"]
    assert again[0]["orderNumber"] == first["orderNumber"] and again[0]["receiptUrl"] == first["receiptUrl"]
    assert Order.objects.count() == 1 and Stock.objects.get(product_variant=stocked[1]).quantity == 4


@pytest.mark.django_db
def test_network_drop_mid_sync_partial_then_full_batch(gql, token_for, shift, cashier, stocked):
    token = token_for(cashier)
    queue = [gql_sale(shift, stocked[1], 1) for _ in range(4)]
    partial = _sync(gql, token, queue[:2])  # the connection dropped after these two were recorded
    full = _sync(gql, token, queue)
    assert [r["status"] for r in partial] == ["created", "created"]
    assert [r["status"] for r in full] == ["duplicate", "duplicate", "created", "created"]
    assert Order.objects.count() == 4 and Stock.objects.get(product_variant=stocked[1]).quantity == 1


@pytest.mark.django_db
def test_offline_sales_exceeding_stock_are_flagged_not_lost(gql, token_for, register, shift, cashier, stocked):
    _, variant = stocked  # 5 in stock
    token = token_for(cashier)
    queue = [dict(gql_sale(shift, variant, 2), offline=True) for _ in range(4)]  # 8 sold offline
    results = _sync(gql, token, queue)
    assert [r["status"] for r in results] == ["created", "created", "flagged", "flagged"]
    assert results[2]["shortfalls"] == [{"shortfall": 1, "quantitySold": 2}]
    assert Order.objects.count() == 4
    stock = Stock.objects.get(product_variant=variant, warehouse=register.warehouse)
    assert stock.quantity == 0
    recs = PosReconciliation.objects.order_by("pk")
    assert [r.shortfall for r in recs] == [1, 2] and recs[0].warehouse_id == register.warehouse_id
    assert PosSale.objects.filter(needs_reconciliation=True).count() == 2
    assert ledger_drift() == []


@pytest.mark.django_db
def test_invalid_uuid_and_foreign_shift(gql, token_for, shift, stocked):
    from tests.factories.pos import make_cashier, make_register

    outsider = make_cashier(make_register())
    bad = dict(gql_sale(shift, stocked[1]), clientUuid="not-a-uuid")
    results = _sync(gql, token_for(outsider), [bad, gql_sale(shift, stocked[1])])
    # permission comes first (issue 14): the outsider learns nothing, not even that the UUID is malformed
    assert [r["errors"][0]["code"] for r in results] == ["PERMISSION_DENIED", "PERMISSION_DENIED"]
    assert not Order.objects.exists()


@pytest.mark.django_db
def test_batch_query_count_is_bounded(shift, cashier, register):
    variants = [make_stocked_product(register, price=120_000, quantity=50)[1] for _ in range(3)]
    sales = [sale_input(shift, variants[i % 3], 1) for i in range(20)]
    with CaptureQueriesContext(connection) as ctx:
        results = sale_sync(user=cashier, sales=sales)
    assert all(r.status == "created" for r in results)
    assert len(ctx.captured_queries) <= 20 * 23 + 10, len(ctx.captured_queries)  # ~22 per one-line sale


@pytest.mark.django_db
def test_sold_at_in_future_is_clamped(shift, cashier, stocked):
    s = sale_input(shift, stocked[1], 1, client_uuid=str(uuid.uuid4()))
    s.sold_at = dt.datetime(2999, 1, 1, tzinfo=dt.UTC)
    [res] = sale_sync(user=cashier, sales=[s])
    assert res.order.pos_sale.sold_at.year < 2999


@pytest.mark.django_db
def test_sync_requires_login(gql, shift, stocked):
    res = gql(SYNC, {"i": [gql_sale(shift, stocked[1])]})["data"]["posSaleSync"]
    assert res["errors"][0]["code"] == "PERMISSION_DENIED" and not Order.objects.exists()




@pytest.mark.django_db
def test_offline_sale_after_delisting_or_price_rise_is_recorded_and_flagged(register, shift, cashier, stocked, client):
    product, variant = stocked
    ProductChannelListing.objects.filter(product=product).update(is_published=False)  # delisted while offline
    gate_sale = sale_input(shift, variant, 1, offline=True)
    online_sale = sale_input(shift, variant, 1, offline=False)
    _, dearer = make_stocked_product(register, price=150_000)  # the till's cached price was 120.000
    short_sale = sale_input(shift, dearer, 1, offline=True, price=120_000)
    gate, online, short = sale_sync(user=cashier, sales=[gate_sale, online_sale, short_sale])
    assert online.status == "error" and online.errors[0].code == "PRODUCT_NOT_SELLABLE"
    assert gate.status == "flagged" and "không được niêm yết" in gate.warnings[0]
    assert short.status == "flagged" and short.order.charge_status == "partial"
    assert short.order.total_charged_amount == 120_000 and short.order.total_amount == 150_000
    kinds = dict(PosReconciliation.objects.values_list("kind", "amount"))
    assert kinds == {"gate": 0, "payment": 30_000}
    client.force_login(cashier)
    page = client.get("/pos/bao-cao/doi-soat/").content.decode()
    assert "30.000" in page and "không còn đủ điều kiện" in page
