"""E-invoice data kept on `Order.invoice_data` for a POS sale (Decree 123/2020/NĐ-CP as amended by
Decree 70/2025/NĐ-CP: invoices for sales through a cash register are generated from the register,
with the tax authority's code; the buyer's details are optional for retail, ID number if given)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from privacy.personal_id import protect_id_number

from .conf import invoice_symbol, invoice_template, seller
from .units import sale_unit
from .words import number_to_words

PAYMENT_LABELS = {"cash": "Tiền mặt", "vietqr": "Chuyển khoản", "card": "Thẻ"}


def build_invoice_data(*, number: int, sold_at: dt.datetime, register, lines: list[dict], payments: list[dict],
                       buyer: dict | None, total: int, vat_total: int, discount_total: int) -> dict:
    local = timezone.localtime(sold_at)
    methods = sorted({p["method"] for p in payments})
    by_rate: dict[int, dict[str, int]] = {}
    for line in lines:
        bucket = by_rate.setdefault(line["vat_rate"], {"amount_before_vat": 0, "vat_amount": 0})
        bucket["amount_before_vat"] += line["total"] - line["vat_amount"]
        bucket["vat_amount"] += line["vat_amount"]
    buyer = {k: v for k, v in (buyer or {}).items() if v}
    return {
        "decree": ["123/2020/NĐ-CP", "70/2025/NĐ-CP"],
        "generated_from_cash_register": True,
        "template": invoice_template(),
        "symbol": invoice_symbol(local.year),
        "number": number,
        "date": local.date().isoformat(),
        "issued_at": local.isoformat(),
        "currency": "VND",
        "exchange_rate": 1,
        "seller": {**seller(), "sales_point": register.warehouse.name,
                   "sales_point_address": register.warehouse.street_address},
        "buyer": {"name": buyer.get("name", ""), "tax_code": buyer.get("tax_code", ""),
                  "address": buyer.get("address", ""), **protect_id_number(buyer.get("id_number", "")),
                  "email": buyer.get("email", "")},
        "lines": [
            {"no": i, "name": line["name"], "variant": line.get("variant_name", ""), "sku": line["sku"],
             "unit": line.get("unit") or sale_unit(line.get("variant_name")),
             "quantity": line["quantity"], "unit_price": line["unit_price"],
             "discount": line["discount"] * line["quantity"],
             "amount_before_vat": line["total"] - line["vat_amount"], "vat_rate": line["vat_rate"],
             "vat_amount": line["vat_amount"], "amount": line["total"]}
            for i, line in enumerate(lines, start=1)
        ],
        "vat_by_rate": [{"vat_rate": rate, **vals} for rate, vals in sorted(by_rate.items())],
        "total_before_vat": total - vat_total,
        "total_vat": vat_total,
        "total_discount": discount_total,
        "total": total,
        "total_in_words": number_to_words(total),
        "payment_method": "/".join(PAYMENT_LABELS.get(m, m) for m in methods),
    }
