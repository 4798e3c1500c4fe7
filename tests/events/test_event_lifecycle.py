"""Events end to end: create → stock to the stand → POS sales → CSV tally → close-out → report."""

import datetime as dt

import pytest
from django.utils import timezone

from catalog.gate import is_visible
from channels.models import ChannelKind
from events.closeout import event_close_out
from events.errors import EventError, ImportRowError
from events.imports import event_sales_import
from events.models import EventSalesImport, EventStatus
from events.report import event_report, report_csv
from events.services import event_close, event_create, event_stock_return, event_stock_send
from inventory.models import Stock
from inventory.services import stock_write_off
from inventory.transfers import transfer_receive
from orders.models import Order
from pos.models import PosRegister
from pos.sales import PaymentInput, SaleInput, SaleLineInput, sale_sync
from pos.shifts import shift_close, shift_open

pytestmark = pytest.mark.django_db


def test_creating_an_event_creates_its_channel_stand_and_registers(fair):
    event = fair["event"]
    assert event.channel.kind == ChannelKind.EVENT and event.channel.is_active
    assert event.warehouse.kind == "event_stand"
    assert list(event.warehouse.channels.all()) == [event.channel]
    registers = PosRegister.objects.filter(warehouse=event.warehouse, channel=event.channel)
    assert registers.count() == 2 and all(fair["cashier"] in r.staff.all() for r in registers)
    assert event.status == EventStatus.OPEN
    assert is_visible(fair["p1"], event.channel)


def test_event_bad_input():
    today = timezone.localdate()
    with pytest.raises(EventError) as err:
        event_create(name="Tết", kind="fair", venue="Lam Sơn", start_date=today, end_date=today - dt.timedelta(days=1))
    assert err.value.code == "INVALID_DATES"


def _sell(cashier, shift, variant, qty, price, uuid, methods):
    total = price * qty
    payments = [PaymentInput(method=m, amount=a, confirmed=True) for m, a in methods(total)]
    return sale_sync(user=cashier, sales=[SaleInput(client_uuid=uuid, shift_id=shift.pk,
                                                    lines=[SaleLineInput(variant_id=variant.pk, quantity=qty)],
                                                    payments=payments)])[0]


CSV_OK = ("sku,quantity,price,payment_method,date\n"
          "{s1},2,150000,cash,{d}\n"
          "{s2},5,40000,vietqr,{d}\n")


def test_full_event_balances_and_report_totals_equal_the_orders(fair):
    event, cashier, v1, v2 = fair["event"], fair["cashier"], fair["v1"], fair["v2"]
    # Goods go to the stand by transfer; one jar arrives broken.
    transfer = event_stock_send(event=event, source_warehouse_id=fair["showroom"].pk, lines=[(v1.pk, 10), (v2.pk, 20)])
    from inventory.transfers import ReceiveLineInput

    receive_lines = [ReceiveLineInput(line_id=line.pk,
                                      quantity_received=line.quantity - (1 if line.product_variant_id == v1.pk else 0),
                                      quantity_damaged=1 if line.product_variant_id == v1.pk else 0)
                     for line in transfer.lines.all()]
    transfer_receive(transfer_id=transfer.pk, lines=receive_lines)
    # POS sales at register 1 (cash, and a split cash + VietQR).
    register = PosRegister.objects.filter(warehouse=event.warehouse).first()
    shift = shift_open(user=cashier, register_id=register.pk, opening_float=500_000)
    r1 = _sell(cashier, shift, v1, 2, 150_000, "6f1b2c3d-0000-4000-8000-000000000001", lambda t: [("cash", t)])
    r2 = _sell(cashier, shift, v2, 3, 40_000, "6f1b2c3d-0000-4000-8000-000000000002",
               lambda t: [("cash", 20_000), ("vietqr", t - 20_000)])
    assert r1.status == r2.status == "created"
    # A tally from a stand without a device.
    day = timezone.localdate().isoformat()
    result = event_sales_import(event=event, data=CSV_OK.format(s1=v1.sku, s2=v2.sku, d=day).encode(), filename="a.csv")
    assert result.row_count == 2 and len(result.order_numbers) == 2
    # Closing with an open shift is refused (its offline sales may not be synced).
    with pytest.raises(EventError) as err:
        event_close(event=event)
    assert err.value.code == "UNSYNCED_SALES"
    shift_close(user=cashier, shift_id=shift.pk, counts={"500000": 1, "100000": 3, "20000": 1})
    # Goods remain: refused until they go back.
    with pytest.raises(EventError) as err:
        event_close(event=event)
    assert err.value.code == "STOCK_REMAINING"
    left = {s.product_variant_id: s.quantity for s in Stock.objects.filter(warehouse=event.warehouse)}
    assert left == {v1.pk: 10 - 1 - 2 - 2, v2.pk: 20 - 3 - 5}
    stock_write_off(variant_id=v2.pk, warehouse_id=event.warehouse_id, quantity=1, note="Hộp móp")
    back = event_stock_return(event=event, destination_warehouse_id=fair["showroom"].pk,
                              lines=[(v1.pk, 5), (v2.pk, 11)])
    transfer_receive(transfer_id=back.pk)
    close_out = event_close_out(event)
    assert close_out.balanced, close_out.as_dict()
    by_variant = {line.variant_id: line for line in close_out.lines}
    assert (by_variant[v1.pk].sent, by_variant[v1.pk].sold, by_variant[v1.pk].written_off,
            by_variant[v1.pk].returned) == (10, 4, 1, 5)
    assert (by_variant[v2.pk].sent, by_variant[v2.pk].sold, by_variant[v2.pk].written_off,
            by_variant[v2.pk].returned) == (20, 8, 1, 11)
    closed = event_close(event=event)
    assert closed.status == EventStatus.CLOSED and closed.close_out["balanced"] is True
    closed.channel.refresh_from_db()
    assert not closed.channel.is_active
    # The report's totals are the orders' totals.
    orders = Order.objects.filter(channel=event.channel)
    report = event_report(closed)
    assert report.orders == orders.count() == 4
    assert report.revenue == sum(o.total_amount for o in orders) == 4 * 150_000 + 8 * 40_000
    assert report.units == 12
    assert {r["producer"]: r["revenue"] for r in report.by_producer} == {"Lê Gia": 600_000,
                                                                          "Chè lam Phủ Quảng": 320_000}
    assert {r["method"]: r["amount"] for r in report.by_payment_method} == {
        "cash": 300_000 + 20_000 + 300_000, "vietqr": 100_000 + 200_000}
    assert report.top_products[0]["sku"] == v1.sku
    assert "Lê Gia" in report_csv(report)
    with pytest.raises(EventError) as err:
        event_close(event=closed)
    assert err.value.code == "EVENT_CLOSED"


def test_import_validates_every_row_first_and_imports_nothing_on_error(fair):
    event, v1 = fair["event"], fair["v1"]
    event_stock_send(event=event, source_warehouse_id=fair["showroom"].pk, lines=[(v1.pk, 3)])
    from inventory.models import StockTransfer

    for t in StockTransfer.objects.filter(destination=event.warehouse, status="shipped"):
        transfer_receive(transfer_id=t.pk)
    outside = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    bad = ("sku,quantity,price,payment_method,date\n"
           f"{v1.sku},1,150000,cash,\n"
           "KHONG-CO,1,1000,cash,\n"
           f"{v1.sku},-2,150000,cash,\n"
           f"{v1.sku},1,abc,bitcoin,{outside}\n"
           f"{fair['v2'].sku},1,40000,cash,\n")
    with pytest.raises(ImportRowError) as err:
        event_sales_import(event=event, data=bad.encode(), filename="bad.csv")
    lines = dict(err.value.rows)
    assert set(lines) == {3, 4, 5, 6}
    assert "KHONG-CO" in lines[3] and "số lượng" in lines[4]
    assert "thanh toán" in lines[5] and "ngày" in lines[5] and "đơn giá" in lines[5]
    assert "Dòng 3" in err.value.message
    assert Order.objects.filter(channel=event.channel).count() == 0
    assert Stock.objects.get(warehouse=event.warehouse, product_variant=v1).quantity == 3
    # Too many sold for the stock at the stand is a row error too.
    with pytest.raises(ImportRowError) as err:
        event_sales_import(event=event, data=f"sku,quantity,price,payment_method\n{v1.sku},4,150000,cash\n".encode())
    assert "chỉ còn 3" in err.value.rows[0][1]
    good = f"sku,quantity,price,payment_method\n{v1.sku},2,150000,cash\n".encode()
    event_sales_import(event=event, data=good)
    with pytest.raises(EventError) as err:
        event_sales_import(event=event, data=good.replace(b"\n", b"\r\n"))
    assert err.value.code == "IMPORT_DUPLICATE"
    assert EventSalesImport.objects.count() == 1
    assert Order.objects.filter(channel=event.channel).count() == 1


def test_gtin_column_and_expired_products_are_refused(fair):
    event, v1, p1 = fair["event"], fair["v1"], fair["p1"]
    p1.certificates.update(status="suspended")
    with pytest.raises(ImportRowError) as err:
        event_sales_import(event=event, data=f"gtin,quantity,price,payment_method\n{v1.gtin},1,1000,card\n".encode())
    assert "không được phép bán" in err.value.rows[0][1]


def test_campaign_promotion_applies_to_pos_sales_in_the_event_channel(fair):
    """Active promotions apply at the POS the same way as online (through catalog.pricing)."""
    from tests.factories.campaigns import make_catalogue_promotion

    event, cashier, v1 = fair["event"], fair["cashier"], fair["v1"]
    transfer_receive(transfer_id=event_stock_send(event=event, source_warehouse_id=fair["showroom"].pk,
                                                  lines=[(v1.pk, 3)]).pk)
    make_catalogue_promotion(event.channel, percent=10, predicate={"producerIds": [fair["legia"].pk]},
                             name="Hội chợ giảm 10%")
    shift = shift_open(user=cashier, register_id=PosRegister.objects.filter(warehouse=event.warehouse).first().pk,
                       opening_float=0)
    result = _sell(cashier, shift, v1, 1, 135_000, "6f1b2c3d-0000-4000-8000-0000000000aa", lambda t: [("cash", t)])
    assert result.status == "created"
    line = result.order.lines.get()
    assert (line.undiscounted_unit_price, line.unit_price) == (150_000, 135_000)


def test_a_long_event_name_fits_every_derived_field():
    name = "Chợ phiên sản phẩm OCOP và ẩm thực Thanh Hóa – Quảng trường Lam Sơn – lần thứ ba năm 2027 " * 2
    today = timezone.localdate()
    event = event_create(name=name, kind="fair", venue="Quảng trường Lam Sơn", start_date=today, end_date=today,
                         register_count=2)
    codes = list(PosRegister.objects.filter(warehouse=event.warehouse).values_list("code", flat=True))
    assert len(codes) == 2 and all(len(c) <= 64 for c in codes)
