"""Traceability services on real PostgreSQL: batches, issuing, events from the ledger, sales, scans."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from inventory import services as inv
from inventory.models import MovementReason
from orders.models import Order, OrderOrigin, OrderStatus
from tests.domain_errors import raises_domain
from tests.factories import make_channel, make_product, make_variant, make_warehouse
from tests.factories.traceability import make_batch
from traceability import services
from traceability.models import Batch, Stamp, StampScanAlert, StampStatus, TraceEvent

pytestmark = pytest.mark.django_db


def _input(variant, **over):
    data = dict(variant_id=variant.pk, lot_code="L1", production_date=timezone.localdate() - dt.timedelta(days=1),
                expiry_date=timezone.localdate() + dt.timedelta(days=300), quantity=10)
    data.update(over)
    return services.BatchInput(**data)


@pytest.mark.parametrize("over,field,code", [
    ({"lot_code": "LÔ 1"}, "lotCode", "INVALID"),
    ({"lot_code": "A" * 21}, "lotCode", "INVALID"),
    ({"expiry_date": dt.date(2020, 1, 1), "production_date": dt.date(2020, 2, 1)}, "expiryDate", "INVALID_DATE"),
    ({"quantity": 0}, "quantity", "INVALID_QUANTITY"),
    ({"production_date": timezone.localdate() + dt.timedelta(days=5)}, "productionDate", "INVALID_DATE"),
])
def test_batch_create_rejects_bad_input_and_creates_nothing(trace_staff, over, field, code):
    variant = make_variant(make_product())
    with raises_domain(code, field):
        services.batch_create(user=trace_staff, data=_input(variant, **over))
    assert not Batch.objects.exists()


def test_batch_create_rejects_variant_with_bad_or_missing_gtin(trace_staff):
    product = make_product()
    no_gtin = make_variant(product, gtin=None)
    with raises_domain("INVALID_GTIN", "variant") as exc:
        services.batch_create(user=trace_staff, data=_input(no_gtin))
    assert exc.value.code == "INVALID_GTIN"
    bad = make_variant(product, gtin="8930000000011")
    with raises_domain("INVALID_GTIN", "variant") as exc:
        services.batch_create(user=trace_staff, data=_input(bad))
    assert exc.value.code == "INVALID_GTIN"
    assert not Batch.objects.exists()


def test_producer_member_may_create_only_for_own_products(batch, producer_user, other_producer_user):
    own = services.batch_create(user=producer_user, data=_input(batch.variant, lot_code="L2"))
    assert own.producer_id == batch.producer_id
    with raises_domain("PERMISSION_DENIED", None) as exc:
        services.batch_create(user=other_producer_user, data=_input(batch.variant, lot_code="L3"))
    assert exc.value.code == "PERMISSION_DENIED"
    with raises_domain("PERMISSION_DENIED", None):
        services.stamps_issue(user=other_producer_user, batch_id=batch.pk, count=1)
    assert not Stamp.objects.exists()


def test_duplicate_lot_for_same_variant_is_rejected(batch, trace_staff):
    with raises_domain("ALREADY_EXISTS", "lotCode") as exc:
        services.batch_create(user=trace_staff, data=_input(batch.variant, lot_code=batch.lot_code))
    assert exc.value.code == "ALREADY_EXISTS"


def test_issue_stamps_unique_unguessable_serials_and_commissioning_event(batch, trace_staff):
    result = services.stamps_issue(user=trace_staff, batch_id=batch.pk, count=20)
    serials = result.serials
    assert len(set(serials)) == 20
    assert all(len(s) == services.SERIAL_LENGTH and set(s) <= set(services.SERIAL_ALPHABET) for s in serials)
    assert sorted(serials) != serials or len({s[:6] for s in serials}) > 1  # not a sequence
    batch.refresh_from_db()
    assert batch.stamps_issued == 20
    ev = result.event
    assert (ev.action, ev.biz_step, ev.disposition) == ("ADD", "commissioning", "active")
    assert sorted(ev.serials) == sorted(serials)
    assert ev.event_time_zone_offset == "+07:00"
    stamp = Stamp.objects.get(serial=serials[0])
    uri = services.stamp_uri(stamp)
    assert uri == f"https://ocop.thanhhoa.vn/01/{batch.variant.gtin.zfill(14)}/10/LOT-2026%2F01/21/{stamp.serial}"


def test_cannot_issue_more_than_batch_quantity_across_issues(batch, trace_staff):
    services.stamps_issue(user=trace_staff, batch_id=batch.pk, count=30)
    second = services.stamps_issue(user=trace_staff, batch_id=batch.pk, count=15)
    assert second.issue_run == 2
    with raises_domain("QUANTITY_GREATER_THAN_LIMIT", "count") as exc:
        services.stamps_issue(user=trace_staff, batch_id=batch.pk, count=6)
    assert exc.value.code == "QUANTITY_GREATER_THAN_LIMIT" and "5" in exc.value.message
    assert Stamp.objects.filter(batch=batch).count() == 45
    assert TraceEvent.objects.filter(batch=batch, biz_step="commissioning").count() == 2
    for bad in (0, -1):
        with raises_domain("INVALID_QUANTITY", "count"):
            services.stamps_issue(user=trace_staff, batch_id=batch.pk, count=bad)


def test_stock_movements_write_class_level_events_fifo(trace_staff):
    channel = make_channel()
    centre, showroom = make_warehouse(channels=[channel]), make_warehouse(channels=[channel], ward_name="Phường Hạc Thành")
    old = make_batch(quantity=5, production_date=timezone.localdate() - dt.timedelta(days=30))
    new = make_batch(variant=old.variant, quantity=100)
    v = old.variant.pk
    inv.stock_receive(variant_id=v, warehouse_id=centre.pk, quantity=50)  # receipt: no event
    assert not TraceEvent.objects.filter(quantity__isnull=False).exists()
    inv.stock_remove(variant_id=v, warehouse_id=centre.pk, quantity=8, reason=MovementReason.TRANSFER_OUT)
    inv.stock_receive(variant_id=v, warehouse_id=showroom.pk, quantity=8, reason=MovementReason.TRANSFER_IN)
    order = Order.objects.create(number=990001, channel=channel, origin=OrderOrigin.POS, warehouse=showroom)
    inv.stock_remove(variant_id=v, warehouse_id=showroom.pk, quantity=3, reason=MovementReason.SALE,
                     ref=inv.Ref("order", order.number))
    shipping = list(TraceEvent.objects.filter(biz_step="shipping").order_by("pk"))
    assert [(e.batch_id, e.quantity) for e in shipping] == [(old.pk, 5), (new.pk, 3)]
    assert all(e.read_point.endswith(f"/kho/{centre.slug}") and e.biz_location == "" for e in shipping)
    receiving = list(TraceEvent.objects.filter(biz_step="receiving").order_by("pk"))
    assert [(e.batch_id, e.quantity, e.disposition) for e in receiving] == [(old.pk, 5, "in_progress"),
                                                                            (new.pk, 3, "in_progress")]
    assert receiving[0].biz_location.endswith(f"/kho/{showroom.slug}")
    sale = TraceEvent.objects.get(biz_step="retail_selling")
    assert (sale.batch_id, sale.quantity, sale.order_id, sale.disposition) == (old.pk, 3, order.pk, "retail_sold")


def test_movements_of_variants_without_batches_write_nothing(db):
    variant = make_variant(make_product())
    wh = make_warehouse()
    inv.stock_receive(variant_id=variant.pk, warehouse_id=wh.pk, quantity=5, reason=MovementReason.TRANSFER_IN)
    assert not TraceEvent.objects.exists()


def test_stamp_mark_sold_then_again_warns_and_cancel_releases(batch, trace_staff):
    channel = make_channel()
    showroom = make_warehouse(channels=[channel])
    serial = services.stamps_issue(user=trace_staff, batch_id=batch.pk, count=2).serials[0]
    stamp = Stamp.objects.get(serial=serial)
    uri = services.stamp_uri(stamp)
    assert services.stamp_lookup(uri).ok
    order = Order.objects.create(number=990002, channel=channel, origin=OrderOrigin.POS, warehouse=showroom)
    sale = services.stamp_mark_sold(uri, order=order)
    assert sale.event.serials == [serial] and sale.event.biz_location.endswith(showroom.slug)
    assert services.stamp_mark_sold(serial, order=order).event is None  # same order: idempotent
    other = Order.objects.create(number=990003, channel=channel, origin=OrderOrigin.POS, warehouse=showroom)
    with raises_domain("STAMP_ALREADY_SOLD", "uri") as exc:
        services.stamp_mark_sold(uri, order=other)
    assert exc.value.code == "STAMP_ALREADY_SOLD"
    soft = services.stamp_mark_sold(uri, order=other, strict=False)
    assert soft.already_sold and "đã được bán" in soft.warning
    info = services.stamp_lookup(uri)
    assert (info.status, info.variant, info.ok) == ("sold", batch.variant, False)
    assert "Tem này đã được bán" in info.warning
    order.status = OrderStatus.CANCELED
    order.save()
    stamp.refresh_from_db()
    assert stamp.status == StampStatus.APPLIED and stamp.order_id is None
    assert TraceEvent.objects.filter(biz_step="stocking", serials__contains=[serial]).exists()


def test_stamp_lookup_counterfeit_cases(batch, trace_staff):
    serial = services.stamps_issue(user=trace_staff, batch_id=batch.pk, count=1).serials[0]
    stamp = Stamp.objects.get(serial=serial)
    gtin14 = batch.variant.gtin.zfill(14)
    unknown = services.stamp_lookup(f"https://ocop.thanhhoa.vn/01/{gtin14}/10/X/21/ZZZZZZZZZZZZ")
    assert unknown.status == "unknown" and "Tem không hợp lệ" in unknown.warning
    other = make_variant(make_product())
    moved = services.stamp_lookup(f"https://ocop.thanhhoa.vn/01/{other.gtin.zfill(14)}/21/{serial}")
    assert moved.status == "unknown"  # genuine serial copied under another product
    assert services.stamp_lookup("https://ocop.thanhhoa.vn/01/123/21/X").status == "invalid"
    assert services.stamp_lookup("hello world").status == "invalid"
    services.stamp_void(user=trace_staff, stamp=stamp, reason="In lỗi")
    voided = services.stamp_lookup(services.stamp_uri(stamp))
    assert voided.status == "voided" and "Tem không hợp lệ" in voided.warning
    ev = TraceEvent.objects.get(biz_step="decommissioning")
    assert (ev.action, ev.disposition, ev.serials) == ("DELETE", "inactive", [serial])
    with raises_domain("STAMP_VOIDED", "uri"):
        services.stamp_mark_sold(serial)


def test_scans_from_many_places_raise_one_alert(batch, trace_staff, settings):
    settings.TRACE_ALERT_DISTINCT_IPS = 3
    serial = services.stamps_issue(user=trace_staff, batch_id=batch.pk, count=1).serials[0]
    stamp = Stamp.objects.get(serial=serial)
    link = services.dl.parse(services.stamp_uri(stamp))
    for ip in ["10.0.0.1", "10.0.0.1", "10.0.0.2"]:
        assert services.record_scan(link=link, stamp=stamp, result="applied", ip=ip) is None
    alert = services.record_scan(link=link, stamp=stamp, result="applied", ip="10.0.0.3", location="Hà Nội")
    assert alert is not None and alert.distinct_ips == 3
    services.record_scan(link=link, stamp=stamp, result="applied", ip="10.0.0.4")
    assert StampScanAlert.objects.count() == 1
    assert StampScanAlert.objects.get().distinct_ips == 4
    stamp.refresh_from_db()
    assert stamp.scan_count == 5


def test_stamp_return_makes_it_sellable_again(batch, trace_staff):
    serial = services.stamps_issue(user=trace_staff, batch_id=batch.pk, count=1).serials[0]
    with raises_domain("INVALID_STATUS", "uri") as exc:
        services.stamp_return(serial)
    assert exc.value.code == "INVALID_STATUS"
    services.stamp_mark_sold(serial, warehouse=make_warehouse())
    stamp = services.stamp_return(serial)
    assert stamp.status == StampStatus.APPLIED and services.stamp_lookup(serial).ok
    ev = TraceEvent.objects.filter(serials__contains=[serial]).order_by("-pk").first()
    assert (ev.biz_step, ev.disposition) == ("stocking", "sellable_accessible") and ev.read_point
    services.stamp_mark_sold(serial)  # can be sold again
