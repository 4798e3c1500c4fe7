"""Factories for inventory tests: stocked variants, order lines to allocate, staff users."""

from __future__ import annotations

from accounts.permissions import Perm
from channels.models import Channel
from inventory.models import Warehouse
from inventory.services import stock_receive
from orders.models import Order, OrderLine
from orders.numbers import next_order_number

from .catalog import make_listed_product, make_user


def make_stocked_variant(channel: Channel, stocks: dict[Warehouse, int], *, price: int = 100_000, **extra):
    """A listed variant with the given quantities received (through the ledger) per warehouse."""
    _product, variant = make_listed_product(channel, price=price, **extra)
    for warehouse, qty in stocks.items():
        if qty:
            stock_receive(variant_id=variant.pk, warehouse_id=warehouse.pk, quantity=qty)
    return variant


def make_order_line(channel: Channel, variant, quantity: int = 1) -> OrderLine:
    order = Order.objects.create(number=next_order_number(), channel=channel)
    return OrderLine.objects.create(order=order, variant=variant, product_name=variant.product.name,
                                    product_sku=variant.sku, quantity=quantity, undiscounted_unit_price=100_000,
                                    unit_price=100_000, total_price=100_000 * quantity)


def make_inventory_manager(**extra):
    return make_user(perms=[Perm.MANAGE_INVENTORY.value], is_staff=True, **extra)


def make_pos_staff(*warehouses: Warehouse, **extra):
    user = make_user(**extra)
    for wh in warehouses:
        wh.staff.add(user)
    return user
