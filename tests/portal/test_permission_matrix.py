"""The permission matrix: role × object type × operation → allow/deny.

Producer A owns every target object; producer B (and everyone else) uses A's real IDs, i.e. guesses
other producers' IDs. One test per (object, operation) runs every role and compares the whole row with
the expected one, so a failure shows exactly which role got through (or was wrongly refused).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from graphql_relay import to_global_id

from accounts.jwt import create_access_token
from catalog.models import ModerationStatus, Product
from inventory.models import Stock
from portal.models import CommissionRate, ProductRevision
from portal.services import certificates, listings
from tests.factories import make_certificate
from tests.factories.portal import PDF_BYTES, make_order_line, png_upload

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "consumer", "pos_staff", "producer_b", "centre", "producer_a", "member_a")
A = {"producer_a", "member_a"}
A_AND_CENTRE = A | {"centre"}
CENTRE = {"centre"}


@dataclass
class Ctx:
    world: object
    client: object
    submitted: Product  # A's product waiting in the moderation queue (has a private pending image)
    pending_image_id: int
    upload_id: int
    cert_number: str
    month: str

    def user(self, role):
        w = self.world
        return {"anonymous": None, "consumer": w.consumer, "pos_staff": w.pos_staff, "producer_b": w.owner_b,
                "centre": w.centre, "producer_a": w.owner_a, "member_a": w.member_a}[role]

    def login(self, role):
        self.client.logout()
        if self.user(role) is not None:
            self.client.force_login(self.user(role))

    def gql(self, role, query, variables=None, files=None):
        user = self.user(role)
        headers = {"HTTP_AUTHORIZATION": f"Bearer {create_access_token(user)}"} if user else {}
        self.client.logout()
        if files:
            ops = json.dumps({"query": query, "variables": variables or {}})
            data = {"operations": ops, "map": json.dumps({k: [f"variables.{k}"] for k in files}), **files}
            return self.client.post("/graphql/", data, **headers).json()
        return self.client.post("/graphql/", {"query": query, "variables": variables or {}},
                                content_type="application/json", **headers).json()

    def page_shows(self, role, urls, marker: str) -> bool:
        self.login(role)
        for url in urls:
            resp = self.client.get(url)
            if resp.status_code == 200 and marker in resp.content.decode("utf-8", "replace"):
                return True
        return False


@pytest.fixture
def ctx(world, client):
    sub = listings.product_create_with_variant(
        user=world.owner_a, producer=world.producer_a, name="Nem nướng chờ duyệt", description="<p>Mô tả</p>",
        category_id=world.category.pk, sku="NEM-CHO", price=40_000, image=png_upload())
    pending_id = sub.pending_images.get().pk
    listings.product_submit(user=world.owner_a, product=sub)
    upload = certificates.certificate_upload(user=world.owner_a, product=world.product_a,
                                             upload=SimpleUploadedFile("gcn.pdf", PDF_BYTES))
    cert = world.product_a.certificates.get()
    make_order_line(channel=world.online, variant=world.variant_a, quantity=2, unit_price=50_000, payable=True)
    make_order_line(channel=world.online, variant=world.variant_b, quantity=1, unit_price=70_000, payable=True)
    return Ctx(world, client, sub, pending_id, upload.pk, cert.certificate_number,
               timezone.localdate().strftime("%Y-%m"))


def gid(t, pk):
    return to_global_id(t, pk)


def _ok(res, name) -> bool:
    payload = (res.get("data") or {}).get(name)
    return bool(payload) and payload.get("errors") == []


PRODUCT_Q = """query($id: ID!) { portalProduct(id: $id) { name variants { sku price } media { url isPending }
  certificates { certificateNumber daysLeft } certificateUploads { id url } } }"""
QUEUE_Q = """{ moderationQueue { submittedProducts { name variants { sku } media { url } }
  certificateUploads { id productName } producerApplications { id } } }"""


def query_product(c: Ctx, role, product, marker) -> bool:
    """Visible through the producer's query or (for the centre) the moderation queue."""
    one = c.gql(role, PRODUCT_Q, {"id": gid("Product", product.pk)})
    queue = c.gql(role, QUEUE_Q)
    return marker in json.dumps((one.get("data") or {}).get("portalProduct"), ensure_ascii=False) or \
        marker in json.dumps((queue.get("data") or {}).get("moderationQueue"), ensure_ascii=False)


# ---- the operations (each returns True when the role got through) ----------------------------------------

def product_page(c, role):
    pk = c.submitted.pk
    return c.page_shows(role, [f"/kenh-nguoi-ban/san-pham/{pk}/", f"/trung-tam/kiem-duyet/san-pham/{pk}/"],
                        "Nem nướng chờ duyệt")


def product_query(c, role):
    return query_product(c, role, c.submitted, "Nem nướng chờ duyệt")


def product_mutation(c, role):
    q = """mutation($id: ID!, $d: String!) { portalProductUpdate(id: $id, input: {description: $d}) {
        errors { code } } }"""
    res = c.gql(role, q, {"id": gid("Product", c.world.product_a.pk), "d": f"<p>by {role}</p>"})
    changed = Product.objects.get(pk=c.world.product_a.pk).description == f"<p>by {role}</p>"
    assert changed == _ok(res, "portalProductUpdate")
    return changed


def variant_page(c, role):
    pk = c.submitted.pk
    return c.page_shows(role, [f"/kenh-nguoi-ban/san-pham/{pk}/", f"/trung-tam/kiem-duyet/san-pham/{pk}/"],
                        "NEM-CHO")


def variant_query(c, role):
    return query_product(c, role, c.submitted, "NEM-CHO")


def variant_mutation(c, role):
    w = c.world
    price = 50_000 + ROLES.index(role) + 1
    q = """mutation($p: ID!, $v: ID!, $i: PortalVariantInput!) { portalVariantSave(productId: $p, variantId: $v,
        input: $i) { errors { code } } }"""
    res = c.gql(role, q, {"p": gid("Product", w.product_a.pk), "v": gid("ProductVariant", w.variant_a.pk),
                          "i": {"sku": w.variant_a.sku, "gtin": w.variant_a.gtin, "price": price}})
    rev = ProductRevision.objects.filter(product=w.product_a, status="pending").first()
    changed = bool(rev) and rev.prices.get(str(w.variant_a.pk)) == price
    assert changed == _ok(res, "portalVariantSave")
    return changed


def media_page(c, role):
    pk = c.submitted.pk
    return c.page_shows(role, [f"/kenh-nguoi-ban/san-pham/{pk}/", f"/trung-tam/kiem-duyet/san-pham/{pk}/"],
                        f"/kenh-nguoi-ban/tep/anh/{c.pending_image_id}/")


def media_query(c, role):
    return query_product(c, role, c.submitted, f"/kenh-nguoi-ban/tep/anh/{c.pending_image_id}/")


def media_mutation(c, role):
    draft = c.world.draft_a
    before = draft.pending_images.count()
    q = """mutation($p: ID!, $f: Upload!) { portalProductImageUpload(productId: $p, image: $f) { errors { code } } }"""
    res = c.gql(role, q, {"p": gid("Product", draft.pk), "f": None}, files={"f": png_upload()})
    changed = draft.pending_images.count() == before + 1
    assert changed == _ok(res, "portalProductImageUpload")
    return changed


def media_url(c, role):
    c.login(role)
    resp = c.client.get(f"/kenh-nguoi-ban/tep/anh/{c.pending_image_id}/")
    return resp.status_code == 200 and resp["Content-Type"] == "image/png"


def certificate_page(c, role):
    return c.page_shows(role, ["/kenh-nguoi-ban/chung-nhan/", f"/trung-tam/kiem-duyet/chung-nhan/{c.upload_id}/"],
                        f"/kenh-nguoi-ban/tep/chung-nhan/{c.upload_id}/")


def certificate_query(c, role):
    one = c.gql(role, PRODUCT_Q, {"id": gid("Product", c.world.product_a.pk)})
    queue = c.gql(role, QUEUE_Q)
    text = json.dumps([(one.get("data") or {}).get("portalProduct"), (queue.get("data") or {}).get(
        "moderationQueue")], ensure_ascii=False)
    return gid("CertificateUpload", c.upload_id) in text


def certificate_mutation(c, role):
    before = c.world.product_a.certificate_uploads.count()
    q = """mutation($p: ID!, $f: Upload!) { ocopCertificateUpload(productId: $p, file: $f) { errors { code } } }"""
    res = c.gql(role, q, {"p": gid("Product", c.world.product_a.pk), "f": None},
                files={"f": SimpleUploadedFile("gcn.pdf", PDF_BYTES)})
    changed = c.world.product_a.certificate_uploads.count() == before + 1
    assert changed == _ok(res, "ocopCertificateUpload")
    return changed


def certificate_url(c, role):
    c.login(role)
    resp = c.client.get(f"/kenh-nguoi-ban/tep/chung-nhan/{c.upload_id}/")
    return resp.status_code == 200 and b"".join(resp.streaming_content).startswith(b"%PDF-")


def stock_page(c, role):
    return c.page_shows(role, ["/kenh-nguoi-ban/ton-kho/"], "Cửa hàng A")


def stock_query(c, role):
    res = c.gql(role, "{ portalStocks { warehouseName quantity } }")
    return "Cửa hàng A" in json.dumps(res.get("data"), ensure_ascii=False)


def stock_mutation(c, role):
    w = c.world
    qty = 30 + ROLES.index(role)
    q = """mutation($w: ID!, $v: ID!, $q: Int!) { portalStockUpdate(warehouseId: $w, variantId: $v, quantity: $q) {
        errors { code } } }"""
    res = c.gql(role, q, {"w": gid("Warehouse", w.store_a.pk), "v": gid("ProductVariant", w.variant_a.pk), "q": qty})
    changed = Stock.objects.get(warehouse=w.store_a, product_variant=w.variant_a).quantity == qty
    assert changed == _ok(res, "portalStockUpdate")
    return changed


def sales_page(c, role):
    return c.page_shows(role, ["/kenh-nguoi-ban/doanh-so/"], "100.000")


def sales_query(c, role):
    res = c.gql(role, """{ producerSales(period: "month") { revenue } producerOrderLines { productName } }""")
    data = res.get("data") or {}
    return bool(data.get("producerSales")) and data["producerSales"]["revenue"] == 100_000 and \
        {li["productName"] for li in data["producerOrderLines"]} == {"Nem chua Thanh Hóa"}


def statement_page(c, role):
    return c.page_shows(role, [f"/kenh-nguoi-ban/doi-soat/{c.month}.csv", f"/kenh-nguoi-ban/doi-soat/?month={c.month}"],
                        "HTX Nem chua A")


def statement_query(c, role):
    res = c.gql(role, "query($m: String!) { producerStatement(month: $m) { gross payable } }", {"m": c.month})
    return ((res.get("data") or {}).get("producerStatement") or {}).get("gross") == 100_000


def statement_mutation(c, role):
    percent = 5 + ROLES.index(role)
    res = c.gql(role, "mutation($c: ID!, $p: Float!) { commissionRateSet(channelId: $c, percent: $p) { errors { code } } }",
                {"c": gid("Channel", c.world.online.pk), "p": percent})
    changed = CommissionRate.objects.filter(channel=c.world.online, rate_bp=percent * 100).exists()
    assert changed == _ok(res, "commissionRateSet")
    return changed


def moderation_page(c, role):
    return c.page_shows(role, ["/trung-tam/kiem-duyet/"], "Nem nướng chờ duyệt")


def moderation_query(c, role):
    res = c.gql(role, QUEUE_Q)
    return "Nem nướng chờ duyệt" in json.dumps(res.get("data"), ensure_ascii=False)


def moderation_mutation(c, role):
    res = c.gql(role, 'mutation($id: ID!) { productReject(id: $id, reason: "Thiếu nhãn") { errors { code } } }',
                {"id": gid("Product", c.submitted.pk)})
    changed = Product.objects.get(pk=c.submitted.pk).moderation_status == ModerationStatus.REJECTED
    if changed:  # put it back for the next role
        Product.objects.filter(pk=c.submitted.pk).update(moderation_status=ModerationStatus.SUBMITTED)
    assert changed == _ok(res, "productReject")
    return changed


MATRIX = [
    ("product", "page", product_page, A_AND_CENTRE),
    ("product", "query", product_query, A_AND_CENTRE),
    ("product", "mutation", product_mutation, A),
    ("variant", "page", variant_page, A_AND_CENTRE),
    ("variant", "query", variant_query, A_AND_CENTRE),
    ("variant", "mutation", variant_mutation, A),
    ("media", "page", media_page, A_AND_CENTRE),
    ("media", "query", media_query, A_AND_CENTRE),
    ("media", "mutation", media_mutation, A),
    ("media", "media_url", media_url, A_AND_CENTRE),
    ("certificate", "page", certificate_page, A_AND_CENTRE),
    ("certificate", "query", certificate_query, A_AND_CENTRE),
    ("certificate", "mutation", certificate_mutation, A),
    ("certificate", "media_url", certificate_url, A_AND_CENTRE),
    ("stock", "page", stock_page, A),
    ("stock", "query", stock_query, A),
    ("stock", "mutation", stock_mutation, A),
    ("order_line", "page", sales_page, A),
    ("order_line", "query", sales_query, A),
    ("statement", "page", statement_page, A),
    ("statement", "query", statement_query, A),
    ("statement", "mutation", statement_mutation, CENTRE),  # the centre sets the commission rates
    ("moderation", "page", moderation_page, CENTRE),
    ("moderation", "query", moderation_query, CENTRE),
    ("moderation", "mutation", moderation_mutation, CENTRE),
]


@pytest.mark.parametrize("obj,op,action,allowed", MATRIX, ids=[f"{o}-{p}" for o, p, _a, _b in MATRIX])
def test_permission_matrix(ctx, obj, op, action, allowed):
    got = {role: action(ctx, role) for role in ROLES}
    assert got == {role: role in allowed for role in ROLES}


def test_other_producers_ids_are_not_found_not_forbidden(ctx):
    """Guessing another producer's IDs reveals nothing: same answer as for an ID that does not exist."""
    w = ctx.world
    ctx.login("producer_b")
    assert ctx.client.get(f"/kenh-nguoi-ban/san-pham/{w.product_a.pk}/").status_code == 404
    assert ctx.client.get("/kenh-nguoi-ban/san-pham/99999999/").status_code == 404
    res = ctx.gql("producer_b", PRODUCT_Q, {"id": gid("Product", w.product_a.pk)})
    assert res["data"]["portalProduct"] is None
    q = 'mutation($id: ID!) { productSubmitForReview(id: $id) { errors { code } } }'
    theirs = ctx.gql("producer_b", q, {"id": gid("Product", w.draft_a.pk)})["data"]["productSubmitForReview"]
    missing = ctx.gql("producer_b", q, {"id": gid("Product", 99999999)})["data"]["productSubmitForReview"]
    assert theirs["errors"] == missing["errors"] == [{"code": "NOT_FOUND"}]


def test_private_files_are_not_under_media(ctx, settings):
    """Pending images and certificate scans live outside MEDIA_ROOT, so /media/ can never serve them."""
    from pathlib import Path

    from portal.models import CertificateUpload, PendingImage

    media_root = Path(settings.MEDIA_ROOT).resolve()
    for item in (PendingImage.objects.get(pk=ctx.pending_image_id), CertificateUpload.objects.get(pk=ctx.upload_id)):
        path = Path(item.file.path).resolve()
        assert path.exists() and media_root not in path.parents
        ctx.login("producer_a")
        assert ctx.client.get(f"/media/{item.file.name}").status_code == 404


def test_order_lines_never_expose_customer_or_other_lines(ctx):
    """A producer's view of an order is its own lines only: no customer e-mail, address or other lines."""
    res = ctx.gql("producer_a", "{ producerOrderLines { orderNumber productName unitPrice } }")
    text = json.dumps(res, ensure_ascii=False)
    assert "khach@example.vn" not in text and "Mắm" not in text and "70000" not in text
    schema = ctx.gql("producer_a", '{ __type(name: "ProducerOrderLine") { fields { name } } }')
    fields = {f["name"] for f in schema["data"]["__type"]["fields"]}
    assert not fields & {"userEmail", "shippingAddress", "billingAddress", "customerPhone", "order", "lines"}


def test_anonymous_pages_redirect_to_login(client):
    for url in ("/kenh-nguoi-ban/", "/kenh-nguoi-ban/san-pham/", "/trung-tam/kiem-duyet/"):
        resp = client.get(url)
        assert resp.status_code == 302 and resp["Location"].startswith("/kenh-nguoi-ban/dang-nhap/")


def test_certificate_verification_is_centre_only(ctx):
    q = """mutation($u: ID!) { ocopCertificateVerify(uploadId: $u, input: {stars: 4, score: 80,
        certificateNumber: "X-1", decisionNumber: "1/QĐ", decisionDate: "2026-01-05", issuedOn: "2026-01-05",
        expiresOn: "2029-01-05"}) { errors { code } } }"""
    for role in ("producer_a", "producer_b", "pos_staff", "consumer", "anonymous"):
        res = ctx.gql(role, q, {"u": gid("CertificateUpload", ctx.upload_id)})
        assert res["data"]["ocopCertificateVerify"]["errors"] == [{"code": "PERMISSION_DENIED"}]
    res = ctx.gql("centre", q, {"u": gid("CertificateUpload", ctx.upload_id)})
    assert res["data"]["ocopCertificateVerify"]["errors"] == []
    assert ctx.world.product_a.certificates.filter(certificate_number="X-1").exists()


def test_product_list_query_count_is_flat(ctx, django_assert_max_num_queries):
    for i in range(5):
        make_certificate(listings.product_create(user=ctx.world.owner_a, producer=ctx.world.producer_a,
                                                 name=f"Thêm {i}"))
    with django_assert_max_num_queries(20):
        res = ctx.gql("producer_a", """{ portalProducts { name variants { sku price pendingPrice }
            media { url } certificates { daysLeft } certificateUploads { id } pendingName } }""")
    assert len(res["data"]["portalProducts"]) == 8
