from __future__ import annotations

import pytest

from inventory.models import WarehouseKind
from tests.factories import make_user, make_warehouse


@pytest.fixture
def depot(channel):
    return make_warehouse(channels=[channel], kind=WarehouseKind.DISPLAY_CENTRE, name="Kho Trung tâm XTTM")


@pytest.fixture
def staff(db):
    return make_user("nhanvien@ocop.vn", perms=["accounts.manage_orders"], is_staff=True)
