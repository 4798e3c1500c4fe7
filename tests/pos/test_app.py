"""The PWA endpoints: shell, manifest, service worker scope, register catalogue, code lookup, demo."""

from __future__ import annotations

import datetime as dt

import pytest

from catalog import pricing
from channels.models import ChannelKind
from inventory.models import WarehouseKind
from pos.demo import ensure_demo_registers
from pos.models import PosRegister
from tests.factories import make_channel, make_user, make_warehouse
from tests.factories.pos import make_cashier, make_register, make_stocked_product


@pytest.mark.django_db
def test_shell_manifest_and_service_worker(client):
    page = client.get("/pos/").content.decode()
    assert 'rel="manifest" href="/pos/manifest.webmanifest"' in page and 'lang="vi"' in page
    manifest = client.get("/pos/manifest.webmanifest")
    data = manifest.json()
    assert data["scope"] == "/pos/" and data["start_url"] == "/pos/" and data["display"] == "standalone"
    assert {i["sizes"] for i in data["icons"]} == {"192x192", "512x512"}
    sw = client.get("/pos/sw.js")
    assert sw["Service-Worker-Allowed"] == "/pos/" and sw["Content-Type"].startswith("text/javascript")
    assert b'"/pos/"' in sw.content


@pytest.mark.django_db
def test_catalogue_has_prices_promotions_stock_and_blocked_reasons(client, register, cashier):
    _, good = make_stocked_product(register, price=150_000, quantity=4, name="Chè lam Phủ Quảng")
    expired, bad = make_stocked_product(register, price=90_000, quantity=2)
    expired.certificates.update(expires_on=dt.date(2021, 1, 1), issued_on=dt.date(2018, 1, 1))

    def promo(base, channel, at):
        return {good.pk: (15_000, 3, "Giảm giá hội chợ")} if good.pk in base else {}

    pricing.register_discount_provider(promo)
    client.force_login(cashier)
    try:
        data = client.get(f"/pos/quay/{register.pk}/danh-muc.json").json()
    finally:
        pricing.DISCOUNT_PROVIDERS.remove(promo)
    [item] = data["items"]
    assert (item["price"], item["undiscounted"], item["promotion"], item["stock"]) == (
        135_000, 150_000, "Giảm giá hội chợ", 4)
    assert item["gtin"] == good.gtin and item["vat_rate"] == 8
    assert data["blocked"][0]["id"] == bad.pk and "hết hạn" in data["blocked"][0]["reasons"][0]


@pytest.mark.django_db
def test_catalogue_and_lookup_denied_to_other_locations(client, register, stocked):
    client.force_login(make_cashier(make_register()))
    assert client.get(f"/pos/quay/{register.pk}/danh-muc.json").status_code == 403
    assert client.get(f"/pos/quay/{register.pk}/tra-cuu/?code=1").status_code == 403


@pytest.mark.django_db
def test_lookup_by_gtin14_and_sku(client, register, cashier, stocked):
    _, variant = stocked
    client.force_login(cashier)
    hit = client.get(f"/pos/quay/{register.pk}/tra-cuu/?code=0{variant.gtin}").json()
    assert hit == {"found": True, "id": variant.pk, "name": variant.product.name, "sellable": True, "reasons": []}
    assert client.get(f"/pos/quay/{register.pk}/tra-cuu/?code={variant.sku.lower()}").json()["id"] == variant.pk
    assert client.get(f"/pos/quay/{register.pk}/tra-cuu/?code=nope").json() == {"found": False, "reasons": []}


@pytest.mark.django_db
def test_ensure_demo_registers_is_idempotent():
    showroom_channel = make_channel("tho-xuan-airport", kind=ChannelKind.SHOWROOM)
    online = make_channel("online-x")
    wh = make_warehouse(channels=[online, showroom_channel], kind=WarehouseKind.SHOWROOM, name="Showroom Thọ Xuân")
    make_warehouse(channels=[online], kind=WarehouseKind.SHOWROOM)  # no POS channel: skipped
    make_warehouse(channels=[showroom_channel], kind=WarehouseKind.PRODUCER_STORE)  # not a showroom: skipped
    staff = make_user("pos.thoxuan@ocop.demo")
    wh.staff.add(staff)
    first = ensure_demo_registers()
    second = ensure_demo_registers()
    assert [r.pk for r in first] == [r.pk for r in second] and PosRegister.objects.count() == 1
    reg = PosRegister.objects.get()
    assert reg.channel == showroom_channel and reg.warehouse == wh and list(reg.staff.all()) == [staff]
