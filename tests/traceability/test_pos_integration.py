"""A real POS sale (pos.sales.sale_sync) writes the class-level retail_selling event through the
ledger signal, and the cashier's scanned stamp is marked sold on that order."""

from __future__ import annotations

import uuid

import pytest

from pos import sales as pos_sales
from pos.shifts import shift_open
from tests.factories.pos import make_cashier, make_register, make_stocked_product
from tests.factories.traceability import make_batch, make_trace_staff
from traceability import services
from traceability.models import Stamp, StampStatus, TraceEvent

pytestmark = pytest.mark.django_db


def test_pos_sale_records_events_and_marks_the_scanned_stamp_sold():
    register = make_register()
    cashier = make_cashier(register)
    _product, variant = make_stocked_product(register, price=120_000, quantity=5)
    batch = make_batch(variant=variant, quantity=5)
    serial = services.stamps_issue(user=make_trace_staff(), batch_id=batch.pk, count=2).serials[0]
    uri = services.stamp_uri(Stamp.objects.get(serial=serial))

    scanned = services.stamp_lookup(uri)  # what GET /truy-xuat/api/tem/?uri= returns to the cashier
    assert scanned.ok and scanned.variant == variant
    shift = shift_open(user=cashier, register_id=register.pk, counts={500_000: 1})
    result = pos_sales.sale_sync(user=cashier, sales=[pos_sales.SaleInput(
        client_uuid=str(uuid.uuid4()), shift_id=shift.pk,
        lines=[pos_sales.SaleLineInput(variant_id=scanned.variant.pk, quantity=1)],
        payments=[pos_sales.PaymentInput(method="cash", amount=120_000)])])[0]
    order = result.order
    assert order is not None
    class_event = TraceEvent.objects.get(biz_step="retail_selling", quantity__isnull=False)
    assert (class_event.order_id, class_event.quantity, class_event.warehouse_id) == (order.pk, 1,
                                                                                      register.warehouse_id)
    sale = services.stamp_mark_sold(uri, order=order)
    assert sale.event.warehouse_id == register.warehouse_id and sale.event.order_id == order.pk
    assert Stamp.objects.get(serial=serial).status == StampStatus.SOLD
    again = services.stamp_lookup(uri)
    assert again.status == "sold" and "Tem này đã được bán" in again.warning
