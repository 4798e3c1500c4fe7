"""Joining: applications approved/rejected by the centre; invitations by the centre and by owners."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from portal.models import ProducerApplication, ProducerInvitation, ReviewStatus
from producers.models import MemberRole, Producer, ProducerMember
from tests.factories import make_user

pytestmark = pytest.mark.django_db

WARD = "14797"  # Phường Hạc Thành (post-2025 unit of Thanh Hóa)
APPLY = """mutation($input: LegalInput!, $password: String) { producerApply(input: $input, password: $password) {
  application { id status reason } errors { field code message } } }"""


def legal(**kw):
    data = {"name": "HTX Bưởi Luận Văn", "legalForm": "cooperative", "taxCode": "2801234567", "wardCode": WARD,
            "representative": "Lê Văn Bưởi", "phone": "0912345678", "email": "buoi@example.vn"}
    data.update(kw)
    return data


def test_thanh_hoa_has_166_wards():
    from portal.services.joining import thanh_hoa_wards

    wards = thanh_hoa_wards()
    assert len(wards) == 166 and wards[WARD] == "Phường Hạc Thành"


def test_visitor_applies_and_centre_approves(world, gql, token_for, client):
    data = gql(APPLY, {"input": legal(), "password": "mat-khau-manh-123"})["data"]["producerApply"]
    assert data["errors"] == [] and data["application"]["status"] == "pending"
    app = ProducerApplication.objects.get()
    assert app.user.email == "buoi@example.vn" and app.ward_name == "Phường Hạc Thành"
    approve = """mutation($id: ID!) { producerApplicationApprove(id: $id) { producer { name status } errors { code } } }"""
    denied = gql(approve, {"id": data["application"]["id"]}, token=token_for(world.owner_a))
    assert denied["data"]["producerApplicationApprove"]["errors"][0]["code"] == "PERMISSION_DENIED"
    ok = gql(approve, {"id": data["application"]["id"]}, token=token_for(world.centre))
    assert ok["data"]["producerApplicationApprove"]["producer"]["status"] == "approved"
    producer = Producer.objects.get(tax_code="2801234567")
    assert ProducerMember.objects.get(producer=producer).role == MemberRole.OWNER
    client.force_login(app.user)
    assert client.get("/kenh-nguoi-ban/").status_code == 200


def test_rejection_reason_is_shown_to_applicant(world, client):
    client.post("/kenh-nguoi-ban/dang-ky/", {**{re.sub(r"([A-Z])", lambda m: "_" + m[1].lower(), k): v
                                               for k, v in legal().items()}, "password": "mat-khau-manh-123"})
    app = ProducerApplication.objects.get()
    client.force_login(world.centre)
    client.post(f"/trung-tam/kiem-duyet/dang-ky/{app.pk}/", {"decision": "reject", "reason": "Thiếu giấy phép"})
    assert ProducerApplication.objects.get().status == ReviewStatus.REJECTED
    client.force_login(app.user)
    page = client.get("/kenh-nguoi-ban/dang-ky/").content.decode()
    assert "Thiếu giấy phép" in page and "Bị từ chối" in page


@pytest.mark.parametrize("field,value,code", [
    ("taxCode", "28012345", "INVALID_TAX_CODE"),
    ("taxCode", "28012345678901", "INVALID_TAX_CODE"),
    ("wardCode", "00001", "INVALID"),
    ("phone", "012345", "INVALID_PHONE"),
    ("legalForm", "llc", "INVALID"),
])
def test_bad_legal_details_rejected_with_field(world, gql, field, value, code):
    data = gql(APPLY, {"input": legal(**{field: value}), "password": "mat-khau-manh-123"})["data"]["producerApply"]
    snake = re.sub(r"([A-Z])", lambda m: "_" + m[1].lower(), field)
    assert any(e["field"] == snake and e["code"] == code for e in data["errors"]), data["errors"]
    assert not ProducerApplication.objects.exists()
    assert not type(world.owner_a).objects.filter(email="buoi@example.vn").exists()  # no half-made account


def test_thirteen_digit_branch_tax_code_accepted(world, gql):
    data = gql(APPLY, {"input": legal(taxCode="2801234567-001"), "password": "mat-khau-manh-123"})
    assert data["data"]["producerApply"]["errors"] == []


def test_centre_invites_producer_and_owner_sets_password(world, client, django_capture_on_commit_callbacks):
    client.force_login(world.centre)
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post("/trung-tam/chu-the/", {
            "name": "Công ty Mía đường Lam Sơn", "legal_form": "enterprise", "tax_code": "2800100100",
            "ward_code": WARD, "representative": "Nguyễn Lam", "phone": "0987654321", "email": "lamson@example.vn"})
    assert resp.status_code == 302, resp.content.decode()[:2000]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lamson@example.vn"]
    link = re.search(r"http\S+/kenh-nguoi-ban/loi-moi/[0-9a-f-]+/", mail.outbox[0].body).group(0)
    path = link.split("8000", 1)[-1] if "8000" in link else "/" + link.split("/", 3)[3]
    client.logout()
    assert client.post(path, {"password": "ngan"}).status_code == 400  # too short: nothing created
    assert not type(world.centre).objects.filter(email="lamson@example.vn").exists()
    resp = client.post(path, {"password": "mat-khau-manh-123", "full_name": "Nguyễn Lam"})
    assert resp.status_code == 302
    member = ProducerMember.objects.get(user__email="lamson@example.vn")
    assert member.role == MemberRole.OWNER and member.producer.tax_code == "2800100100"
    assert client.get(path).status_code == 404  # used


def test_owner_invites_member_but_member_cannot(world, gql, token_for):
    q = """mutation($e: String!) { producerMemberInvite(email: $e) { invitation { email role } errors { code } } }"""
    denied = gql(q, {"e": "x@example.vn"}, token=token_for(world.member_a))["data"]["producerMemberInvite"]
    assert denied["errors"][0]["code"] == "PERMISSION_DENIED"
    ok = gql(q, {"e": "moi@example.vn"}, token=token_for(world.owner_a))["data"]["producerMemberInvite"]
    assert ok["invitation"] == {"email": "moi@example.vn", "role": "member"}
    assert ProducerInvitation.objects.get().producer == world.producer_a


def test_existing_account_must_log_in_to_accept(world, client):
    user = make_user("co-san@example.vn")
    from portal.services.joining import member_invite

    inv = member_invite(user=world.owner_a, producer_id=world.producer_a.pk, email="co-san@example.vn")
    url = f"/kenh-nguoi-ban/loi-moi/{inv.token}/"
    assert client.post(url, {"password": "bat-ky-123456"}).status_code == 400
    client.force_login(user)
    assert client.post(url).status_code == 302
    assert ProducerMember.objects.filter(user=user, producer=world.producer_a).exists()


def test_only_owner_removes_members_and_last_owner_stays(world, client):
    member = ProducerMember.objects.get(user=world.member_a)
    owner = ProducerMember.objects.get(user=world.owner_a)
    client.force_login(world.member_a)
    client.post("/kenh-nguoi-ban/thanh-vien/", {"action": "remove", "member": owner.pk})
    assert ProducerMember.objects.filter(pk=owner.pk).exists()
    client.force_login(world.owner_a)
    resp = client.post("/kenh-nguoi-ban/thanh-vien/", {"action": "remove", "member": owner.pk})
    assert "chủ sở hữu cuối cùng" in resp.content.decode()
    client.post("/kenh-nguoi-ban/thanh-vien/", {"action": "remove", "member": member.pk})
    assert not ProducerMember.objects.filter(pk=member.pk).exists()
    other = ProducerMember.objects.get(user=world.owner_b)
    resp = client.post("/kenh-nguoi-ban/thanh-vien/", {"action": "remove", "member": other.pk})
    assert ProducerMember.objects.filter(pk=other.pk).exists()
