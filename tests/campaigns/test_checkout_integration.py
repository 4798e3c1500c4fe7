"""Campaigns inside the real checkout: discounted prices are charged, vouchers are redeemed once
and given back on cancel, order promotions apply by themselves, and they never stack."""

import datetime as dt

import pytest
from django.utils import timezone

from campaigns.models import PromotionType, RewardValueType, Voucher
from campaigns.promotions import promotion_create
from checkout.services import checkout_add_promo_code, checkout_summary
from core.errors import DomainError
from inventory.models import WarehouseKind
from orders.services import order_cancel, order_create_from_checkout
from tests.factories import make_warehouse
from tests.factories.campaigns import make_catalogue_promotion, make_voucher
from tests.factories.checkout import make_ready_checkout, make_stocked_variant

pytestmark = pytest.mark.django_db


@pytest.fixture
def depot(channel):
    return make_warehouse(channels=[channel], kind=WarehouseKind.DISPLAY_CENTRE, name="Kho Trung tâm XTTM")


def test_catalogue_discount_is_what_the_customer_pays(channel, depot):
    variant = make_stocked_variant(channel, depot, price=200_000, quantity=5)
    make_catalogue_promotion(channel, percent=25, predicate={"variantIds": [variant.pk]}, name="Tuần lễ OCOP")
    order = order_create_from_checkout(checkout_token=make_ready_checkout(channel, [(variant, 2)]).token)
    line = order.lines.get()
    assert (line.undiscounted_unit_price, line.unit_price, line.unit_discount) == (200_000, 150_000, 50_000)
    assert order.subtotal_amount == 300_000


def test_voucher_redeemed_with_the_order_and_released_on_cancel(channel, depot):
    variant = make_stocked_variant(channel, depot, price=100_000, quantity=10)
    make_voucher(channel, code="TET2027", percent=10, usage_limit=1)
    checkout = make_ready_checkout(channel, [(variant, 3)])
    checkout_add_promo_code(checkout, code="tet2027")
    assert checkout_summary(checkout).discount == 30_000
    order = order_create_from_checkout(checkout_token=checkout.token)
    assert (order.voucher_code, order.discount_amount) == ("TET2027", 30_000)
    assert Voucher.objects.get().used == 1
    other = make_ready_checkout(channel, [(variant, 1)], email="b@example.vn")
    with pytest.raises(DomainError) as err:
        checkout_add_promo_code(other, code="TET2027")
    assert "hết lượt" in err.value.message
    order_cancel(order_id=order.pk)
    assert Voucher.objects.get().used == 0
    checkout_add_promo_code(other, code="TET2027")


def test_unknown_code_is_refused(channel, depot):
    variant = make_stocked_variant(channel, depot)
    with pytest.raises(DomainError) as err:
        checkout_add_promo_code(make_ready_checkout(channel, [(variant, 1)]), code="KHONGCO")
    assert "không hợp lệ" in err.value.message


def test_order_promotion_applies_by_itself_and_does_not_stack_with_a_voucher(channel, depot):
    variant = make_stocked_variant(channel, depot, price=300_000, quantity=10)
    promotion_create(name="Đơn từ 500.000 ₫ giảm 60.000 ₫", type=PromotionType.ORDER,
                     start_date=timezone.now() - dt.timedelta(hours=1),
                     rules=[{"channels": [channel], "order_predicate": {"minSubtotal": 500_000},
                             "reward_value_type": RewardValueType.FIXED, "reward_value": 60_000}])
    small = make_ready_checkout(channel, [(variant, 1)])
    assert checkout_summary(small).discount == 0
    big = make_ready_checkout(channel, [(variant, 2)])
    assert checkout_summary(big).discount == 60_000
    make_voucher(channel, code="GIAM5", percent=5)  # 30.000 ₫ < 60.000 ₫: the promotion wins
    checkout_add_promo_code(big, code="GIAM5")
    summary = checkout_summary(big)
    assert (summary.discount, summary.promo.code) == (60_000, "")
    order = order_create_from_checkout(checkout_token=big.token)
    assert order.discount_amount == 60_000 and order.voucher_code == ""
    assert Voucher.objects.get().used == 0
