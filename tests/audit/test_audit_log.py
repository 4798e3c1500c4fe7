"""Item 10 of issue 14: an append-only log of staff actions (stock, certificate status, unlocks, role changes,
prices), written from the models' own signals with the acting user and address, viewable and filterable by the
centre in the admin, and never changed or deleted."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.db import DatabaseError, transaction
from django.test import Client

from audit.models import AppendOnlyError, AuditAction, AuditEntry
from catalog.models import ProductVariantChannelListing
from certification.services import certificate_suspend
from inventory.models import MovementReason
from inventory.services import stock_receive, stock_remove
from tests.factories import make_certificate, make_channel, make_listed_product, make_user, make_warehouse

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre():
    user = make_user("staff@ocop.demo", is_staff=True, is_superuser=True)
    client = Client(REMOTE_ADDR="198.51.100.9")
    client.force_login(user)
    return user, client


def test_service_actions_are_logged_with_their_actor(centre):
    user, _client = centre
    channel = make_channel("online")
    product, variant = make_listed_product(channel)
    warehouse = make_warehouse(channels=[channel])
    stock_receive(variant_id=variant.pk, warehouse_id=warehouse.pk, quantity=7, user=user)
    certificate = make_certificate(product)
    certificate_suspend(certificate=certificate, reason="Kiểm tra đột xuất", user=user)
    listing = ProductVariantChannelListing.objects.get(variant=variant, channel=channel)
    listing.price_amount = 99_000
    listing.save()
    stock = AuditEntry.objects.get(action=AuditAction.STOCK_CHANGED)
    assert stock.actor == user and "+7" in stock.summary
    cert = AuditEntry.objects.get(action=AuditAction.CERTIFICATE_STATUS)
    assert cert.actor == user and "Kiểm tra đột xuất" in cert.summary and cert.object_id == str(certificate.pk)
    price = AuditEntry.objects.get(action=AuditAction.PRICE_CHANGED)
    assert price.data["to"] == 99_000


def test_unlock_and_role_change_in_the_admin_are_logged_and_filterable(centre):
    user, client = centre
    attempt = AccessAttempt.objects.create(username="khach@ocop.demo", ip_address="203.0.113.5", user_agent="x",
                                           failures_since_start=5, get_data="", post_data="", http_accept="",
                                           path_info="/dang-nhap/")
    client.post("/admin/axes/accessattempt/", {"action": "delete_selected", "_selected_action": [attempt.pk],
                                               "post": "yes"})
    unlock = AuditEntry.objects.get(action=AuditAction.LOCKOUT_UNLOCKED)
    assert unlock.actor == user and unlock.ip == "198.51.100.9" and "khach@ocop.demo" in unlock.summary
    cashier = make_user("nv@ocop.demo")
    cashier.groups.add(Group.objects.create(name="Thu ngân"))
    role = AuditEntry.objects.get(action=AuditAction.ROLE_CHANGED)
    assert "Thu ngân" in role.summary and role.object_id == str(cashier.pk)

    page = client.get("/admin/audit/auditentry/", {"action": AuditAction.LOCKOUT_UNLOCKED}).content.decode()
    assert "khach@ocop.demo" in page and "Thu ngân" not in page
    assert client.get(f"/admin/audit/auditentry/{unlock.pk}/delete/").status_code == 403


def test_entries_are_append_only(centre):
    user, _client = centre
    user.user_permissions.clear()
    entry = AuditEntry.objects.create(action=AuditAction.ROLE_CHANGED, object_type="user", object_id="1",
                                      summary="x")
    entry.summary = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    for bypass in (lambda: AuditEntry.objects.filter(pk=entry.pk).update(summary="changed"),
                   lambda: AuditEntry.objects.filter(pk=entry.pk).delete()):
        with pytest.raises(DatabaseError), transaction.atomic():
            bypass()  # the database refuses too
    assert AuditEntry.objects.get(pk=entry.pk).summary == "x"
    actor_entry = AuditEntry.objects.create(action=AuditAction.ROLE_CHANGED, object_type="user", object_id="2",
                                            summary="y", actor=make_user("tam@ocop.demo"),
                                            actor_email="tam@ocop.demo")
    actor_entry.actor.delete()  # deleting a user keeps their entries, by e-mail
    assert AuditEntry.objects.get(pk=actor_entry.pk).actor_email == "tam@ocop.demo"


def test_staff_viewing_a_customers_personal_data_is_logged(centre):
    user, client = centre
    customer = make_user("khach@ocop.demo", full_name="Khách Hàng")
    assert client.get(f"/admin/accounts/user/{customer.pk}/change/").status_code == 200
    seen = AuditEntry.objects.get(action=AuditAction.PERSONAL_DATA_VIEWED)
    assert seen.actor == user and seen.object_id == str(customer.pk) and seen.ip == "198.51.100.9"


def test_a_sale_is_not_a_stock_decision_in_the_log(centre):
    user, _client = centre
    channel = make_channel("online")
    _product, variant = make_listed_product(channel)
    warehouse = make_warehouse(channels=[channel])
    stock_receive(variant_id=variant.pk, warehouse_id=warehouse.pk, quantity=3, user=user)
    stock_remove(variant_id=variant.pk, warehouse_id=warehouse.pk, quantity=1, reason=MovementReason.SALE, user=user)
    assert [e.data["reason"] for e in AuditEntry.objects.filter(action=AuditAction.STOCK_CHANGED)] == ["receipt"]
