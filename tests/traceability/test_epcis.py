"""EPCIS 2.0 export validated against GS1's official JSON schema (standards/epcis/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from inventory import services as inv
from inventory.models import MovementReason
from tests.factories import make_warehouse
from traceability import services

STANDARDS = Path(__file__).resolve().parents[2] / "standards" / "epcis"


@pytest.fixture(scope="module")
def validator() -> Draft7Validator:
    schema = json.loads((STANDARDS / "EPCIS-JSON-Schema.json").read_text())
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def test_the_shipped_example_validates_and_a_broken_one_does_not(validator):
    example = json.loads((STANDARDS / "example-ObjectEvent-DigitalLink.jsonld").read_text())
    assert not list(validator.iter_errors(example))
    broken = json.loads(json.dumps(example))
    broken["epcisBody"]["eventList"][0]["action"] = "SELL"
    del broken["epcisBody"]["eventList"][1]["eventTimeZoneOffset"]
    assert len(list(validator.iter_errors(broken))) >= 2


@pytest.mark.django_db
def test_export_of_a_batch_is_valid_epcis(client, batch, trace_staff, validator):
    issued = services.stamps_issue(user=trace_staff, batch_id=batch.pk, count=3)
    wh = make_warehouse()
    inv.stock_receive(variant_id=batch.variant_id, warehouse_id=wh.pk, quantity=4, reason=MovementReason.TRANSFER_IN)
    inv.stock_remove(variant_id=batch.variant_id, warehouse_id=wh.pk, quantity=1, reason=MovementReason.SALE)
    services.stamp_mark_sold(issued.serials[0], warehouse=wh)
    client.force_login(trace_staff)
    resp = client.get(f"/truy-xuat/epcis/?batch={batch.pk}")
    assert resp.status_code == 200 and resp["Content-Type"].startswith("application/ld+json")
    doc = resp.json()
    errors = [e.message for e in validator.iter_errors(doc)]
    assert errors == []
    assert doc["@context"] == ["https://ref.gs1.org/standards/epcis/epcis-context.jsonld"]
    events = doc["epcisBody"]["eventList"]
    steps = [e["bizStep"] for e in events]
    assert steps == ["commissioning", "receiving", "retail_selling", "retail_selling"]
    commissioning = events[0]
    assert commissioning["action"] == "ADD" and commissioning["disposition"] == "active"
    assert len(commissioning["epcList"]) == 3
    assert all(u.startswith(f"https://ocop.thanhhoa.vn/01/{batch.variant.gtin.zfill(14)}/10/LOT-2026%2F01/21/")
               for u in commissioning["epcList"])
    receiving = events[1]
    assert receiving["quantityList"] == [{"epcClass": services.batch_uri(batch), "quantity": 4}]
    assert receiving["bizLocation"]["id"].endswith(f"/kho/{wh.slug}")
    assert all(e["eventTimeZoneOffset"] == "+07:00" and e["eventTime"].endswith("+07:00") for e in events)


@pytest.mark.django_db
def test_export_by_time_range_is_scoped_to_the_producer(client, batch, producer_user, other_producer_user,
                                                        trace_staff, validator):
    services.stamps_issue(user=trace_staff, batch_id=batch.pk, count=2)
    client.force_login(producer_user)
    doc = client.get("/truy-xuat/epcis/?from=2000-01-01&to=2100-01-01").json()
    assert not list(validator.iter_errors(doc)) and len(doc["epcisBody"]["eventList"]) == 1
    client.force_login(other_producer_user)
    assert client.get("/truy-xuat/epcis/?from=2000-01-01").json()["epcisBody"]["eventList"] == []
    assert client.get(f"/truy-xuat/epcis/?batch={batch.pk}").status_code == 404
    assert client.get("/truy-xuat/epcis/?from=yesterday").status_code == 400
    assert client.get("/truy-xuat/epcis/").status_code == 400
    client.logout()
    assert client.get(f"/truy-xuat/epcis/?batch={batch.pk}").status_code == 401
