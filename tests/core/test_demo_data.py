"""The demo data set: real Thanh Hóa facts, enough of everything, and idempotent loading."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import connection

from accounts.models import User
from catalog.gate import gate_reasons, visible_products
from catalog.models import Category, Product, ProductMedia, ProductVariant
from certification.models import CertificateStatus, OcopCertificate
from channels.models import Channel
from core.demo.loader import load_demo_data
from core.demo.places import thanh_hoa_wards
from core.gtin import is_valid_gtin
from inventory.models import Stock, Warehouse
from inventory.services import ledger_drift
from pos.access import registers_to_open
from producers.models import Producer

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # the demo loader creates four users


def table_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            if not model._meta.managed or model._meta.proxy:
                continue
            table = model._meta.db_table
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load once per module (it generates 41 images), then reload to prove idempotency; all inside
    one transaction that is rolled back at the end, so other modules see an empty database."""
    from django.db import transaction
    from django.test import override_settings

    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=FAST_HASHERS):
        with transaction.atomic():
            out = io.StringIO()
            with override_settings(STATIC_ROOT=tmp_path_factory.mktemp("static")):
                call_command("demo", "--no-serve", stdout=out)  # what `make demo` runs, minus serving
            first = out.getvalue()
            before = table_counts()
            second = load_demo_data()
            after = table_counts()
            yield {"first": first, "second": second, "before": before, "after": after}
            transaction.set_rollback(True)


@pytest.mark.django_db
def test_loading_twice_changes_nothing(demo_db):
    assert "Demo data loaded (" in demo_db["first"]
    assert demo_db["second"].total == 0
    assert demo_db["before"] == demo_db["after"]
    assert demo_db["after"]["catalog_product"] >= 40


@pytest.mark.django_db
def test_demo_data_covers_groups_producers_communes(demo_db):
    assert Product.objects.count() >= 40
    assert Producer.objects.count() >= 20
    groups = {p.category.root.slug for p in Product.objects.select_related("category__parent")}
    assert len(groups) >= 5
    assert Category.objects.filter(parent__isnull=True).count() == 6
    assert Category.objects.filter(parent__isnull=False).count() >= 6
    wards = set(Producer.objects.exclude(ward_code="").values_list("ward_code", flat=True))
    assert len(wards) >= 10
    assert wards <= set(thanh_hoa_wards())
    for producer in Producer.objects.exclude(ward_code=""):
        assert producer.ward_name == thanh_hoa_wards()[producer.ward_code]
    assert len(thanh_hoa_wards()) == 166


@pytest.mark.django_db
def test_named_products_present(demo_db):
    legia = Producer.objects.get(slug="le-gia")
    assert legia.ward_name == "Xã Hoằng Thanh"
    five_star = {c.product.slug for c in OcopCertificate.objects.filter(stars=5, status=CertificateStatus.VALID)}
    assert {"mam-tom-le-gia", "nuoc-mam-le-gia-cot-dac-biet-40n"} <= five_star
    for slug in ("che-lam-phu-quang", "banh-gai-tu-tru", "chieu-coi-ngan-khuong", "mat-ong-huong-hoa",
                 "mien-gao-thang-long", "to-yen-sao-xu-thanh"):
        assert Product.objects.filter(slug=slug).exists(), slug


@pytest.mark.django_db
def test_gate_is_visible_in_demo_data(demo_db):
    assert OcopCertificate.objects.filter(status=CertificateStatus.SUSPENDED).count() == 1
    assert OcopCertificate.objects.filter(status=CertificateStatus.EXPIRED).exists()
    online = Channel.objects.get(slug="online")
    visible = set(visible_products(online).values_list("slug", flat=True))
    assert "mam-tom-le-gia" in visible
    suspended = Product.objects.get(slug="cha-tom-sam-son")
    assert suspended.slug not in visible
    assert "Chứng nhận OCOP đang bị tạm đình chỉ." in gate_reasons(suspended, online)
    expired = Product.objects.get(slug="tuong-xuan-pha")
    assert expired.slug not in visible
    assert "Chứng nhận OCOP đã hết hạn." in gate_reasons(expired, online)
    assert {c.slug for c in Channel.objects.all()} >= {"online", "tho-xuan-airport", "coopmart-thanh-hoa",
                                                      "go-thanh-hoa"}


@pytest.mark.django_db
def test_variants_stock_and_media(demo_db):
    for variant in ProductVariant.objects.all():
        assert variant.gtin.startswith("893") and is_valid_gtin(variant.gtin, (13,))
    assert Stock.objects.filter(quantity__gt=0).count() > 100
    assert ledger_drift() == []
    assert ProductMedia.objects.filter(is_placeholder=True).count() == Product.objects.count()
    assert Warehouse.objects.filter(slug="showroom-tho-xuan-airport", click_and_collect_option="local").exists()
    assert Warehouse.objects.filter(street_address="91 Nguyễn Chí Thanh").exists()
    assert Warehouse.objects.filter(kind="producer_store", producer__slug="le-gia").exists()


@pytest.mark.django_db
def test_demo_accounts(demo_db):
    staff = authenticate(email="staff@ocop.demo", password="ocop-demo-2026")
    assert staff and staff.is_staff and staff.has_perm("accounts.manage_products")
    pos = authenticate(email="pos.thoxuan@ocop.demo", password="ocop-demo-2026")
    assert pos and pos.assigned_warehouses.filter(slug="showroom-tho-xuan-airport").exists()
    owner = authenticate(email="legia@ocop.demo", password="ocop-demo-2026")
    assert owner.producer_memberships.get().producer.slug == "le-gia"
    assert owner.producer_memberships.get().role == "owner"
    customer = authenticate(email="khach@ocop.demo", password="ocop-demo-2026")
    assert customer and not customer.is_staff and customer.addresses.exists()


@pytest.mark.django_db
def test_other_areas_demo_objects(demo_db):
    from campaigns.models import Campaign
    from pos.models import PosRegister

    register = PosRegister.objects.get(warehouse__slug="showroom-tho-xuan-airport")
    assert register.channel.slug == "tho-xuan-airport"
    assert register.staff.filter(email="pos.thoxuan@ocop.demo").exists()
    assert PosRegister.objects.filter(warehouse__slug__in=["coopmart-thanh-hoa", "go-thanh-hoa"]).count() == 2
    assert Campaign.objects.filter(slug="tuan-le-ocop-xu-thanh").exists()
    from campaigns.models import VoucherCode
    from events.models import Event

    assert VoucherCode.objects.filter(code="OCOPXUTHANH").exists()
    fair = Event.objects.get(kind="fair")
    assert fair.channel.kind == "event" and fair.participants.count() == 3
    assert PosRegister.objects.filter(warehouse=fair.warehouse).count() == 2
    # The showroom's staff are offered the showroom only; the fair has its own team.
    pos = User.objects.get(email="pos.thoxuan@ocop.demo")
    assert [r.warehouse.slug for r in registers_to_open(pos)] == ["showroom-tho-xuan-airport"]
    fair_team = User.objects.get(email="pos.hoicho@ocop.demo")
    assert {r.warehouse_id for r in registers_to_open(fair_team)} == {fair.warehouse_id}
