"""English for the events app: centre pages, the CSV import errors, GraphQL errors and a complete catalogue."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import make_user
from tests.po_catalogue import mo_matches_po, read_po, untranslated

pytestmark = pytest.mark.django_db

CREATE = """mutation($input: EventCreateInput!) { eventCreate(input: $input) {
  event { id } errors { field code message } } }"""


@pytest.fixture
def manager():
    return make_user("sk-en@ocop.demo", perms=["accounts.manage_events"], is_staff=True)


def test_event_pages_in_english(client, fair, manager):
    event = fair["event"]
    client.force_login(manager)
    client.cookies["django_language"] = "en"
    page = client.get("/trung-tam/su-kien/").content.decode()
    assert "Events and fairs" in page and "Create an event" in page and "Trade fair" in page
    assert "Sự kiện, hội chợ" not in page and "Hội chợ" not in page
    assert "Period" in page and "Important dates" not in page
    page = client.get(f"/trung-tam/su-kien/{event.pk}/").content.decode()
    assert "Participating producers" in page and "Close the event" in page
    assert "Chủ thể tham gia" not in page and "Add a producer" in page
    assert "Increase" not in page  # the POS catalogue (listed first) gives the bare "Thêm" another meaning
    bad = SimpleUploadedFile("x.csv", b"sku,quantity,price,payment_method\nNOPE,1,1,cash\n")
    resp = client.post(f"/trung-tam/su-kien/{event.pk}/", {"action": "import", "i-file": bad})
    html = resp.content.decode()
    assert resp.status_code == 400 and "Line 2" in html and "product “NOPE” not found" in html
    assert "Dòng 2" not in html
    page = client.get(f"/trung-tam/su-kien/{event.pk}/bao-cao/").content.decode()
    assert "Event report" in page and "Stock reconciliation" in page and "Báo cáo sự kiện" not in page


def test_vietnamese_stays_the_default(client, fair, manager):
    client.force_login(manager)
    page = client.get("/trung-tam/su-kien/").content.decode()
    assert "Sự kiện, hội chợ" in page and "Events and fairs" not in page


def test_graphql_error_in_english(client, gql, token_for, manager):
    client.cookies["django_language"] = "en"
    data = {"name": "Tuần hàng OCOP", "kind": "FAIR", "venue": "GO! Thanh Hóa", "startDate": "2026-12-10",
            "endDate": "2026-12-01", "registerCount": 1}
    err = gql(CREATE, {"input": data}, token=token_for(manager))["data"]["eventCreate"]["errors"][0]
    assert err["code"] == "INVALID_DATES"
    assert err["message"] == "The end date cannot be before the start date."


def test_catalogue_complete_and_compiled():
    assert len(read_po("events")) > 100
    assert untranslated("events") == []
    assert mo_matches_po("events") == []
