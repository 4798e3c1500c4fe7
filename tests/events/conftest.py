import datetime as dt

import pytest
from django.utils import timezone

from events.services import event_create, participant_add
from inventory.models import WarehouseKind
from inventory.services import stock_receive
from tests.factories import make_channel, make_listed_product, make_producer, make_user, make_warehouse


@pytest.fixture
def fair(db):
    """A fair with two producers' products listed online, stock at a showroom, and a cashier."""
    online = make_channel("online")
    showroom = make_warehouse(kind=WarehouseKind.SHOWROOM, name="Showroom Thọ Xuân")
    legia = make_producer(name="Lê Gia")
    phuquang = make_producer(name="Chè lam Phủ Quảng")
    p1, v1 = make_listed_product(online, producer=legia, price=150_000, name="Nước mắm Lê Gia 40N", stars=5)
    p2, v2 = make_listed_product(online, producer=phuquang, price=40_000, name="Chè lam Phủ Quảng")
    stock_receive(variant_id=v1.pk, warehouse_id=showroom.pk, quantity=50)
    stock_receive(variant_id=v2.pk, warehouse_id=showroom.pk, quantity=80)
    cashier = make_user("quay@ocop.demo")
    today = timezone.localdate()
    event = event_create(name="Chợ phiên OCOP Quảng trường Lam Sơn", kind="fair", venue="Quảng trường Lam Sơn",
                         start_date=today - dt.timedelta(days=1), end_date=today + dt.timedelta(days=2),
                         register_count=2, staff=[cashier])
    participant_add(event=event, producer=legia, stand_number="A01", products=[p1])
    participant_add(event=event, producer=phuquang, stand_number="A02", products=[p2])
    event.refresh_from_db()
    return {"event": event, "showroom": showroom, "v1": v1, "v2": v2, "p1": p1, "p2": p2, "cashier": cashier,
            "legia": legia, "phuquang": phuquang, "online": online}
