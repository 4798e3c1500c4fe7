"""GraphQL: batches, batchCreate, stampsIssue, stamp(uri), traceEvents(filter) — scoped, with errors."""

from __future__ import annotations

import pytest
from graphql_relay import to_global_id

from tests.factories import make_user
from traceability.models import Batch, Stamp

pytestmark = pytest.mark.django_db

CREATE = """mutation($input: BatchCreateInput!) { batchCreate(input: $input) {
  batch { id lotCode gtin uri quantity } errors { field code message } } }"""
ISSUE = """mutation($batch: ID!, $count: Int!) { stampsIssue(batch: $batch, count: $count) {
  issueRun count uris pdfUrl batch { stampsIssued } errors { field code message } } }"""


def _input(batch, **over):
    data = {"variant": to_global_id("ProductVariant", batch.variant_id), "lotCode": "G-01",
            "productionDate": "2026-01-10", "expiryDate": "2027-01-10", "quantity": 5, "originCommune": "Xã Nga Sơn"}
    data.update(over)
    return data


def test_batch_create_and_issue_by_producer(gql, token_for, batch, producer_user):
    token = token_for(producer_user)
    out = gql(CREATE, {"input": _input(batch)}, token=token)["data"]["batchCreate"]
    assert out["errors"] == [] and out["batch"]["lotCode"] == "G-01"
    assert out["batch"]["uri"].endswith(f"/01/{batch.variant.gtin.zfill(14)}/10/G-01")
    gid = out["batch"]["id"]
    issued = gql(ISSUE, {"batch": gid, "count": 3}, token=token)["data"]["stampsIssue"]
    assert issued["errors"] == [] and issued["count"] == 3 and len(issued["uris"]) == 3
    assert issued["batch"]["stampsIssued"] == 3 and issued["pdfUrl"].endswith("?run=1")
    over = gql(ISSUE, {"batch": gid, "count": 3}, token=token)["data"]["stampsIssue"]
    assert over["errors"][0]["code"] == "QUANTITY_GREATER_THAN_LIMIT" and over["errors"][0]["field"] == "count"
    assert Stamp.objects.filter(batch__lot_code="G-01").count() == 3


@pytest.mark.parametrize("over,field,code", [
    ({"lotCode": "LÔ 01"}, "lotCode", "INVALID"),
    ({"expiryDate": "2025-01-01"}, "expiryDate", "INVALID_DATE"),
    ({"quantity": 0}, "quantity", "INVALID_QUANTITY"),
    ({"variant": to_global_id("Product", 1)}, "variant", "GRAPHQL_ERROR"),
])
def test_batch_create_errors(gql, token_for, batch, trace_staff, over, field, code):
    out = gql(CREATE, {"input": _input(batch, **over)}, token=token_for(trace_staff))["data"]["batchCreate"]
    assert out["batch"] is None
    assert (out["errors"][0]["field"], out["errors"][0]["code"]) == (field, code)
    assert out["errors"][0]["message"]
    assert Batch.objects.count() == 1


def test_scoping_and_denial(gql, token_for, batch, other_producer_user):
    token = token_for(other_producer_user)
    out = gql(CREATE, {"input": _input(batch)}, token=token)["data"]["batchCreate"]
    assert out["errors"][0]["code"] == "PERMISSION_DENIED"
    out = gql(ISSUE, {"batch": to_global_id("Batch", batch.pk), "count": 1}, token=token)["data"]["stampsIssue"]
    assert out["errors"][0]["code"] == "PERMISSION_DENIED"
    assert gql("{ batches { id } }", token=token)["data"]["batches"] == []
    anon = gql("{ batches { id } }")
    assert anon["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    nobody = gql(ISSUE, {"batch": to_global_id("Batch", batch.pk), "count": 1},
                 token=token_for(make_user()))["data"]["stampsIssue"]
    assert nobody["errors"][0]["code"] == "PERMISSION_DENIED"
    assert not Stamp.objects.exists()


def test_stamp_lookup_and_trace_events(gql, token_for, batch, trace_staff):
    token = token_for(trace_staff)
    issued = gql(ISSUE, {"batch": to_global_id("Batch", batch.pk), "count": 2}, token=token)["data"]["stampsIssue"]
    uri = issued["uris"][0]
    q = "query($uri: String!) { stamp(uri: $uri) { ok status warning serial sku variantId } }"
    s = gql(q, {"uri": uri}, token=token)["data"]["stamp"]
    assert s["ok"] and s["status"] == "issued" and s["sku"] == batch.variant.sku
    assert s["variantId"] == to_global_id("ProductVariant", batch.variant_id)
    bad = gql(q, {"uri": "https://x/01/1/21/2"}, token=token)["data"]["stamp"]
    assert bad["status"] == "invalid" and "Tem không hợp lệ" in bad["warning"]
    assert gql(q, {"uri": uri}, token=token_for(make_user()))["errors"]
    events = gql("""query($f: TraceEventFilterInput) { traceEvents(filter: $f) {
        bizStep disposition action eventTimeZoneOffset epcCount epcList quantityList { quantity } } }""",
                 {"f": {"batch": to_global_id("Batch", batch.pk), "bizStep": "commissioning"}},
                 token=token)["data"]["traceEvents"]
    assert len(events) == 1
    ev = events[0]
    assert (ev["bizStep"], ev["disposition"], ev["action"], ev["eventTimeZoneOffset"]) == (
        "commissioning", "active", "ADD", "+07:00")
    assert ev["epcCount"] == 2 and sorted(ev["epcList"]) == sorted(issued["uris"])
    none = gql("query($f: TraceEventFilterInput) { traceEvents(filter: $f) { bizStep } }",
               {"f": {"from": "2099-01-01T00:00:00+07:00"}}, token=token)["data"]["traceEvents"]
    assert none == []
