"""Personal data rights (Decree 13/2023/NĐ-CP): a person's data as JSON, and erasure of an account.

Erasure anonymises rather than deletes what accounting must keep: the account becomes an inactive shell with
no name, e-mail, phone, password or addresses; the person's orders stay (numbers, lines, amounts, VAT, stock
ledger untouched) with the person removed: no user link, no e-mail, phone, names, street or note. The
province/ward of a delivery stays (sales reporting by place), the rest of the address does not. Guests' orders
get the same treatment after GUEST_DATA_RETENTION_DAYS (`manage.py purge_guest_data`, daily).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import Address, User
from accounts.tokens import tokens_deactivate_all
from orders.models import Order

ADDRESS_KEPT = ("ward_code", "ward_name", "province_code", "province_name", "country")


def _address(addr: Address) -> dict:
    return addr.as_dict() | {"is_default_shipping": addr.is_default_shipping}


def personal_data(user: User) -> dict:
    """Everything we hold about the person, and nothing about anyone else."""
    orders = Order.objects.filter(user=user).prefetch_related("lines").order_by("created_at")
    return {
        "generated_at": timezone.now().isoformat(),
        "account": {"email": user.email, "full_name": user.full_name, "phone": user.phone,
                    "date_joined": user.date_joined.isoformat(), "language_code": user.language_code,
                    "last_login": user.last_login.isoformat() if user.last_login else None,
                    "metadata": user.metadata},
        "addresses": [_address(a) for a in user.addresses.order_by("pk")],
        "orders": [{
            "number": o.number, "created_at": o.created_at.isoformat(), "status": o.status,
            "total": o.total_amount, "email": o.user_email, "phone": o.customer_phone,
            "shipping_address": o.shipping_address, "billing_address": o.billing_address,
            "note": o.customer_note,
            "lines": [{"product": ln.product_name, "variant": ln.variant_name, "quantity": ln.quantity,
                       "unit_price": ln.unit_price, "total": ln.total_price} for ln in o.lines.all()],
        } for o in orders],
    }


def _stripped(address: dict | None) -> dict | None:
    if not address:
        return address
    return {k: v for k, v in address.items() if k in ADDRESS_KEPT}


def _order_anonymise(order: Order) -> None:
    order.user = None
    order.user_email = ""
    order.customer_phone = ""
    order.customer_note = ""
    order.shipping_address = _stripped(order.shipping_address)
    order.billing_address = _stripped(order.billing_address)
    if order.invoice_data.get("buyer"):
        order.invoice_data = {**order.invoice_data, "buyer": {}}
    order.metadata = {**order.metadata, "personal_data_erased_at": timezone.now().isoformat()}
    order.save(update_fields=["user", "user_email", "customer_phone", "customer_note", "shipping_address",
                              "billing_address", "invoice_data", "metadata"])


@transaction.atomic
def account_erase(user: User) -> None:
    """Erase the person; keep the orders for accounting without them."""
    user = User.objects.select_for_update().get(pk=user.pk)
    for order in Order.objects.select_for_update().filter(user=user):
        _order_anonymise(order)
    user.addresses.all().delete()
    user.email = f"erased-{user.pk}@erased.invalid"
    user.full_name = ""
    user.phone = ""
    user.metadata = {}
    user.private_metadata = {}
    user.is_active = False
    user.set_unusable_password()
    user.save()
    tokens_deactivate_all(user)


@transaction.atomic
def guest_data_purge(*, now=None) -> int:
    """Anonymise guests' orders (no account) older than GUEST_DATA_RETENTION_DAYS; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.GUEST_DATA_RETENTION_DAYS)
    orders = (Order.objects.select_for_update().filter(user__isnull=True, created_at__lt=cutoff)
              .exclude(metadata__has_key="personal_data_erased_at"))
    count = 0
    for order in orders:
        if order.user_email or order.customer_phone or order.shipping_address or order.invoice_data.get("buyer"):
            _order_anonymise(order)
            count += 1
    return count
