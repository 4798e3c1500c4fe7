"""OCOP certificate mutations: stars/score consistency, issuing level, 36-month default validity,
suspend / revoke with a reason, history kept."""

from __future__ import annotations

import datetime as dt

import pytest
from graphql_relay import to_global_id

from certification.models import CertificateStatusChange, OcopCertificate
from certification.services import add_months
from tests.factories import make_category, make_listed_product, make_product, make_user

from .conftest import errors_of
from .queries import PRODUCT_SLUGS, slugs

CREATE = """
mutation($input: OcopCertificateCreateInput!) {
  ocopCertificateCreate(input: $input) {
    errors { field code message }
    certificate { id stars score issuingLevel issuedOn expiresOn status group { slug }
                  history { fromStatus toStatus reason userEmail } }
  }
}
"""
UPDATE = """
mutation($id: ID!, $input: OcopCertificateUpdateInput!) {
  ocopCertificateUpdate(id: $id, input: $input) { errors { field code message } certificate { stars score expiresOn } }
}
"""
SUSPEND = """mutation($id: ID!, $reason: String!) { ocopCertificateSuspend(id: $id, reason: $reason) {
  errors { field code message } certificate { status statusReason history { fromStatus toStatus reason } } } }"""
REVOKE = """mutation($id: ID!, $reason: String!) { ocopCertificateRevoke(id: $id, reason: $reason) {
  errors { field code message } certificate { status history { toStatus } } } }"""
REINSTATE = """mutation($id: ID!, $reason: String!) { ocopCertificateReinstate(id: $id, reason: $reason) {
  errors { field code message } certificate { status } } }"""


def _input(obj, **extra):
    return {"product": to_global_id("Product", obj.pk), "stars": 4, "score": 75,
            "certificateNumber": "GCN-2024-001", "decisionNumber": "1234/QĐ-UBND", "decisionDate": "2024-02-29",
            **extra}


def test_add_months_handles_month_ends():
    assert add_months(dt.date(2024, 2, 29), 36) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2025, 8, 31), 36) == dt.date(2028, 8, 31)
    assert add_months(dt.date(2025, 11, 30), 3) == dt.date(2026, 2, 28)


@pytest.mark.django_db
def test_create_with_defaults(gql, staff, staff_token):
    group = make_category(slug="thuy-san")
    product = make_product(category=group)
    data = gql(CREATE, {"input": _input(product)}, token=staff_token)["data"]["ocopCertificateCreate"]
    assert data["errors"] == []
    cert = data["certificate"]
    assert cert["issuingLevel"] == "PROVINCE"
    assert cert["issuedOn"] == "2024-02-29" and cert["expiresOn"] == "2027-02-28"
    assert cert["status"] == "VALID" and cert["group"] == {"slug": "thuy-san"}
    assert cert["history"] == [{"fromStatus": "", "toStatus": "valid", "reason": cert["history"][0]["reason"],
                                "userEmail": staff.email}]
    five = gql(CREATE, {"input": _input(product, stars=5, score=92, certificateNumber="GCN-5")}, token=staff_token)
    assert five["data"]["ocopCertificateCreate"]["certificate"]["issuingLevel"] == "CENTRAL"


@pytest.mark.django_db
@pytest.mark.parametrize("stars, score, ok", [
    (3, 50, True), (3, 69, True), (3, 70, False), (3, 49, False),
    (4, 70, True), (4, 89, True), (4, 90, False), (4, 69, False),
    (5, 90, True), (5, 100, True), (5, 89, False), (5, 101, False),
    (6, 95, False), (0, 10, False),
])
def test_stars_and_score_must_agree(gql, staff_token, stars, score, ok):
    product = make_product()
    level = "CENTRAL" if stars == 5 else "PROVINCE"
    result = gql(CREATE, {"input": _input(product, stars=stars, score=score, issuingLevel=level)}, token=staff_token)
    errors = result["data"]["ocopCertificateCreate"]["errors"]
    if ok:
        assert errors == []
        assert OcopCertificate.objects.count() == 1
    else:
        assert errors and errors[0]["field"] in ("score", "stars")
        assert errors[0]["code"] in ("INVALID_SCORE", "INVALID")
        assert OcopCertificate.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("stars, score, level, decision_date, ok", [
    (4, 75, "PROVINCE", "2025-09-01", True),
    (5, 95, "CENTRAL", "2025-09-01", True),
    (5, 95, "PROVINCE", "2025-09-01", False),
    (4, 75, "CENTRAL", "2025-09-01", False),
    (3, 55, "DISTRICT", "2023-05-10", True),     # older certificates may say district
    (3, 55, "DISTRICT", "2025-07-01", False),    # not after the reform
])
def test_issuing_level(gql, staff_token, stars, score, level, decision_date, ok):
    product = make_product()
    errors = gql(CREATE, {"input": _input(product, stars=stars, score=score, issuingLevel=level,
                                          decisionDate=decision_date)},
                 token=staff_token)["data"]["ocopCertificateCreate"]["errors"]
    assert (errors == []) is ok
    if not ok:
        assert errors[0]["field"] == "issuingLevel"


@pytest.mark.django_db
def test_create_invalid_dates_number_and_permission(gql, staff_token, token_for):
    product = make_product()
    cases = [
        ({"issuedOn": "2024-01-01"}, "issuedOn", "INVALID_DATE"),  # before the decision
        ({"expiresOn": "2024-02-01"}, "expiresOn", "INVALID_DATE"),
        ({"certificateNumber": " "}, "certificateNumber", "REQUIRED"),
        ({"product": to_global_id("Product", 999999)}, "product", "NOT_FOUND"),
    ]
    for extra, field, code in cases:
        errors = errors_of(gql(CREATE, {"input": _input(product, **extra)}, token=staff_token),
                           "ocopCertificateCreate")
        assert (errors[0]["field"], errors[0]["code"]) == (field, code), errors
    assert gql(CREATE, {"input": _input(product)}, token=staff_token)["data"]["ocopCertificateCreate"]["errors"] == []
    dup = errors_of(gql(CREATE, {"input": _input(product)}, token=staff_token), "ocopCertificateCreate")
    assert (dup[0]["field"], dup[0]["code"]) == ("certificateNumber", "UNIQUE")
    editor = token_for(make_user(perms=["accounts.manage_products"], is_staff=True))
    denied = errors_of(gql(CREATE, {"input": _input(product, certificateNumber="X")}, token=editor),
                       "ocopCertificateCreate")
    assert denied[0]["code"] == "PERMISSION_DENIED"
    assert OcopCertificate.objects.count() == 1


@pytest.mark.django_db
def test_update_is_logged_and_validated(gql, staff_token):
    product = make_product()
    cert_id = gql(CREATE, {"input": _input(product)}, token=staff_token)["data"]["ocopCertificateCreate"][
        "certificate"]["id"]
    bad = errors_of(gql(UPDATE, {"id": cert_id, "input": {"stars": 5}}, token=staff_token), "ocopCertificateUpdate")
    assert bad[0]["field"] in ("score", "issuingLevel")
    assert OcopCertificate.objects.get().stars == 4
    ok = gql(UPDATE, {"id": cert_id, "input": {"stars": 5, "score": 91, "issuingLevel": "CENTRAL"}},
             token=staff_token)["data"]["ocopCertificateUpdate"]
    assert ok["errors"] == [] and ok["certificate"]["stars"] == 5
    assert CertificateStatusChange.objects.count() == 2  # issued + corrected


@pytest.mark.django_db
def test_suspend_revoke_keep_history_and_hide_product(gql, staff_token, channel):
    product, _ = make_listed_product(channel, slug="yen-sao")
    cert = product.certificates.get()
    gid = to_global_id("OcopCertificate", cert.pk)
    assert slugs(gql(PRODUCT_SLUGS, {"channel": "online", "first": 5})) == ["yen-sao"]

    no_reason = errors_of(gql(SUSPEND, {"id": gid, "reason": "  "}, token=staff_token), "ocopCertificateSuspend")
    assert (no_reason[0]["field"], no_reason[0]["code"]) == ("reason", "REQUIRED")
    assert OcopCertificate.objects.get().status == "valid"

    suspended = gql(SUSPEND, {"id": gid, "reason": "Kiểm tra chất lượng không đạt"},
                    token=staff_token)["data"]["ocopCertificateSuspend"]
    assert suspended["errors"] == []
    assert suspended["certificate"]["status"] == "SUSPENDED"
    assert suspended["certificate"]["history"][-1] == {"fromStatus": "valid", "toStatus": "suspended",
                                                       "reason": "Kiểm tra chất lượng không đạt"}
    assert slugs(gql(PRODUCT_SLUGS, {"channel": "online", "first": 5})) == []

    again = errors_of(gql(SUSPEND, {"id": gid, "reason": "lần hai"}, token=staff_token), "ocopCertificateSuspend")
    assert again[0]["code"] == "INVALID_STATUS"
    reinstated = gql(REINSTATE, {"id": gid, "reason": "Đã khắc phục"}, token=staff_token)
    assert reinstated["data"]["ocopCertificateReinstate"]["certificate"]["status"] == "VALID"
    assert slugs(gql(PRODUCT_SLUGS, {"channel": "online", "first": 5})) == ["yen-sao"]

    revoked = gql(REVOKE, {"id": gid, "reason": "Vi phạm ghi nhãn"}, token=staff_token)["data"]["ocopCertificateRevoke"]
    assert revoked["certificate"]["status"] == "REVOKED"
    assert [h["toStatus"] for h in revoked["certificate"]["history"]] == ["suspended", "valid", "revoked"]
    assert errors_of(gql(REVOKE, {"id": gid, "reason": "x"}, token=staff_token),
                     "ocopCertificateRevoke")[0]["code"] == "INVALID_STATUS"
    assert errors_of(gql(UPDATE, {"id": gid, "input": {"score": 80}}, token=staff_token),
                     "ocopCertificateUpdate")[0]["code"] == "INVALID_STATUS"
    assert slugs(gql(PRODUCT_SLUGS, {"channel": "online", "first": 5})) == []


@pytest.mark.django_db
def test_status_mutations_need_permission(gql, consumer_token, channel):
    product, _ = make_listed_product(channel)
    gid = to_global_id("OcopCertificate", product.certificates.get().pk)
    for doc, name in ((SUSPEND, "ocopCertificateSuspend"), (REVOKE, "ocopCertificateRevoke")):
        for token in (None, consumer_token):
            assert errors_of(gql(doc, {"id": gid, "reason": "x"}, token=token), name)[0]["code"] == "PERMISSION_DENIED"
    assert OcopCertificate.objects.get().status == "valid"
    assert not CertificateStatusChange.objects.exists()


@pytest.mark.django_db
def test_status_change_notifies_listeners_after_commit(gql, staff_token, channel, django_capture_on_commit_callbacks):
    from certification.signals import certificates_status_changed

    product, _ = make_listed_product(channel)
    cert = product.certificates.get()
    received = []

    def listener(sender, **kwargs):
        received.append(kwargs)

    certificates_status_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            gql(SUSPEND, {"id": to_global_id("OcopCertificate", cert.pk), "reason": "Kiểm tra"}, token=staff_token)
    finally:
        certificates_status_changed.disconnect(listener)
    assert received == [{"signal": certificates_status_changed, "certificate_ids": [cert.pk],
                         "product_ids": [product.pk], "to_status": "suspended"}]
