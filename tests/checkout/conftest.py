from __future__ import annotations

import pytest

from inventory.models import ClickAndCollect, WarehouseKind
from tests.factories import make_warehouse


@pytest.fixture
def depot(channel):
    """The online shop's main warehouse (no click-and-collect)."""
    return make_warehouse(channels=[channel], kind=WarehouseKind.DISPLAY_CENTRE, name="Kho Trung tâm XTTM")


@pytest.fixture
def showroom(channel, depot):
    """A showroom that is a collection point (Saleor's click_and_collect_option=local)."""
    return make_warehouse(channels=[channel], name="Showroom OCOP Hạc Thành", street_address="25 Đại lộ Lê Lợi",
                          ward_code="14797", ward_name="Phường Hạc Thành",
                          click_and_collect_option=ClickAndCollect.LOCAL)


@pytest.fixture
def staff(db):
    from tests.factories import make_user

    return make_user("nhanvien@ocop.vn", perms=["accounts.manage_orders"], is_staff=True)
