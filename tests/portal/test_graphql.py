"""GraphQL paths not covered elsewhere: invitations end to end, member removal, statements, revisions."""

from __future__ import annotations

import pytest
from django.utils import timezone
from graphql_relay import to_global_id

from catalog.models import ProductMedia
from portal.models import ProducerInvitation
from portal.services import listings, moderation
from producers.models import ProducerMember
from tests.factories.portal import png_upload

pytestmark = pytest.mark.django_db


def test_centre_invite_and_accept_through_graphql(world, gql, token_for):
    invite = """mutation($i: LegalInput!) { producerInvite(input: $i) { invitation { email role } errors { field code } } }"""
    legal = {"name": "Hộ kinh doanh Mật ong Bá Thước", "legalForm": "household", "taxCode": "2809998887",
             "wardCode": "14797", "representative": "Hà Văn Ong", "phone": "0977123456", "email": "ong@example.vn"}
    assert gql(invite, {"i": legal}, token=token_for(world.owner_a))["data"]["producerInvite"]["errors"][0][
        "code"] == "PERMISSION_DENIED"
    res = gql(invite, {"i": legal}, token=token_for(world.centre))["data"]["producerInvite"]
    assert res == {"invitation": {"email": "ong@example.vn", "role": "owner"}, "errors": []}
    token = str(ProducerInvitation.objects.get(email="ong@example.vn").token)
    accept = """mutation($t: UUID!, $p: String) { producerInvitationAccept(token: $t, password: $p) {
        producer { name } errors { field code } } }"""
    bad = gql(accept, {"t": token, "p": "123"})["data"]["producerInvitationAccept"]
    assert bad["errors"][0]["field"] == "password"
    ok = gql(accept, {"t": token, "p": "mat-khau-manh-123"})["data"]["producerInvitationAccept"]
    assert ok == {"producer": {"name": "Hộ kinh doanh Mật ong Bá Thước"}, "errors": []}
    again = gql(accept, {"t": token, "p": "mat-khau-manh-123"})["data"]["producerInvitationAccept"]
    assert again["errors"][0]["code"] == "NOT_FOUND"


def test_member_remove_graphql_owner_only(world, gql, token_for):
    q = """mutation($u: ID!) { producerMemberRemove(userId: $u) { ok errors { code } } }"""
    target = to_global_id("User", world.member_a.pk)
    assert gql(q, {"u": target}, token=token_for(world.owner_b))["data"]["producerMemberRemove"]["errors"][0][
        "code"] == "NOT_FOUND"  # B's owner cannot reach A's member
    assert ProducerMember.objects.filter(user=world.member_a).exists()
    assert gql(q, {"u": target}, token=token_for(world.owner_a))["data"]["producerMemberRemove"]["ok"] is True
    assert not ProducerMember.objects.filter(user=world.member_a).exists()


def test_statement_month_is_validated(world, gql, token_for):
    res = gql('{ producerStatement(month: "2026-13") { gross } }', token=token_for(world.owner_a))
    assert res["data"] is None and "NNNN-TT" in res["errors"][0]["message"]
    month = timezone.localdate().strftime("%Y-%m")
    res = gql(f'{{ producerStatement(month: "{month}") {{ gross payable pdfUrl csvUrl }} }}',
              token=token_for(world.owner_a))
    assert res["data"]["producerStatement"]["pdfUrl"] == f"/kenh-nguoi-ban/doi-soat/{month}.pdf"


def test_image_removal_on_approved_product_waits_for_approval(world, gql, token_for):
    product = world.product_a
    listings.image_add(user=world.owner_a, product=product, upload=png_upload())
    moderation.product_approve(user=world.centre, product_id=product.pk)
    media = ProductMedia.objects.get(product=product)
    listings.image_remove(user=world.owner_a, product=product, media_id=media.pk)
    assert ProductMedia.objects.filter(pk=media.pk).exists()  # still live
    q = """query($id: ID!) { portalProduct(id: $id) { pendingName media { isPending } } }"""
    assert gql(q, {"id": to_global_id("Product", product.pk)}, token=token_for(world.owner_a))["data"][
        "portalProduct"]["media"] == [{"isPending": False}]
    moderation.product_approve(user=world.centre, product_id=product.pk)
    assert not ProductMedia.objects.filter(pk=media.pk).exists()


def test_my_producer_and_applications(world, gql, token_for):
    me = gql("{ myProducer { name role } }", token=token_for(world.member_a))["data"]["myProducer"]
    assert me == {"name": "HTX Nem chua A", "role": "member"}
    assert gql("{ myProducer { name } }", token=token_for(world.consumer))["data"]["myProducer"] is None
    assert gql("{ myProducerApplications { id } }")["errors"]
