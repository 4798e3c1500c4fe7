"""English for the POS: server-rendered pages, the app shell's JS labels, API errors, and a complete catalogue."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.utils import translation
from graphql_relay import to_global_id

from pos.js_labels import JS_MESSAGES
from pos.sales import PaymentInput, sale_sync

from .conftest import sale_input

PO = Path(__file__).resolve().parents[2] / "backend" / "pos" / "locale" / "en" / "LC_MESSAGES" / "django.po"

MOVE = """mutation($s: ID!, $k: String!, $a: Int!, $r: String!) { posCashMovementCreate(shiftId: $s, kind: $k, amount: $a,
  reason: $r) { errors { field code message } } }"""


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def _labels(html: str) -> dict[str, str]:
    blob = re.search(r'<script id="pos-labels" type="application/json">(.*?)</script>', html, re.S)
    assert blob, "the app shell renders the JS labels"
    return json.loads(blob.group(1))


@pytest.mark.django_db
def test_app_shell_and_js_labels_in_english(english):
    html = english.get("/pos/").content.decode()
    assert '<html lang="en">' in html
    assert "Choose a register" in html and "Open shift" in html and "Close shift" in html
    assert "Chọn quầy" not in html and "Tiền mặt khách đưa" not in html
    labels = _labels(html)
    assert set(labels) == set(JS_MESSAGES)
    assert labels["Trực tuyến"] == "Online"
    assert labels["Đã bán – hoá đơn #%(n)s"] == "Sold – receipt #%(n)s"
    assert all(v != k for k, v in labels.items()), "every JS text has an English translation"


@pytest.mark.django_db
def test_app_shell_stays_vietnamese_by_default(client):
    html = client.get("/pos/").content.decode()
    assert '<html lang="vi">' in html and "Chọn quầy" in html
    assert _labels(html)["Trực tuyến"] == "Trực tuyến"


@pytest.mark.django_db
def test_login_and_reports_pages_in_english(english, cashier, shift):
    login = english.get("/pos/dang-nhap/").content.decode()
    assert "Sign in to the sales counter" in login and "Đăng nhập quầy bán hàng" not in login
    english.force_login(cashier)
    reports = english.get("/pos/bao-cao/").content.decode()
    assert "Point-of-sale reports" in reports and "Z report" in reports
    assert "Báo cáo bán hàng tại điểm" not in reports
    z = english.get(f"/pos/bao-cao/ca/{shift.pk}/").content.decode()
    assert "Z report (end of shift)" in z and "Opening float" in z and "Báo cáo Z (kết ca)" not in z
    daily = english.get("/pos/bao-cao/ngay/").content.decode()
    assert "Daily report" in daily and "No sales on this day." in daily and "Theo quầy" not in daily


@pytest.mark.django_db
def test_receipt_in_english(english, shift, cashier, stocked):
    [res] = sale_sync(user=cashier, sales=[sale_input(shift, stocked[1], 1, payments=[
        PaymentInput(method="cash", amount=200_000)])])
    english.force_login(cashier)  # the register's staff open receipts without the customer link
    html = english.get(f"/pos/hoa-don/{res.order.token}/").content.decode()
    assert "SALES INVOICE" in html and "Change given" in html and "Thank you for your purchase!" in html
    assert "HOÁ ĐƠN BÁN HÀNG" not in html and "Tiền thừa trả khách" not in html


@pytest.mark.django_db
def test_graphql_error_in_english(english, gql, token_for, shift, cashier):
    res = gql(MOVE, {"s": to_global_id("PosShift", shift.pk), "k": "in", "a": 0, "r": "float"},
              token=token_for(cashier))["data"]["posCashMovementCreate"]
    assert res["errors"] == [{"field": "amount", "code": "INVALID", "message": "The amount must be greater than 0."}]


def _po_entries(text: str) -> list[dict[str, str]]:
    """msgid/msgid_plural/msgstr* of each entry (strings joined), plus its flags."""
    entries = []
    for block in text.strip().split("\n\n"):
        entry: dict[str, str] = {"flags": ""}
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] += line
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry[key] += json.loads(line)
            else:
                key, _, value = line.partition(" ")
                entry[key] = json.loads(value)
        entries.append(entry)
    return entries


def test_catalogue_is_complete():
    entries = [e for e in _po_entries(PO.read_text(encoding="utf-8")) if e.get("msgid")]
    assert len(entries) > 200
    for e in entries:
        assert "fuzzy" not in e["flags"], e["msgid"]
        strs = [v for k, v in e.items() if k.startswith("msgstr")]
        assert strs and all(s.strip() for s in strs), f"untranslated: {e['msgid']!r}"
        for s in strs:
            assert sorted(re.findall(r"%\(\w+\)s", s)) == sorted(re.findall(r"%\(\w+\)s", e["msgid"])), e["msgid"]
    assert {m for m in JS_MESSAGES} <= {e["msgid"] for e in entries}


def test_compiled_catalogue_matches_the_po():
    with translation.override("en"):
        assert translation.gettext("Báo cáo Z (kết ca)") == "Z report (end of shift)"
        assert translation.pgettext("pos", "Loại") == "Type"
        assert translation.ngettext("%(n)s mục cần đối soát tồn kho", "%(n)s mục cần đối soát tồn kho", 2) \
            == "%(n)s items need stock reconciliation"
