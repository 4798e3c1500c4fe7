"""Every portal and centre page renders for its audience (mobile markup: labelled inputs, no scripts)."""

from __future__ import annotations

import re

import pytest

from tests.factories.portal import png_upload

pytestmark = pytest.mark.django_db

PRODUCER_PAGES = ["/kenh-nguoi-ban/", "/kenh-nguoi-ban/san-pham/", "/kenh-nguoi-ban/san-pham/moi/",
                  "/kenh-nguoi-ban/chung-nhan/", "/kenh-nguoi-ban/ton-kho/", "/kenh-nguoi-ban/doanh-so/",
                  "/kenh-nguoi-ban/doi-soat/", "/kenh-nguoi-ban/thanh-vien/", "/kenh-nguoi-ban/dang-ky/"]
CENTRE_PAGES = ["/trung-tam/kiem-duyet/", "/trung-tam/hoa-hong/", "/trung-tam/chu-the/"]


def _inputs_are_labelled(html: str) -> None:
    ids = set(re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html))
    labelled = set(re.findall(r'<label[^>]*\bfor="([^"]+)"', html))
    assert ids <= labelled, ids - labelled


def test_producer_pages(world, client):
    client.force_login(world.owner_a)
    for url in PRODUCER_PAGES + [f"/kenh-nguoi-ban/san-pham/{world.product_a.pk}/"]:
        resp = client.get(url)
        assert resp.status_code == 200, url
        html = resp.content.decode()
        assert '<html lang="vi"' in html and 'name="viewport"' in html
        _inputs_are_labelled(html)


def test_centre_pages(world, client):
    from portal.services import listings

    product = listings.product_create_with_variant(
        user=world.owner_a, producer=world.producer_a, name="Bánh gai", description="<p>x</p>",
        category_id=world.category.pk, sku="BG-1", price=10_000, image=png_upload())
    listings.product_submit(user=world.owner_a, product=product)
    client.force_login(world.centre)
    for url in CENTRE_PAGES + [f"/trung-tam/kiem-duyet/san-pham/{product.pk}/"]:
        resp = client.get(url)
        assert resp.status_code == 200, url
        _inputs_are_labelled(resp.content.decode())
    assert "HTX Nem chua A" in client.get("/trung-tam/chu-the/").content.decode()


def test_login_lands_on_the_right_home_and_logout_is_a_post(world, client):
    world.owner_a.set_password("mat-khau-123456")
    world.owner_a.save()
    world.centre.set_password("mat-khau-123456")
    world.centre.save()
    resp = client.post("/kenh-nguoi-ban/dang-nhap/", {"username": world.owner_a.email, "password": "mat-khau-123456"})
    assert resp["Location"] == "/kenh-nguoi-ban/"
    assert client.post("/kenh-nguoi-ban/dang-xuat/").status_code == 302
    assert client.get("/kenh-nguoi-ban/").status_code == 302
    resp = client.post("/kenh-nguoi-ban/dang-nhap/", {"username": world.centre.email, "password": "mat-khau-123456"})
    assert resp["Location"] == "/trung-tam/kiem-duyet/"
    client.post("/kenh-nguoi-ban/dang-xuat/")
    resp = client.post("/kenh-nguoi-ban/dang-nhap/", {"username": world.centre.email, "password": "sai"})
    assert resp.status_code == 200 and 'role="alert"' in resp.content.decode()


def test_non_member_gets_a_helpful_page(world, client):
    client.force_login(world.consumer)
    resp = client.get("/kenh-nguoi-ban/san-pham/")
    assert resp.status_code == 403 and "Đăng ký làm người bán" in resp.content.decode()
    assert client.get("/trung-tam/kiem-duyet/").status_code == 403


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role,url", [
    ("owner_a", "/kenh-nguoi-ban/san-pham/"),
    ("owner_a", "/kenh-nguoi-ban/chung-nhan/"),
    ("owner_a", "/kenh-nguoi-ban/ton-kho/"),
    ("centre", "/trung-tam/kiem-duyet/"),
    ("centre", "/trung-tam/chu-the/"),
])
def test_list_pages_do_not_grow_queries_with_rows(world, client, role, url):
    """Query count is the same with 1 or 3 extra rows of every kind (no N+1)."""
    from portal.services import certificates, listings, stock
    from tests.factories import make_certificate, make_producer
    from tests.factories.portal import pdf_upload

    def add(n: int) -> None:
        for _ in range(n):
            i = add.count = getattr(add, "count", 0) + 1
            p = listings.product_create_with_variant(
                user=world.owner_a, producer=world.producer_a, name=f"Sản phẩm thêm {i}", description="<p>x</p>",
                category_id=world.category.pk, sku=f"THEM-{i}", price=10_000, image=png_upload())
            listings.product_submit(user=world.owner_a, product=p)
            make_certificate(p)
            certificates.certificate_upload(user=world.owner_a, product=p, upload=pdf_upload())
            stock.stock_add(user=world.owner_a, producer=world.producer_a, warehouse_id=world.store_a.pk,
                            variant_id=p.variants.get().pk, quantity=3)
            stock.consignment_request(user=world.owner_a, producer=world.producer_a, source_id=world.store_a.pk,
                                      destination_id=world.showroom.pk, variant_id=p.variants.get().pk, quantity=1)
            make_producer(name=f"HTX thêm {i}")

    client.force_login(getattr(world, role))
    add(1)
    few = _queries(client, url)
    add(2)
    assert _queries(client, url) == few
