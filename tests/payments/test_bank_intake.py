"""VietQR transfers confirmed by the bank: signed notifications and CSV statements matched to orders by
reference and amount; replays change nothing; short, over and unknown transfers are flagged."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from django.core.management import call_command

from orders.models import ChargeStatus, OrderStatus
from orders.services import order_create_from_checkout
from payments.models import BankTransaction, BankTransactionStatus, TransactionEvent
from tests.factories import make_warehouse
from tests.factories.checkout import make_ready_checkout, make_stocked_variant

pytestmark = pytest.mark.django_db
SECRET = "bank-shared-secret"
URL = "/payments/bank/webhook/"


@pytest.fixture
def vietqr_order(settings, channel):
    settings.BANK_WEBHOOK_SECRET = SECRET
    depot = make_warehouse(channels=[channel], name="Kho Trung tâm XTTM")
    variant = make_stocked_variant(channel, depot, quantity=5, price=150_000)
    order = order_create_from_checkout(checkout_token=make_ready_checkout(channel, [(variant, 2)],
                                                                         payment="vietqr").token)
    assert (order.total_amount, order.status) == (320_000, OrderStatus.UNCONFIRMED)
    return order


def notify(client, *credits, secret=SECRET):
    body = json.dumps({"error": 0, "data": list(credits)}).encode()
    sig = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return client.post(URL, data=body, content_type="application/json", HTTP_X_SIGNATURE=sig)


def credit(tid, amount, description, when="2026-12-04 10:15:00"):
    return {"tid": tid, "amount": amount, "description": description, "when": when}


def test_exact_transfer_pays_and_a_replay_changes_nothing(client, vietqr_order):
    ref = f"MBVCB.123456.OCOP{vietqr_order.number}.CT tu NGUYEN VAN A"
    first = notify(client, credit("FT2633801", 320_000, ref))
    assert first.status_code == 200
    assert first.json()["results"] == [{"reference": "FT2633801", "status": "paid", "replay": False}]
    vietqr_order.refresh_from_db()
    assert (vietqr_order.charge_status, vietqr_order.status) == (ChargeStatus.FULL, OrderStatus.UNFULFILLED)
    again = notify(client, credit("FT2633801", 320_000, ref))
    assert again.json()["results"] == [{"reference": "FT2633801", "status": "paid", "replay": True}]
    vietqr_order.refresh_from_db()
    assert vietqr_order.total_charged_amount == 320_000
    assert TransactionEvent.objects.filter(type="CHARGE_SUCCESS").count() == 1 and BankTransaction.objects.count() == 1


def test_short_transfer_is_a_flagged_part_payment_then_the_rest_pays(client, vietqr_order):
    ref = f"OCOP {vietqr_order.number}"
    assert notify(client, credit("FT1", 300_000, ref)).json()["results"][0]["status"] == "partial"
    vietqr_order.refresh_from_db()
    assert (vietqr_order.charge_status, vietqr_order.status) == (ChargeStatus.PARTIAL, OrderStatus.UNCONFIRMED)
    assert BankTransaction.objects.get(bank_reference="FT1").needs_review
    assert notify(client, credit("FT2", 20_000, ref)).json()["results"][0]["status"] == "paid"
    vietqr_order.refresh_from_db()
    assert (vietqr_order.charge_status, vietqr_order.status) == (ChargeStatus.FULL, OrderStatus.UNFULFILLED)


def test_over_and_unmatched_transfers_are_flagged_not_accepted(client, vietqr_order):
    res = notify(client, credit("FT9", 500_000, f"OCOP{vietqr_order.number}"), credit("FT10", 320_000, "tien hang"),
                 credit("FT11", 320_000, "OCOP99999999"))
    assert [r["status"] for r in res.json()["results"]] == ["overpaid", "unmatched", "unmatched"]
    vietqr_order.refresh_from_db()
    assert (vietqr_order.charge_status, vietqr_order.total_charged_amount) == (ChargeStatus.NONE, 0)
    assert set(BankTransaction.objects.values_list("needs_review", flat=True)) == {True}
    assert vietqr_order.events.filter(type="bank_transfer_flagged").count() == 1


def test_forged_or_unsigned_notifications_are_refused(client, vietqr_order):
    assert notify(client, credit("FT5", 320_000, f"OCOP{vietqr_order.number}"), secret="wrong").status_code == 403
    assert client.post(URL, data=b"{}", content_type="application/json").status_code == 403
    assert notify(client, {"tid": "", "amount": 1, "description": "x", "when": "2026-12-04 10:00:00"}).status_code == 400
    assert not BankTransaction.objects.exists()
    vietqr_order.refresh_from_db()
    assert vietqr_order.charge_status == ChargeStatus.NONE


def test_statement_import_pays_once_with_the_webhook(client, vietqr_order, tmp_path, capsys):
    notify(client, credit("FT77", 320_000, f"OCOP{vietqr_order.number}"))
    statement = tmp_path / "sao-ke.csv"
    statement.write_text("reference,amount,description,date\n"
                         f"FT77,320000,OCOP{vietqr_order.number} thanh toan,2026-12-04 10:15:00\n"
                         "FT78,45000,chuyen nham,2026-12-04 11:00:00\n", encoding="utf-8")
    call_command("import_bank_statement", str(statement))
    out = capsys.readouterr().out
    assert "FT77\t320000\tpaid\tseen" in out and "FT78\t45000\tunmatched\tnew" in out
    vietqr_order.refresh_from_db()
    assert vietqr_order.total_charged_amount == 320_000
    assert BankTransaction.objects.get(bank_reference="FT78").status == BankTransactionStatus.UNMATCHED
