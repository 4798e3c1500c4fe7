"""Factories for the producer portal tests."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from orders.models import ChargeStatus, Order, OrderLine, OrderLineRefund, OrderStatus
from orders.numbers import next_order_number
from producers.models import MemberRole, ProducerMember

from .catalog import make_user


def make_member(producer, *, role: str = MemberRole.OWNER, email: str | None = None, **extra):
    user = make_user(email, **extra)
    ProducerMember.objects.create(producer=producer, user=user, role=role)
    return user


def png_bytes(size: tuple[int, int] = (64, 48), color: str = "green") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "PNG")
    return buf.getvalue()


def png_upload(name: str = "anh.png", **kw) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(**kw), content_type="image/png")


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name: str = "chung-nhan.pdf", data: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def make_order_line(*, channel, variant, quantity: int = 1, unit_price: int = 100_000, returned: int = 0,
                    status: str = OrderStatus.UNFULFILLED, created_at: dt.datetime | None = None,
                    order: Order | None = None, user=None, payable: bool = False,
                    returned_at: dt.datetime | None = None) -> OrderLine:
    """A line of a new order (or of `order`). `payable` makes the order paid and delivered when it was
    placed; `returned` units are refunded at `returned_at` (default: when placed)."""
    if order is None:
        if payable:
            status = OrderStatus.DELIVERED
        order = Order.objects.create(number=next_order_number(), channel=channel, status=status, user=user,
                                     user_email=getattr(user, "email", "") or "khach@example.vn",
                                     charge_status=ChargeStatus.FULL if payable else ChargeStatus.NONE)
        at = created_at or order.created_at
        Order.objects.filter(pk=order.pk).update(created_at=at, payable_at=at if payable else None)
        order.created_at, order.payable_at = at, at if payable else None
    product = variant.product
    line = OrderLine.objects.create(
        order=order, variant=variant, producer=product.producer, product_name=product.name,
        variant_name=variant.name, product_sku=variant.sku, quantity=quantity, quantity_returned=returned,
        undiscounted_unit_price=unit_price, unit_price=unit_price, total_price=unit_price * quantity)
    if returned:
        OrderLineRefund.objects.create(order_line=line, quantity=returned, amount=returned * unit_price,
                                       reason="pos_return", created_at=returned_at or order.created_at)
    return line


def local_noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12, 0)))
