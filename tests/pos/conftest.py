"""POS fixtures: a register with a cashier, a stocked product, helpers to call the API as a cashier."""

from __future__ import annotations

import uuid

import pytest
from graphql_relay import to_global_id

from pos import sales as sale_services
from pos.shifts import shift_open
from tests.factories.pos import make_cashier, make_register, make_stocked_product


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def register(db):
    return make_register()


@pytest.fixture
def cashier(register):
    return make_cashier(register)


@pytest.fixture
def stocked(register):
    return make_stocked_product(register, price=120_000, quantity=5)


@pytest.fixture
def shift(register, cashier):
    return shift_open(user=cashier, register_id=register.pk, counts={500_000: 1})


def sale_input(shift, variant, quantity=1, *, payments=None, client_uuid=None, offline=False, price=120_000):
    return sale_services.SaleInput(
        client_uuid=client_uuid or str(uuid.uuid4()), shift_id=shift.pk,
        lines=[sale_services.SaleLineInput(variant_id=variant.pk, quantity=quantity)],
        payments=payments or [sale_services.PaymentInput(method="cash", amount=price * quantity)], offline=offline)


def gql_sale(shift, variant, quantity=1, *, payments=None, client_uuid=None):
    return {
        "clientUuid": client_uuid or str(uuid.uuid4()),
        "shiftId": to_global_id("PosShift", shift.pk),
        "lines": [{"variantId": to_global_id("ProductVariant", variant.pk), "quantity": quantity}],
        "payments": [{"method": "cash", "amount": 120_000 * quantity}] if payments is None else payments,
    }
