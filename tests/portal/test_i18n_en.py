"""The seller portal in English: pages, form and GraphQL errors, downloads, and a complete, compiled catalogue.

Vietnamese stays the default (the other portal tests request pages with no language and assert Vietnamese).
"""

from __future__ import annotations

import gettext
import html
import json
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.html import escape
from graphql_relay import to_global_id

import portal
from portal.models import CommissionRate
from portal.services import listings
from tests.factories.portal import png_upload

pytestmark = pytest.mark.django_db

LOCALE = Path(portal.__file__).resolve().parent / "locale" / "en" / "LC_MESSAGES"
TEMPLATES = Path(__file__).resolve().parents[2] / "storefront_theme" / "templates" / "portal"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
VIETNAMESE_LETTER = re.compile("[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I)
PROPER_NAMES = ("Thanh Hóa",)


def read_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgctxt/msgid/msgid_plural/msgstr/msgstr[n] plus their `#,` flags."""
    entries: list[dict] = []
    cur: dict | None = None
    key = ""
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if cur and "msgid" in cur:
                entries.append(cur)
            cur = None
            continue
        cur = cur if cur is not None else {"flags": ""}
        if line.startswith("#,"):
            cur["flags"] += line[2:]
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            cur[key] += json.loads(line)
        else:
            key, _sep, value = line.partition(" ")
            cur[key] = json.loads(value)
    return entries


ENTRIES = [e for e in read_po(LOCALE / "django.po") if e["msgid"]]


def _translations(e: dict) -> list[str]:
    return [v for k, v in e.items() if k.startswith("msgstr")]


def test_catalogue_has_no_untranslated_or_fuzzy_entries():
    assert len(ENTRIES) > 250
    for e in ENTRIES:
        assert "fuzzy" not in e["flags"], e["msgid"]
        for text in _translations(e):
            assert text.strip(), f"untranslated: {e['msgid']!r}"
            english = text
            for name in PROPER_NAMES:
                english = english.replace(name, "")
            assert not VIETNAMESE_LETTER.search(english), f"Vietnamese left in the translation of {e['msgid']!r}"
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(e["msgid"])), e["msgid"]
        if "msgid_plural" in e:
            assert {"msgstr[0]", "msgstr[1]"} <= e.keys(), e["msgid"]


def test_compiled_catalogue_matches_the_po():
    with open(LOCALE / "django.mo", "rb") as fh:
        catalog = gettext.GNUTranslations(fh)._catalog
    for e in ENTRIES:
        key = f"{e['msgctxt']}\x04{e['msgid']}" if "msgctxt" in e else e["msgid"]
        if "msgid_plural" in e:
            assert [catalog.get((key, i)) for i in (0, 1)] == [e["msgstr[0]"], e["msgstr[1]"]], e["msgid"]
        else:
            assert catalog.get(key) == e["msgstr"], f"django.mo is stale for {e['msgid']!r}"


TRANS_TAG = re.compile(r"""\{%\s*trans(?:late)?\s+(["'])(.*?)\1(?:\s+context\s+(["'])(.*?)\3)?\s*%\}""")
BLOCKTRANS = re.compile(r"\{%\s*blocktrans(?:late)?\b([^%]*)%\}(.*?)\{%\s*endblocktrans(?:late)?\s*%\}", re.S)
PY_CALL = re.compile(r"""\b(?:_|gettext|gettext_lazy)\("((?:[^"\\]|\\.)+)"\)""")
PY_PCALL = re.compile(r"""\bpgettext(?:_lazy)?\("((?:[^"\\]|\\.)+)",\s*"((?:[^"\\]|\\.)+)"\)""")


def _source_strings() -> set[tuple[str | None, str]]:
    found: set[tuple[str | None, str]] = set()
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        found |= {(m.group(4), m.group(2)) for m in TRANS_TAG.finditer(text)}
        for m in BLOCKTRANS.finditer(text):
            if "count" not in m.group(1) and "{% plural" not in m.group(2):
                found.add((None, re.sub(r"\{\{\s*(\w+)\s*\}\}", r"%(\1)s", m.group(2))))
    for path in Path(portal.__file__).resolve().parent.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= {(None, json.loads(f'"{s}"')) for s in PY_CALL.findall(text)}
        found |= {(json.loads(f'"{c}"'), json.loads(f'"{s}"')) for c, s in PY_PCALL.findall(text)}
    return found


def test_every_portal_string_is_in_the_catalogue():
    sources = _source_strings()
    assert len(sources) > 200
    catalogue = {(e.get("msgctxt"), e["msgid"]) for e in ENTRIES}
    assert sources - catalogue == set()


# Vietnamese portal texts that must never reach an English page (each has a different English text).
VIETNAMESE = {e["msgid"] for e in ENTRIES if "msgid_plural" not in e and e["msgstr"] != e["msgid"]}


def _visible_texts(page: str) -> set[str]:
    page = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S)
    texts = re.findall(r">([^<]+)<", page) + re.findall(r'\b(?:placeholder|aria-label|alt|title)="([^"]*)"', page)
    return {html.unescape(t).strip() for t in texts} - {""}


def english(msgid: str, context: str | None = None) -> str:
    """What an English visitor gets for a Vietnamese text (every app's catalogue merged, as in production)."""
    with translation.override("en"):
        text = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
    assert text != msgid and not VIETNAMESE_LETTER.search(text), msgid
    return text


def _assert_english(page: str, *english_texts: str, heading: str | tuple[str, str] | None = None,
                    absent: tuple[str, ...] = ()) -> None:
    assert '<html lang="en"' in page
    if heading is not None:
        context, msgid = heading if isinstance(heading, tuple) else (None, heading)
        assert f"<h1>{escape(english(msgid, context))}</h1>" in page, msgid
        absent += (msgid,)
    for text in english_texts:
        assert text in page, text
    texts = _visible_texts(page)
    for text in absent:
        assert text not in texts, text
    assert texts & VIETNAMESE == set()


@pytest.fixture
def en_client(client):
    client.cookies["django_language"] = "en"
    return client


def test_producer_pages_in_english(world, en_client):
    en_client.force_login(world.owner_a)
    pages = {
        "/kenh-nguoi-ban/": ("Tổng quan", "Certificates expiring soon", "expire within the next 90 days"),
        "/kenh-nguoi-ban/san-pham/": ("Sản phẩm của bạn", ">Products</a>", "1 variant"),
        "/kenh-nguoi-ban/san-pham/moi/": ("Thêm sản phẩm", "Proposed price (VND, incl. VAT)", "First variant"),
        f"/kenh-nguoi-ban/san-pham/{world.product_a.pk}/": (None, "Variants and prices", ">Add</button>"),
        "/kenh-nguoi-ban/chung-nhan/": (("portal", "Chứng nhận OCOP"), "<h1>OCOP certificates</h1>",
                                        ">Expires</th>"),
        "/kenh-nguoi-ban/ton-kho/": ("Tồn kho", "Update stock in your store", "Request consignment to a showroom"),
        "/kenh-nguoi-ban/doanh-so/": ("Doanh số", "Revenue (net of returns, excluding cancelled orders)"),
        "/kenh-nguoi-ban/doi-soat/": ("Bảng đối soát tháng", "<h1>Monthly statement</h1>"),
        "/kenh-nguoi-ban/thanh-vien/": (("portal", "Thành viên"), "<h1>Members</h1>", "Invite a member by email",
                                        "(owner-a@example.vn) — Owner", "(member-a@example.vn) — Member"),
        "/kenh-nguoi-ban/dang-ky/": ("Đăng ký làm người bán", "Tax code (10 or 13 digits)", "Household business"),
    }
    for url, (heading, *texts) in pages.items():
        resp = en_client.get(url)
        assert resp.status_code == 200, url
        _assert_english(resp.content.decode(), "Seller Portal", *texts, heading=heading,
                        absent=("Kênh người bán", "Đăng xuất"))


def test_centre_pages_in_english(world, en_client):
    product = listings.product_create_with_variant(
        user=world.owner_a, producer=world.producer_a, name="Bánh gai", description="<p>x</p>",
        category_id=world.category.pk, sku="BG-1", price=10_000, image=png_upload())
    listings.product_submit(user=world.owner_a, product=product)
    en_client.force_login(world.centre)
    pages = {
        f"/trung-tam/kiem-duyet/san-pham/{product.pk}/": (None, "Storefront visibility conditions:",
                                                          "The product is not approved.", "Approve"),
        "/trung-tam/kiem-duyet/": ("Hàng chờ duyệt", "Products submitted for review", "Producer applications"),
        "/trung-tam/hoa-hong/": ("Tỉ lệ hoa hồng theo kênh", "<h1>Commission rate by channel</h1>"),
        "/trung-tam/chu-the/": ("Chủ thể OCOP", ">Producers</a>", "Invite a new producer"),
    }
    for url, (heading, *texts) in pages.items():
        resp = en_client.get(url)
        assert resp.status_code == 200, url
        _assert_english(resp.content.decode(), "Trade Promotion Centre", *texts, heading=heading,
                        absent=("Trung tâm XTTM",))


def test_refusals_in_english(world, en_client):
    en_client.force_login(world.consumer)
    resp = en_client.get("/kenh-nguoi-ban/")
    assert resp.status_code == 403
    _assert_english(resp.content.decode(), "Submit an application", heading="Bạn chưa là thành viên của chủ thể OCOP nào")
    resp = en_client.get("/trung-tam/kiem-duyet/")
    assert resp.status_code == 403
    _assert_english(resp.content.decode(), heading="Bạn không có quyền xem trang này")


def test_login_page_follows_the_browser_language(db, client):
    page = client.get("/kenh-nguoi-ban/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    _assert_english(page, "<h1>Log in to the Seller Portal</h1>", "No account yet? Become a seller",
                    heading="Đăng nhập Kênh người bán")
    assert "<h1>Đăng nhập Kênh người bán</h1>" in client.get("/kenh-nguoi-ban/dang-nhap/").content.decode()


def test_form_errors_and_flash_in_english(world, en_client):
    en_client.force_login(world.owner_a)
    resp = en_client.post("/kenh-nguoi-ban/ton-kho/", {"action": "count", "warehouse": world.store_a.pk,
                                                         "variant": world.variant_a.pk, "quantity": "abc"})
    assert resp.status_code == 400
    _assert_english(resp.content.decode(), english("Số lượng phải là số nguyên."),
                    absent=("Số lượng phải là số nguyên.",))
    resp = en_client.post("/kenh-nguoi-ban/ton-kho/", {"action": "receive", "warehouse": world.store_a.pk,
                                                        "variant": world.variant_a.pk, "quantity": "2"}, follow=True)
    _assert_english(resp.content.decode(), english("Đã ghi nhận."), absent=("Đã ghi nhận.",))
    resp = en_client.post("/kenh-nguoi-ban/san-pham/moi/", {"name": " ", "description": "", "price": "abc"})
    assert resp.status_code == 400
    _assert_english(resp.content.decode(), "Product name: required.", "Proposed price: enter an amount in VND, e.g. 150000, 150.000 ₫ or 150k.",
                    absent=("không được để trống",))


def test_statement_files_in_english(world, en_client):
    en_client.force_login(world.owner_a)
    month = timezone.localdate().strftime("%Y-%m")
    body = en_client.get(f"/kenh-nguoi-ban/doi-soat/{month}.csv").content.decode("utf-8-sig")
    assert body.startswith(f"{english('Chủ thể')},HTX Nem chua A,{english('Mã số thuế')},")
    header = [english(m) for m in ("Kênh bán", "Doanh số", "Hàng trả")] + ["Net sales", "Commission rate (%)"]
    assert ",".join(header) in body and "Payable to producer" in body
    pdf = pdfium.PdfDocument(en_client.get(f"/kenh-nguoi-ban/doi-soat/{month}.pdf").content)
    text = pdf[0].get_textpage().get_text_range()
    assert "SALES STATEMENT" in text and "Thanh Hóa Trade Promotion Centre" in text and "ĐỐI SOÁT" not in text


INVITE = """mutation($i: LegalInput!) { producerInvite(input: $i) { invitation { email } errors { field code message } } }"""
RATE = """mutation($c: ID!, $p: Float!) { commissionRateSet(channelId: $c, percent: $p) {
  errors { field code message } } }"""


def test_graphql_errors_and_invitation_mail_in_english(world, client, gql, token_for,
                                                     django_capture_on_commit_callbacks):
    legal = {"name": "HTX Mật ong", "legalForm": "household", "taxCode": "2809998887", "wardCode": "14797",
             "representative": "Hà Văn Ong", "phone": "0977123456", "email": "ong@example.vn"}
    vietnamese = gql(INVITE, {"i": legal}, token=token_for(world.owner_a))["data"]["producerInvite"]["errors"]
    assert vietnamese[0]["message"] == "Bạn không có quyền quản lý chủ thể OCOP."
    client.cookies["django_language"] = "en"
    denied = gql(INVITE, {"i": legal}, token=token_for(world.owner_a))["data"]["producerInvite"]["errors"]
    assert denied == [{"field": None, "code": "PERMISSION_DENIED",
                       "message": english("Bạn không có quyền quản lý chủ thể OCOP.")}]
    bad = gql(INVITE, {"i": {**legal, "legalForm": "guild"}}, token=token_for(world.centre))["data"]["producerInvite"]
    assert bad["invitation"] is None
    assert {"field": "legal_form", "code": "INVALID",
            "message": "Legal form: choose cooperative, cooperative group, company or household business."} in bad[
        "errors"]
    res = gql(RATE, {"c": to_global_id("Channel", world.online.pk), "p": 150}, token=token_for(world.centre))
    assert res["data"]["commissionRateSet"]["errors"][0]["message"] == "Commission rate must be between 0 and 100 %."
    assert not CommissionRate.objects.exists()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):  # mail after commit
        ok = gql(INVITE, {"i": legal}, token=token_for(world.centre))["data"]["producerInvite"]
    assert ok == {"invitation": {"email": "ong@example.vn"}, "errors": []}
    assert mail.outbox[-1].subject == "Invitation to the OCOP Thanh Hóa Seller Portal"
    assert mail.outbox[-1].body.startswith("You have been invited to join HTX Mật ong on the OCOP Thanh Hóa Seller")
