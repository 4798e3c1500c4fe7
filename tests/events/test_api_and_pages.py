"""Events GraphQL and pages: centre staff only; import errors listed by line; nothing partly applied."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from graphql_relay import to_global_id

from events.models import Event
from orders.models import Order
from tests.factories import make_user

pytestmark = pytest.mark.django_db

CREATE = """mutation($input: EventCreateInput!) { eventCreate(input: $input) {
  event { id name kind status channel registerIds } errors { field code message } } }"""


def _input(**extra):
    today = timezone.localdate()
    data = {"name": "Tuần hàng OCOP tại GO! Thanh Hóa", "kind": "SUPERMARKET_WEEK", "venue": "GO! Thanh Hóa",
            "startDate": today.isoformat(), "endDate": (today + dt.timedelta(days=6)).isoformat(), "registerCount": 2}
    data.update(extra)
    return data


def test_event_create_needs_manage_events(gql, token_for):
    for token in (None, token_for(make_user()), token_for(make_user(perms=["accounts.manage_discounts"]))):
        res = gql(CREATE, {"input": _input()}, token=token)["data"]["eventCreate"]
        assert res["errors"][0]["code"] == "PERMISSION_DENIED" and res["event"] is None
    assert Event.objects.count() == 0
    staff = make_user(perms=["accounts.manage_events"], is_staff=True)
    res = gql(CREATE, {"input": _input()}, token=token_for(staff))["data"]["eventCreate"]
    assert res["errors"] == [] and res["event"]["status"] == "OPEN" and len(res["event"]["registerIds"]) == 2
    assert res["event"]["channel"].startswith("su-kien-")
    bad = gql(CREATE, {"input": _input(endDate="2020-01-01")}, token=token_for(staff))["data"]["eventCreate"]
    assert bad["errors"][0]["code"] == "INVALID_DATES" and Event.objects.count() == 1


def test_sales_import_mutation_reports_rows_and_report_query(fair, client, token_for):
    event, v1 = fair["event"], fair["v1"]
    staff = make_user(perms=["accounts.manage_events"], is_staff=True)
    from events.services import event_stock_send
    from inventory.transfers import transfer_receive

    transfer_receive(transfer_id=event_stock_send(event=event, source_warehouse_id=fair["showroom"].pk,
                                                  lines=[(v1.pk, 5)]).pk)
    mutation = ('mutation($event: ID!, $file: Upload!) { eventSalesImport(event: $event, file: $file) '
                '{ importedRows orderNumbers errors { field code message } } }')
    import json

    def post(content: bytes):
        ops = json.dumps({"query": mutation, "variables": {"event": to_global_id("Event", event.pk), "file": None}})
        return client.post("/graphql/", {"operations": ops, "map": json.dumps({"0": ["variables.file"]}),
                                         "0": SimpleUploadedFile("tally.csv", content, content_type="text/csv")},
                           HTTP_AUTHORIZATION=f"Bearer {token_for(staff)}").json()["data"]["eventSalesImport"]

    bad = post(f"sku,quantity,price,payment_method\n{v1.sku},0,1000,cash\n".encode())
    assert bad["errors"][0]["code"] == "IMPORT_INVALID" and "Dòng 2" in bad["errors"][0]["message"]
    ok = post(f"sku,quantity,price,payment_method\n{v1.sku},2,150000,cash\n".encode())
    assert ok["errors"] == [] and ok["importedRows"] == 1
    report = client.post("/graphql/", {"query": "query($id: ID!) { eventReport(id: $id) { orders revenue "
                                                 "byProducer { key revenue } closeOut { sku sent sold remaining difference } } }",
                                       "variables": {"id": to_global_id("Event", event.pk)}},
                         content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token_for(staff)}").json()
    data = report["data"]["eventReport"]
    assert data["orders"] == 1 and data["revenue"] == 300_000
    assert data["closeOut"] == [{"sku": v1.sku, "sent": 5, "sold": 2, "remaining": 3, "difference": 0}]


def test_pages_are_for_event_managers_only(client, fair):
    event = fair["event"]
    for url in ("/trung-tam/su-kien/", f"/trung-tam/su-kien/{event.pk}/", f"/trung-tam/su-kien/{event.pk}/bao-cao/"):
        assert client.get(url).status_code == 302
    client.force_login(fair["cashier"])
    assert client.get(f"/trung-tam/su-kien/{event.pk}/").status_code == 403
    assert client.post(f"/trung-tam/su-kien/{event.pk}/", {"action": "close"}).status_code == 403


def test_import_page_lists_line_errors_and_report_pdf_and_csv(client, fair):
    event, v1 = fair["event"], fair["v1"]
    client.force_login(make_user(perms=["accounts.manage_events"], is_staff=True))
    bad = SimpleUploadedFile("x.csv", f"sku,quantity,price,payment_method\nNOPE,1,1,cash\n{v1.sku},1,1,cash\n".encode())
    resp = client.post(f"/trung-tam/su-kien/{event.pk}/", {"action": "import", "i-file": bad})
    html = resp.content.decode()
    assert resp.status_code == 400 and "Dòng 2" in html and "NOPE" in html and "Dòng 3" in html
    assert Order.objects.filter(channel=event.channel).count() == 0
    pdf = client.get(f"/trung-tam/su-kien/{event.pk}/bao-cao.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    csv = client.get(f"/trung-tam/su-kien/{event.pk}/bao-cao.csv").content.decode()
    assert csv.startswith("muc,khoa")
