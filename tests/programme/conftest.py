"""A small programme world: two communes with one producer each, the office, a commune officer per
commune, a council of three (plus one member not assigned), the demo criteria of the food group."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from accounts.permissions import Perm
from catalog.models import ProductChannelListing
from channels.models import ChannelKind
from programme.models import Role
from programme.services import scoring
from tests.factories import make_category, make_channel, make_producer, make_user
from tests.factories.catalog import make_product, make_variant
from tests.factories.portal import make_member
from tests.factories.programme import load_demo_criteria, make_cycle, make_role


@dataclass
class Prog:
    online: object
    group: object
    producer_a: object
    producer_b: object
    owner_a: object
    owner_b: object
    product_a: object
    product_b: object
    office: object
    officer_a: object
    officer_b: object
    members: list
    outsider_member: object
    centre: object
    cycle: object
    criteria: object
    council: object


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _unlisted_approved_product(online, producer, name, group):
    """Approved and published, no certificate yet: the gate hides it until the programme certifies it."""
    product = make_product(producer=producer, name=name, category=group)
    ProductChannelListing.objects.create(product=product, channel=online, is_published=True)
    make_variant(product, channels=[online], price=60_000)
    return product


@pytest.fixture
def prog(db) -> Prog:
    online = make_channel("online", name="Trực tuyến", kind=ChannelKind.ONLINE)
    food = make_category("Thực phẩm", slug="thuc-pham", ocop_group_code="1")
    group = make_category("Chế biến từ thịt, trứng, sữa", parent=food, slug="che-bien-thit", ocop_group_code="1.8")
    producer_a = make_producer(name="HTX Nem chua Hoằng Thanh", ward_code="15865", ward_name="Xã Hoằng Thanh")
    producer_b = make_producer(name="HTX Mắm Hải Tiến", ward_code="16012", ward_name="Xã Hải Tiến")
    owner_a = make_member(producer_a, email="chu-a@example.vn")
    owner_b = make_member(producer_b, email="chu-b@example.vn")
    product_a = _unlisted_approved_product(online, producer_a, "Nem chua Hoằng Thanh", group)
    product_b = _unlisted_approved_product(online, producer_b, "Mắm tép Hải Tiến", group)
    office = make_role(make_user("vpdp@example.vn"), Role.OFFICE)
    officer_a = make_role(make_user("xa-a@example.vn"), Role.COMMUNE_OFFICER, "15865", "Xã Hoằng Thanh")
    officer_b = make_role(make_user("xa-b@example.vn"), Role.COMMUNE_OFFICER, "16012", "Xã Hải Tiến")
    members = [make_user(f"hd{i}@example.vn") for i in (1, 2, 3)]
    outsider = make_user("hd4@example.vn")
    centre = make_user("xttm@example.vn", perms=[Perm.VIEW_REPORTS.value], is_staff=True)
    cycle = make_cycle(office)
    criteria = load_demo_criteria("thuc-pham")
    council = scoring.council_create(user=office, cycle=cycle, name="Hội đồng tỉnh đợt 1",
                                     members=[*members, outsider])
    return Prog(online, group, producer_a, producer_b, owner_a, owner_b, product_a, product_b, office, officer_a,
                officer_b, members, outsider, centre, cycle, criteria, council)
