"""Seller identity printed on POS receipts and e-invoices (settings override the demo defaults)."""

from __future__ import annotations

from django.conf import settings


def seller() -> dict[str, str]:
    return {
        "name": getattr(settings, "POS_SELLER_NAME", "Trung tâm Xúc tiến Thương mại Thanh Hóa"),
        "tax_code": getattr(settings, "POS_SELLER_TAX_CODE", "2801234567"),
        "address": getattr(settings, "POS_SELLER_ADDRESS", "47 Đại lộ Lê Lợi, phường Hạc Thành, tỉnh Thanh Hóa"),
    }


def invoice_template() -> str:
    """Mẫu số hoá đơn: 1 = hoá đơn giá trị gia tăng (Decree 123/2020, Circular 78/2021)."""
    return getattr(settings, "POS_INVOICE_TEMPLATE", "1")


def invoice_symbol(year: int) -> str:
    """Ký hiệu: C (có mã của cơ quan thuế) + 2 digits of the year + M (khởi tạo từ máy tính tiền) + 2 letters."""
    suffix = getattr(settings, "POS_INVOICE_SUFFIX", "OC")
    return f"C{year % 100:02d}M{suffix}"
