"""producers / producer queries and producerCreate / producerUpdate: tax code, Thanh Hóa's 2025 wards."""

from __future__ import annotations

import pytest
from graphql_relay import to_global_id

from producers.models import Producer
from producers.services import thanh_hoa_wards
from tests.factories import make_listed_product, make_producer, make_user

from .conftest import errors_of

CREATE = """
mutation($input: ProducerCreateInput!) {
  producerCreate(input: $input) {
    errors { field code message }
    producer { id name slug legalForm taxCode status isActive
               address { wardCode wardName provinceCode provinceName } }
  }
}
"""
UPDATE = """
mutation($id: ID!, $input: ProducerInput!) {
  producerUpdate(id: $id, input: $input) { errors { field code message } producer { name isActive taxCode } }
}
"""
HOANG_THANH = next(code for code, name in thanh_hoa_wards().items() if name == "Xã Hoằng Thanh")


def test_thanh_hoa_has_166_units_after_the_reform():
    wards = thanh_hoa_wards()
    assert len(wards) == 166
    assert sum(name.startswith("Phường") for name in wards.values()) == 19
    assert sum(name.startswith("Xã") for name in wards.values()) == 147


def _input(**extra):
    return {"name": "Công ty TNHH Lê Gia", "legalForm": "ENTERPRISE", "taxCode": "2801234567",
            "wardCode": HOANG_THANH, **extra}


@pytest.mark.django_db
def test_producer_create(gql, staff_token):
    result = gql(CREATE, {"input": _input(phone="0912 345 678", email="LEGIA@example.vn")}, token=staff_token)
    data = result["data"]["producerCreate"]
    assert data["errors"] == [], result
    assert data["producer"]["slug"] == "cong-ty-tnhh-le-gia"
    assert data["producer"]["address"] == {"wardCode": HOANG_THANH, "wardName": "Xã Hoằng Thanh",
                                           "provinceCode": "38", "provinceName": "Thanh Hóa"}
    assert data["producer"]["legalForm"] == "ENTERPRISE" and data["producer"]["status"] == "APPROVED"
    producer = Producer.objects.get()
    assert (producer.phone, producer.email) == ("0912345678", "legia@example.vn")
    branch = gql(CREATE, {"input": _input(name="Chi nhánh Lê Gia", taxCode="2801234567001")}, token=staff_token)
    assert branch["data"]["producerCreate"]["producer"]["taxCode"] == "2801234567-001"


@pytest.mark.django_db
@pytest.mark.parametrize("extra, field, code", [
    ({"taxCode": "12345"}, "taxCode", "INVALID_TAX_CODE"),
    ({"taxCode": "28012345678"}, "taxCode", "INVALID_TAX_CODE"),
    ({"taxCode": "28012345AB"}, "taxCode", "INVALID_TAX_CODE"),
    ({"taxCode": "2800000001"}, "taxCode", "UNIQUE"),
    ({"wardCode": "00004"}, "wardCode", "INVALID"),  # Phường Ba Đình, Hà Nội: not Thanh Hóa
    ({"wardCode": "99999"}, "wardCode", "INVALID"),
    ({"name": " "}, "name", "REQUIRED"),
    ({"phone": "12345"}, "phone", "INVALID_PHONE"),
    ({"email": "not-an-email"}, "email", "INVALID"),
    ({"slug": "da-co"}, "slug", "UNIQUE"),
])
def test_producer_create_invalid(gql, staff_token, extra, field, code):
    make_producer(tax_code="2800000001", slug="da-co")
    errors = errors_of(gql(CREATE, {"input": _input(**extra)}, token=staff_token), "producerCreate")
    assert (errors[0]["field"], errors[0]["code"]) == (field, code), errors
    assert errors[0]["message"]
    assert Producer.objects.count() == 1


@pytest.mark.django_db
def test_producer_update_and_permissions(gql, staff_token, token_for):
    producer = make_producer(name="HTX cũ")
    gid = to_global_id("Producer", producer.pk)
    ok = gql(UPDATE, {"id": gid, "input": {"name": "HTX chè lam Phủ Quảng", "isActive": False}}, token=staff_token)
    assert ok["data"]["producerUpdate"] == {"errors": [], "producer": {
        "name": "HTX chè lam Phủ Quảng", "isActive": False, "taxCode": producer.tax_code}}
    bad = errors_of(gql(UPDATE, {"id": gid, "input": {"taxCode": "1", "name": "Đổi tên"}}, token=staff_token),
                    "producerUpdate")
    assert bad[0]["field"] == "taxCode"
    producer.refresh_from_db()
    assert producer.name == "HTX chè lam Phủ Quảng"  # nothing from the failed update was kept
    product_editor = token_for(make_user(perms=["accounts.manage_products"], is_staff=True))
    for token in (None, product_editor):
        assert errors_of(gql(UPDATE, {"id": gid, "input": {"name": "X"}}, token=token),
                         "producerUpdate")[0]["code"] == "PERMISSION_DENIED"
        assert errors_of(gql(CREATE, {"input": _input()}, token=token),
                         "producerCreate")[0]["code"] == "PERMISSION_DENIED"
    assert Producer.objects.count() == 1


@pytest.mark.django_db
def test_producers_queries(gql, staff_token, channel):
    active = make_producer(name="Lê Gia", slug="le-gia", ward_code=HOANG_THANH, ward_name="Xã Hoằng Thanh")
    make_producer(name="Ngừng hoạt động", slug="ngung", is_active=False)
    make_producer(name="Chờ duyệt", slug="cho-duyet", status="pending")
    make_listed_product(channel, producer=active, slug="mam-tom")
    q = """query($filter: ProducerFilterInput) { producers(first: 10, filter: $filter) { totalCount
           edges { node { slug products(channel: "online", first: 5) { totalCount edges { node { slug } } } } } } }"""
    public = gql(q)["data"]["producers"]
    assert public["totalCount"] == 1
    assert public["edges"][0]["node"]["products"]["edges"] == [{"node": {"slug": "mam-tom"}}]
    assert gql(q, token=staff_token)["data"]["producers"]["totalCount"] == 3
    assert gql(q, {"filter": {"search": "le gia"}})["data"]["producers"]["totalCount"] == 1
    assert gql(q, {"filter": {"wards": [HOANG_THANH]}})["data"]["producers"]["totalCount"] == 1
    assert gql(q, {"filter": {"isActive": False}})["errors"]
    one = 'query($id: ID, $slug: String) { producer(id: $id, slug: $slug) { slug address { wardName } } }'
    assert gql(one, {"slug": "le-gia"})["data"]["producer"]["address"]["wardName"] == "Xã Hoằng Thanh"
    assert gql(one, {"id": to_global_id("Producer", active.pk)})["data"]["producer"]["slug"] == "le-gia"
    assert gql(one, {"slug": "ngung"})["data"]["producer"] is None
    assert gql(one, {"slug": "ngung"}, token=staff_token)["data"]["producer"]["slug"] == "ngung"


@pytest.mark.django_db
def test_error_messages_in_english_on_request(client, staff_token):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {staff_token}", "HTTP_ACCEPT_LANGUAGE": "en"}
    resp = client.post("/graphql/", {"query": CREATE, "variables": {"input": _input(taxCode="123")}},
                       content_type="application/json", **headers)
    error = resp.json()["data"]["producerCreate"]["errors"][0]
    assert error == {"field": "taxCode", "code": "INVALID_TAX_CODE",
                     "message": "The tax code must have 10 or 13 digits."}
    page = client.post("/graphql/", {"query": "{ producers(first: 500) { totalCount } }"},
                       content_type="application/json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert page["errors"][0]["message"] == (
        "Requesting 500 records on the `producers` connection exceeds the `first` limit of 100 records.")
