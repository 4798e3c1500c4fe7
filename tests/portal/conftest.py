"""A small world: producers A and B (each with an owner, a store and products), a showroom, a consumer,
POS staff and centre staff."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from accounts.permissions import Perm
from catalog.models import Attribute, ModerationStatus
from channels.models import ChannelKind
from inventory.models import WarehouseKind
from inventory.services import stock_receive
from producers.models import MemberRole
from tests.factories import make_category, make_channel, make_producer, make_user, make_warehouse
from tests.factories.catalog import make_listed_product, make_product, make_variant
from tests.factories.portal import make_member

CENTRE_PERMS = [Perm.MODERATE_LISTINGS.value, Perm.MANAGE_PRODUCERS.value, Perm.MANAGE_CERTIFICATES.value]


@dataclass
class World:
    online: object
    showroom_channel: object
    category: object
    producer_a: object
    producer_b: object
    owner_a: object
    member_a: object
    owner_b: object
    consumer: object
    pos_staff: object
    centre: object
    store_a: object
    store_b: object
    showroom: object
    product_a: object
    variant_a: object
    product_b: object
    variant_b: object
    draft_a: object


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Password hashing dominates fixture time on a shared 2-core machine; MD5 is fine for tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db, _fast_passwords) -> World:
    online = make_channel("truc-tuyen", name="Trực tuyến", kind=ChannelKind.ONLINE)
    showroom_channel = make_channel("showroom-hac-thanh", name="Showroom Hạc Thành", kind=ChannelKind.SHOWROOM)
    category = make_category("Thực phẩm", ocop_group_code="1")
    Attribute.objects.get_or_create(slug="thanh-phan", defaults={"name": "Thành phần"})
    Attribute.objects.get_or_create(slug="khoi-luong", defaults={"name": "Khối lượng tịnh"})
    producer_a = make_producer(name="HTX Nem chua A")
    producer_b = make_producer(name="HTX Mắm B")
    owner_a = make_member(producer_a, email="owner-a@example.vn")
    member_a = make_member(producer_a, role=MemberRole.MEMBER, email="member-a@example.vn")
    owner_b = make_member(producer_b, email="owner-b@example.vn")
    consumer = make_user("khach@example.vn")
    showroom = make_warehouse(channels=[showroom_channel], kind=WarehouseKind.SHOWROOM, name="Showroom Hạc Thành")
    pos_staff = make_user("thu-ngan@example.vn", perms=[Perm.MANAGE_POS.value])
    showroom.staff.add(pos_staff)
    centre = make_user("trung-tam@example.vn", perms=CENTRE_PERMS, is_staff=True)
    store_a = make_warehouse(kind=WarehouseKind.PRODUCER_STORE, producer=producer_a, name="Cửa hàng A")
    store_b = make_warehouse(kind=WarehouseKind.PRODUCER_STORE, producer=producer_b, name="Cửa hàng B")
    product_a, variant_a = make_listed_product(online, producer=producer_a, name="Nem chua Thanh Hóa",
                                               price=50_000, category=category)
    product_b, variant_b = make_listed_product(online, producer=producer_b, name="Mắm tép Hà Yên",
                                               price=70_000, category=category)
    draft_a = make_product(producer=producer_a, status=ModerationStatus.DRAFT, name="Chè lam nháp")
    make_variant(draft_a, channels=[online], price=30_000)
    for variant, store in ((variant_a, store_a), (variant_b, store_b)):
        stock_receive(variant_id=variant.pk, warehouse_id=store.pk, quantity=20)
        stock_receive(variant_id=variant.pk, warehouse_id=showroom.pk, quantity=5)
    return World(online, showroom_channel, category, producer_a, producer_b, owner_a, member_a, owner_b, consumer,
                 pos_staff, centre, store_a, store_b, showroom, product_a, variant_a, product_b, variant_b, draft_a)
