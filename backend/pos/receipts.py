"""Receipts: 80 mm HTML and PDF (WeasyPrint), a QR code (segno) linking to the order, e-mail."""

from __future__ import annotations

import segno
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from orders.models import Order, OrderEvent

from .models import PosSale
from .receipt_access import receipt_key


def receipt_url(order: Order) -> str:
    """The customer's link (QR, e-mail): signed, expiring (pos.receipt_access)."""
    return (settings.PUBLIC_BASE_URL.rstrip("/") + reverse("pos:receipt", args=[order.token])
            + f"?k={receipt_key(order)}")


def receipt_qr_svg(order: Order) -> str:
    return segno.make(receipt_url(order), error="m").svg_inline(scale=3, border=2)


def receipt_order(token) -> Order | None:
    return (Order.objects.select_related("pos_sale__register__warehouse", "channel")
            .prefetch_related("lines", "transactions", "pos_returns").filter(token=token, origin="pos").first())


def receipt_context(order: Order) -> dict:
    ctx = _receipt_context(order)
    ctx["page_height_mm"] = receipt_height_mm(ctx)
    return ctx


def _receipt_context(order: Order) -> dict:
    sale: PosSale | None = getattr(order, "pos_sale", None)
    payments = [t for t in order.transactions.all() if t.amount_charged]
    tendered = sum(int(t.metadata.get("tendered", t.amount_charged)) for t in payments)
    return {
        "order": order,
        "sale": sale,
        "invoice": order.invoice_data,
        "lines": list(order.lines.all()),
        "payments": payments,
        "tendered": tendered,
        "change": sale.change_amount if sale else 0,
        "returns": list(order.pos_returns.all()),
        "qr_svg": receipt_qr_svg(order),
        "url": receipt_url(order),
    }


def receipt_height_mm(ctx: dict) -> int:
    """Length of the 80 mm roll needed: a fixed head and foot plus a few millimetres per row."""
    invoice = ctx["invoice"]
    buyer_rows = sum(1 for v in invoice.get("buyer", {}).values() if v)
    return (175 + 16 * len(invoice.get("lines", [])) + 5 * len(invoice.get("vat_by_rate", []))
            + 5 * (len(ctx["payments"]) + len(ctx["returns"]) + buyer_rows))


def receipt_pdf(order: Order) -> bytes:
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    ctx = {**receipt_context(order), "for_pdf": True}
    doc = HTML(string=render_to_string("pos/receipt.html", ctx), base_url=settings.PUBLIC_BASE_URL).render()
    if len(doc.pages) > 1:  # the estimate was short (long names wrap): one page as long as all of them
        ctx["page_height_mm"] *= len(doc.pages)
        doc = HTML(string=render_to_string("pos/receipt.html", ctx), base_url=settings.PUBLIC_BASE_URL).render()
    return doc.write_pdf()


def receipt_email_send(*, order_id: int, to: str, user=None) -> None:
    order = Order.objects.get(pk=order_id)
    msg = EmailMessage(
        subject=_("Hoá đơn bán hàng #%(n)s – OCOP Thanh Hóa") % {"n": order.number},
        body=_("Cảm ơn quý khách đã mua sản phẩm OCOP Thanh Hóa.\nXem hoá đơn: %(url)s") % {"url": receipt_url(order)},
        to=[to],
    )
    msg.attach(f"hoa-don-{order.number}.pdf", receipt_pdf(order), "application/pdf")
    msg.send()
    OrderEvent.objects.create(order=order, type="receipt_emailed", user=user if user and user.is_authenticated else None,
                              parameters={"to": to})
