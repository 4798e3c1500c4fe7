"""Checkout rules: gate, prices from the catalogue, stock, per-customer limits, addresses, delivery, promo hook."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from certification.models import CertificateStatus, OcopCertificate
from checkout import promo
from checkout.addresses import AddressInput, clean_address, provinces, wards_of
from checkout.models import CheckoutLine, DeliveryMethod
from checkout.services import (
    LineInput,
    checkout_add_promo_code,
    checkout_create,
    checkout_delivery_method_update,
    checkout_lines_add,
    checkout_lines_update,
    checkout_shipping_address_update,
    checkout_summary,
)
from core.errors import DomainError, ValidationFailed
from tests.domain_errors import raises_domain
from tests.factories.checkout import HANOI_ADDRESS, HOANG_HOA_ADDRESS, make_ready_checkout, make_stocked_variant

pytestmark = pytest.mark.django_db


def test_34_provinces_and_wards_belong_to_their_province():
    codes = dict(provinces())
    assert len(codes) == 34 and codes["38"] == "Thanh Hóa" and provinces()[0][0] == "38"
    assert ("14797", "Phường Hạc Thành") in wards_of("38")
    addr = clean_address(HOANG_HOA_ADDRESS)
    assert addr["ward_name"] == "Phường Hạc Thành" and addr["province_name"] == "Thanh Hóa"
    with pytest.raises(ValidationFailed) as exc:  # a Hà Nội ward with Thanh Hóa
        clean_address(AddressInput("A", "0912345678", "1 Lê Lợi", "38", "00070"))
    assert exc.value.errors[0].field == "wardCode" and "không thuộc Thanh Hóa" in exc.value.errors[0].message


@pytest.mark.parametrize("phone", ["0123456789", "091234567", "+1 415 555 0100", "abc"])
def test_invalid_phone_is_refused(phone):
    with pytest.raises(ValidationFailed) as exc:
        clean_address(AddressInput("A", phone, "1 Lê Lợi", "38", "14797"))
    assert [e.field for e in exc.value.errors] == ["phone"]


def test_valid_phone_formats_are_normalised():
    assert clean_address(AddressInput("A", "+84 912 345 678", "x", "38", "14797"))["phone"] == "0912345678"


def test_lines_merge_and_price_comes_from_catalogue(channel, depot):
    v = make_stocked_variant(channel, depot, quantity=10, price=125_000)
    checkout = checkout_create(channel=channel, lines=[LineInput(v.pk, 2)])
    checkout_lines_add(checkout, lines=[LineInput(v.pk, 1)])
    s = checkout_summary(checkout)
    assert [(lv.quantity, lv.unit_price, lv.total) for lv in s.lines] == [(3, 125_000, 375_000)]


def test_quantity_above_stock_is_refused_and_nothing_changes(channel, depot):
    v = make_stocked_variant(channel, depot, quantity=3)
    checkout = checkout_create(channel=channel, lines=[LineInput(v.pk, 2)])
    with raises_domain("INSUFFICIENT_STOCK", "quantity") as exc:
        checkout_lines_add(checkout, lines=[LineInput(v.pk, 2)])
    assert exc.value.code == "INSUFFICIENT_STOCK" and "chỉ còn 3" in exc.value.message
    assert CheckoutLine.objects.get(checkout=checkout).quantity == 2


def test_per_customer_limit_counts_previous_orders(channel, depot):
    from orders.services import order_create_from_checkout
    from tests.factories import make_user

    user = make_user()
    v = make_stocked_variant(channel, depot, quantity=20)
    v.quantity_limit_per_customer = 3
    v.save()
    with raises_domain("QUANTITY_GREATER_THAN_LIMIT", "quantity") as exc:
        checkout_create(channel=channel, user=user, lines=[LineInput(v.pk, 4)])
    assert exc.value.code == "QUANTITY_GREATER_THAN_LIMIT" and "tối đa 3" in exc.value.message
    order_create_from_checkout(checkout_token=make_ready_checkout(channel, [(v, 2)], user=user).token, user=user)
    c2 = checkout_create(channel=channel, user=user, lines=[LineInput(v.pk, 1)])
    with raises_domain("QUANTITY_GREATER_THAN_LIMIT", "quantity") as exc:
        checkout_lines_update(c2, lines=[LineInput(v.pk, 2)], user=user)
    assert "còn được mua 1" in exc.value.message


def test_unlisted_or_expired_product_cannot_be_added(channel, depot):
    v = make_stocked_variant(channel, depot)
    OcopCertificate.objects.filter(product=v.product).update(expires_on=timezone.localdate() - dt.timedelta(days=1))
    with raises_domain("PRODUCT_NOT_PUBLISHED", "variantId") as exc:
        checkout_create(channel=channel, lines=[LineInput(v.pk, 1)])
    assert exc.value.code == "PRODUCT_NOT_PUBLISHED" and "hết hạn" in exc.value.message


def test_summary_flags_a_product_suspended_after_adding(channel, depot):
    v = make_stocked_variant(channel, depot)
    checkout = checkout_create(channel=channel, lines=[LineInput(v.pk, 1)])
    OcopCertificate.objects.filter(product=v.product).update(status=CertificateStatus.SUSPENDED)
    s = checkout_summary(checkout)
    assert s.problems and s.lines[0].problem


def test_shipping_fee_by_zone_and_free_threshold(channel, depot, settings):
    settings.SHIPPING_FEE_THANH_HOA, settings.SHIPPING_FEE_OTHER, settings.SHIPPING_FREE_THRESHOLD = 20_000, 35_000, 500_000
    v = make_stocked_variant(channel, depot, quantity=50, price=100_000)
    checkout = make_ready_checkout(channel, [(v, 1)])
    assert (checkout_summary(checkout).shipping, checkout_summary(checkout).total) == (20_000, 120_000)
    checkout_shipping_address_update(checkout, address=HANOI_ADDRESS)
    assert checkout_summary(checkout).shipping == 35_000
    checkout_lines_update(checkout, lines=[LineInput(v.pk, 5)])
    assert checkout_summary(checkout).shipping == 0


def test_collection_point_must_hold_all_the_goods(channel, depot, showroom):
    from inventory.services import stock_receive

    a = make_stocked_variant(channel, depot, quantity=5)
    b = make_stocked_variant(channel, depot, quantity=5)
    stock_receive(variant_id=a.pk, warehouse_id=showroom.pk, quantity=2)
    checkout = checkout_create(channel=channel, lines=[LineInput(a.pk, 1), LineInput(b.pk, 1)])
    with raises_domain("INVALID", "deliveryMethodId"):
        checkout_delivery_method_update(checkout, method=DeliveryMethod.COLLECTION, collection_point_id=showroom.pk)
    with raises_domain("INVALID", "deliveryMethodId"):  # the depot is not a collection point at all
        checkout_delivery_method_update(checkout, method=DeliveryMethod.COLLECTION, collection_point_id=depot.pk)
    checkout_lines_update(checkout, lines=[LineInput(b.pk, 0)])
    checkout_delivery_method_update(checkout, method=DeliveryMethod.COLLECTION, collection_point_id=showroom.pk)
    assert checkout_summary(checkout).shipping == 0


def test_unknown_promo_code_is_refused(channel, depot):
    v = make_stocked_variant(channel, depot)
    checkout = checkout_create(channel=channel, lines=[LineInput(v.pk, 1)])
    with raises_domain("INVALID_PROMO_CODE", "promoCode") as exc:
        checkout_add_promo_code(checkout, code="KHONGCO")
    assert exc.value.message == "Mã khuyến mại không hợp lệ." and exc.value.field == "promoCode"


def test_promo_resolver_hook(channel, depot, monkeypatch):
    """A resolver registered by another app (campaigns) prices the code; the redemption hook sees the order."""
    from orders.services import order_create_from_checkout

    monkeypatch.setattr(promo, "PROMO_RESOLVERS", [])
    monkeypatch.setattr(promo, "REDEMPTION_HOOKS", [])
    redeemed = []

    def tet(code, ctx):
        if code != "TET2026":
            return None
        if ctx.subtotal < 150_000:
            raise DomainError("Đơn tối thiểu 150.000 ₫.", field="promoCode")
        return promo.PromoResult(code=code, discount_amount=30_000, name="Tết OCOP")

    promo.register_promo_resolver(tet)
    promo.register_promo_redemption_hook(lambda code, order: redeemed.append((code, order.number)))
    v = make_stocked_variant(channel, depot, price=100_000)
    checkout = make_ready_checkout(channel, [(v, 1)])
    with raises_domain("INVALID", "promoCode", match="tối thiểu"):
        checkout_add_promo_code(checkout, code="tet2026")
    checkout_lines_update(checkout, lines=[LineInput(v.pk, 2)])
    checkout_add_promo_code(checkout, code=" tet2026 ")
    s = checkout_summary(checkout)
    assert (s.subtotal, s.discount, s.shipping, s.total) == (200_000, 30_000, 20_000, 190_000)
    order = order_create_from_checkout(checkout_token=checkout.token)
    assert order.voucher_code == "TET2026" and order.discount_amount == 30_000 and order.total_amount == 190_000
    assert order.vat_amount == 12_593  # 8 % VAT inside the 170.000 ₫ actually paid for the goods
    assert redeemed == [("TET2026", order.number)]


def test_channel_reservations_hold_the_cart_until_ordered_or_expired(channel, depot):
    from inventory.models import Reservation
    from orders.services import order_create_from_checkout

    channel.reservation_minutes = 15
    channel.save()
    v = make_stocked_variant(channel, depot, quantity=3)
    first = make_ready_checkout(channel, [(v, 3)])
    assert Reservation.objects.get(checkout_token=str(first.token)).quantity_reserved == 3
    with raises_domain("INSUFFICIENT_STOCK", "quantity") as exc:  # the other buyer cannot take the held units
        checkout_create(channel=channel, lines=[LineInput(v.pk, 1)])
    assert exc.value.code == "INSUFFICIENT_STOCK"
    checkout_lines_update(first, lines=[LineInput(v.pk, 2)])
    second = checkout_create(channel=channel, lines=[LineInput(v.pk, 1)])
    order = order_create_from_checkout(checkout_token=first.token)
    assert order.lines.get().quantity == 2 and not Reservation.objects.filter(checkout_token=str(first.token))
    assert Reservation.objects.get(checkout_token=str(second.token)).quantity_reserved == 1
    Reservation.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    third = checkout_create(channel=channel, lines=[LineInput(v.pk, 1)])  # the expired hold no longer counts
    assert third.lines.count() == 1


def test_automatic_order_discount_and_voucher_do_not_stack_and_cancel_releases(channel, depot, monkeypatch):
    from orders.services import order_cancel, order_create_from_checkout

    for name in ("PROMO_RESOLVERS", "REDEMPTION_HOOKS", "RELEASE_HOOKS", "AUTO_DISCOUNT_PROVIDERS"):
        monkeypatch.setattr(promo, name, [])
    released = []
    promo.register_auto_discount_provider(
        lambda ctx: promo.PromoResult(code="", discount_amount=ctx.subtotal // 10, name="Giảm 10 %"))
    promo.register_promo_resolver(lambda code, ctx: promo.PromoResult(code, 15_000, "Mã 15k") if code == "M15" else None)
    promo.register_promo_release_hook(lambda code, order: released.append(code))
    v = make_stocked_variant(channel, depot, price=100_000)
    checkout = make_ready_checkout(channel, [(v, 1)])
    assert checkout_summary(checkout).discount == 10_000 and checkout_summary(checkout).promo.name == "Giảm 10 %"
    checkout_add_promo_code(checkout, code="m15")
    s = checkout_summary(checkout)
    assert (s.discount, s.promo.code) == (15_000, "M15")  # the better one, not 25.000
    order = order_create_from_checkout(checkout_token=checkout.token)
    assert (order.discount_amount, order.voucher_code) == (15_000, "M15")
    order_cancel(order_id=order.pk)
    assert released == ["M15"]


def test_discount_shares_split_exactly():
    from orders.services import discount_shares

    assert discount_shares([100_000, 50_000, 50_000], 30_000) == [15_000, 7_500, 7_500]
    assert sum(discount_shares([33_333, 33_333, 33_334], 10_000)) == 10_000
    assert discount_shares([10, 20], 0) == [0, 0]
