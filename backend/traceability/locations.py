"""URIs for EPCIS readPoint/bizLocation: our warehouses and producers, as URIs on our domain."""

from __future__ import annotations

from .digital_link import trace_base_url


def warehouse_uri(warehouse) -> str:
    return f"{trace_base_url()}/truy-xuat/dia-diem/kho/{warehouse.slug}"


def producer_uri(producer) -> str:
    return f"{trace_base_url()}/truy-xuat/dia-diem/chu-the/{producer.slug}"


def order_uri(order) -> str:
    return f"{trace_base_url()}/truy-xuat/giao-dich/don-hang/{order.number}"
