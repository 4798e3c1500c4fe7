"""Receipts: 80 mm HTML and PDF with a QR linking to the order, reprint, e-mail; invoice words."""

from __future__ import annotations

import io

import pypdfium2
import pytest
import zxingcpp
from django.conf import settings
from django.core import mail

from orders.models import OrderEvent
from pos.receipt_access import receipt_key, receipt_link_valid
from pos.receipts import receipt_pdf, receipt_url
from pos.sales import PaymentInput, sale_sync
from pos.units import sale_unit
from pos.words import number_to_words

from .conftest import sale_input


@pytest.fixture
def order(shift, cashier, stocked):
    [res] = sale_sync(user=cashier, sales=[sale_input(shift, stocked[1], 2, payments=[
        PaymentInput(method="cash", amount=300_000)])])
    return res.order


def customer_link(order) -> str:
    return receipt_url(order).removeprefix(settings.PUBLIC_BASE_URL.rstrip("/"))


@pytest.mark.django_db
def test_receipt_html_has_lines_vat_totals_payments_change_and_qr(client, order):
    html = client.get(customer_link(order)).content.decode()
    for needle in (str(order.number), "Thuế GTGT 8%", "240.000", "300.000", "60.000", "<svg", "size: 80mm",
                   "Hai trăm bốn mươi nghìn đồng", order.invoice_data["seller"]["tax_code"]):
        assert needle in html, needle
    assert client.get("/pos/hoa-don/00000000-0000-0000-0000-000000000000/").status_code == 404


@pytest.mark.django_db
def test_receipt_pdf_qr_links_to_the_order(client, order):
    resp = client.get(f"/pos/hoa-don/{order.token}/pdf/?k={receipt_key(order)}")
    assert resp["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(io.BytesIO(resp.content))
    page = pdf[0]
    width_mm = page.get_width() / 72 * 25.4
    assert 79 <= width_mm <= 81
    assert len(pdf) == 1
    text = page.get_textpage().get_text_range()
    assert str(order.number) in text and "Tiền thừa" in text
    codes = zxingcpp.read_barcodes(page.render(scale=4).to_pil())
    [code] = [c.text for c in codes]  # the signed customer link (its timestamp is the moment it was made)
    base, key = code.split("?k=")
    assert base == receipt_url(order).split("?k=")[0] and receipt_link_valid(order, key)


@pytest.mark.django_db
def test_reprint_and_email_for_staff_only(client, order, cashier):
    resp = client.post(f"/pos/hoa-don/{order.token}/email/", {"email": "khach@example.vn"})
    assert resp.status_code == 302 and "/dang-nhap/" in resp["Location"] and not mail.outbox
    client.force_login(cashier)
    client.get(f"/pos/hoa-don/{order.token}/?in-lai=1")
    assert OrderEvent.objects.filter(order=order, type="receipt_reprinted").count() == 1
    client.post(f"/pos/hoa-don/{order.token}/email/", {"email": "không-hợp-lệ"})
    assert not mail.outbox
    client.post(f"/pos/hoa-don/{order.token}/email/", {"email": "khach@example.vn"})
    assert mail.outbox[0].to == ["khach@example.vn"]
    assert mail.outbox[0].attachments[0][0] == f"hoa-don-{order.number}.pdf"


@pytest.mark.django_db
def test_customer_email_at_sale_sends_receipt(shift, cashier, stocked, django_capture_on_commit_callbacks):
    sale = sale_input(shift, stocked[1], 1)
    sale.customer_email = "mua@example.vn"
    sale.buyer = {"name": "Công ty TNHH Sen Vàng", "tax_code": "2801234567", "address": "Sầm Sơn"}
    with django_capture_on_commit_callbacks(execute=True):
        [res] = sale_sync(user=cashier, sales=[sale])
    assert mail.outbox and mail.outbox[0].to == ["mua@example.vn"]
    assert res.order.invoice_data["buyer"]["tax_code"] == "2801234567"
    assert receipt_pdf(res.order).startswith(b"%PDF")


@pytest.mark.parametrize("amount, words", [
    (0, "Không đồng"),
    (15_000, "Mười lăm nghìn đồng"),
    (105_000, "Một trăm lẻ năm nghìn đồng"),
    (1_021_000, "Một triệu không trăm hai mươi mốt nghìn đồng"),
    (2_500_000_000, "Hai tỷ năm trăm triệu đồng"),
    (44_000, "Bốn mươi tư nghìn đồng"),
])
def test_amount_in_words(amount, words):
    assert number_to_words(amount) == words


@pytest.mark.django_db
def test_receipt_shows_the_variant_and_its_unit(client, shift, cashier, stocked):
    """"Mật ong 1 cái × 180.000 ₫" told neither the size nor the unit: the line names the variant and
    counts in the unit its name starts with."""
    product, variant = stocked
    variant.name = "Chai 500 ml"
    variant.save(update_fields=["name"])
    [res] = sale_sync(user=cashier, sales=[sale_input(shift, variant, 2)])
    [line] = res.order.invoice_data["lines"]
    assert (line["variant"], line["unit"]) == ("Chai 500 ml", "chai")
    html = client.get(customer_link(res.order)).content.decode()
    assert f'{product.name} – <span class="line-variant">Chai 500 ml</span>' in html
    assert "2 chai × 120.000" in html


@pytest.mark.parametrize(("name", "unit"), [("Hũ 200 g", "hũ"), ("Hộp quà 2 chai 500 ml", "hộp"),
                                            ("Cỡ lớn (Ø 35 cm)", "cái"), ("", "cái"), ("Túi 10 chiếc", "túi")])
def test_sale_unit_from_the_variant_name(name, unit):
    assert sale_unit(name) == unit
