"""Factories for the buying flow: stocked products, a ready checkout, placed orders."""

from __future__ import annotations

from accounts.models import User
from catalog.models import ProductVariant
from channels.models import Channel
from checkout.addresses import AddressInput
from checkout.models import Checkout, DeliveryMethod
from checkout.services import (
    LineInput,
    checkout_create,
    checkout_delivery_method_update,
    checkout_email_update,
    checkout_payment_method_update,
    checkout_phone_update,
    checkout_shipping_address_update,
)
from inventory.models import Warehouse
from inventory.services import stock_receive

from .catalog import make_listed_product

HOANG_HOA_ADDRESS = AddressInput(full_name="Lê Thị Hoa", phone="0912345678", street_address="12 Lê Lợi",
                                 province_code="38", ward_code="14797")  # Phường Hạc Thành, Thanh Hóa
HANOI_ADDRESS = AddressInput(full_name="Trần Văn Nam", phone="0987654321", street_address="5 Tràng Tiền",
                             province_code="01", ward_code="00070")  # Phường Hoàn Kiếm, Hà Nội


def make_stocked_variant(channel: Channel, warehouse: Warehouse, *, quantity: int = 10, price: int = 100_000,
                         **extra) -> ProductVariant:
    _product, variant = make_listed_product(channel, price=price, **extra)
    if quantity:
        stock_receive(variant_id=variant.pk, warehouse_id=warehouse.pk, quantity=quantity)
    return variant


def make_ready_checkout(channel: Channel, lines: list[tuple[ProductVariant, int]], *, user: User | None = None,
                        email: str = "khach@example.vn", payment: str = "cod", address: AddressInput = HOANG_HOA_ADDRESS,
                        collection_point: Warehouse | None = None) -> Checkout:
    checkout = checkout_create(channel=channel, user=user,
                               lines=[LineInput(variant_id=v.pk, quantity=q) for v, q in lines])
    checkout_email_update(checkout, email=email)
    checkout_phone_update(checkout, phone=address.phone)
    if collection_point is not None:
        checkout_delivery_method_update(checkout, method=DeliveryMethod.COLLECTION,
                                        collection_point_id=collection_point.pk)
    else:
        checkout_shipping_address_update(checkout, address=address)
        checkout_delivery_method_update(checkout, method=DeliveryMethod.SHIPPING)
    checkout_payment_method_update(checkout, method=payment)
    return checkout
