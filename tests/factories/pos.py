"""POS factories: registers bound to a showroom channel and warehouse, stocked listed products."""

from __future__ import annotations

import itertools

from channels.models import ChannelKind
from inventory.services import stock_receive
from pos.models import PosRegister

from .catalog import make_channel, make_listed_product, make_user, make_warehouse

_seq = itertools.count(1)


def make_register(*, channel=None, warehouse=None, staff=(), **extra) -> PosRegister:
    i = next(_seq)
    channel = channel or make_channel(f"showroom-{i}", kind=ChannelKind.SHOWROOM)
    warehouse = warehouse or make_warehouse(channels=[channel])
    reg = PosRegister.objects.create(name=extra.pop("name", f"Quầy {i}"), code=extra.pop("code", f"quay-{i}"),
                                     warehouse=warehouse, channel=channel, **extra)
    reg.staff.set(staff)
    return reg


def make_cashier(register: PosRegister | None = None, **extra):
    user = make_user(**extra)
    if register is not None:
        register.staff.add(user)
    return user


def make_stocked_product(register: PosRegister, *, price: int = 100_000, quantity: int = 10, **extra):
    product, variant = make_listed_product(register.channel, price=price, **extra)
    if quantity:
        stock_receive(variant_id=variant.pk, warehouse_id=register.warehouse_id, quantity=quantity)
    return product, variant
