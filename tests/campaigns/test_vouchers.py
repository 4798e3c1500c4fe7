"""Vouchers: codes, limits, one use per customer, minimum spend, channels, dates, concurrency."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.utils import timezone

from campaigns.errors import VoucherError
from campaigns.models import RewardValueType, Voucher, VoucherCode, VoucherCustomer
from campaigns.vouchers import voucher_check, voucher_codes_bulk_delete, voucher_create, voucher_redeem, voucher_release
from tests.factories import make_channel
from tests.factories.campaigns import make_voucher


@pytest.mark.django_db
def test_many_codes_generated_unique(channel):
    voucher = voucher_create(name="Hội chợ", channels=[channel], discount_value_type=RewardValueType.FIXED,
                             discount_value=20_000, start_date=timezone.now(), code_count=50, code_prefix="HC")
    codes = list(voucher.codes.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == 50 and all(c.startswith("HC-") for c in codes)


@pytest.mark.django_db
@pytest.mark.parametrize("setup,kwargs,code", [
    ({"min_spent_amount": 300_000}, {"subtotal": 299_000}, "VOUCHER_MIN_SPENT"),
    ({"end_date": "past"}, {}, "VOUCHER_EXPIRED"),
    ({"start_date": "future"}, {}, "VOUCHER_EXPIRED"),
    ({"other_channel": True}, {}, "VOUCHER_NOT_APPLICABLE"),
])
def test_voucher_conditions(channel, setup, kwargs, code):
    now = timezone.now()
    extra = {}
    if setup.get("end_date") == "past":
        extra.update(start_date=now - dt.timedelta(days=3), end_date=now - dt.timedelta(days=1))
    if setup.get("start_date") == "future":
        extra.update(start_date=now + dt.timedelta(days=1), end_date=now + dt.timedelta(days=3))
    if "min_spent_amount" in setup:
        extra["min_spent_amount"] = setup["min_spent_amount"]
    target = make_channel("go-thanh-hoa", kind="supermarket") if setup.get("other_channel") else channel
    make_voucher(target, code="OCOP10", **extra)
    with pytest.raises(VoucherError) as err:
        voucher_check(code="OCOP10", channel=channel, subtotal=kwargs.get("subtotal", 500_000), email="a@b.vn")
    assert err.value.code == code and err.value.message


@pytest.mark.django_db
def test_unknown_code_is_a_clear_error(channel):
    with pytest.raises(VoucherError) as err:
        voucher_check(code="KHONGCO", channel=channel, subtotal=100_000)
    assert "không hợp lệ" in err.value.message and err.value.field == "promoCode"


@pytest.mark.django_db
def test_one_use_per_customer_and_release_on_cancel(channel):
    make_voucher(channel, code="MOTLAN", apply_once_per_customer=True)
    voucher_redeem(code="MOTLAN", channel=channel, subtotal=200_000, email="Khach@Ocop.demo")
    with pytest.raises(VoucherError) as err:
        voucher_redeem(code="motlan", channel=channel, subtotal=200_000, email="khach@ocop.demo")
    assert err.value.code == "VOUCHER_ALREADY_USED"
    assert voucher_check(code="MOTLAN", channel=channel, subtotal=200_000, email="other@ocop.demo").amount == 20_000
    assert Voucher.objects.get().used == 1


@pytest.mark.django_db
def test_release_gives_the_use_back(channel):
    from tests.factories.orders_min import make_order

    make_voucher(channel, code="HUY", usage_limit=1)
    order = make_order(channel)
    voucher_redeem(code="HUY", channel=channel, subtotal=200_000, email="a@b.vn", order=order)
    with pytest.raises(VoucherError):
        voucher_check(code="HUY", channel=channel, subtotal=200_000)
    voucher_release(code="HUY", email="a@b.vn", order=order)
    assert voucher_check(code="HUY", channel=channel, subtotal=200_000).amount == 20_000


@pytest.mark.django_db
def test_bulk_delete_keeps_used_codes_as_inactive(channel):
    voucher = voucher_create(name="X", channels=[channel], discount_value_type=RewardValueType.FIXED,
                             discount_value=10_000, start_date=timezone.now() - dt.timedelta(hours=1),
                             codes=["A1", "A2"])
    voucher_redeem(code="A1", channel=channel, subtotal=100_000, email="x@y.vn")
    voucher_codes_bulk_delete(code_ids=list(voucher.codes.values_list("pk", flat=True)))
    assert list(VoucherCode.objects.values_list("code", "is_active")) == [("A1", False)]


@pytest.mark.django_db
def test_invalid_voucher_input_writes_nothing(channel):
    make_voucher(channel, code="CO")
    with pytest.raises(VoucherError) as err:
        voucher_create(name="Y", channels=[channel], discount_value_type=RewardValueType.PERCENTAGE,
                       discount_value=10, start_date=timezone.now(), codes=["MOI", "CO"])
    assert err.value.code == "UNIQUE"
    with pytest.raises(VoucherError) as err:
        voucher_create(name="Y", channels=[channel], discount_value_type=RewardValueType.PERCENTAGE,
                       discount_value=10, start_date=timezone.now(), end_date=timezone.now() - dt.timedelta(days=1),
                       codes=["MOI"])
    assert err.value.code == "INVALID_DATES"
    assert Voucher.objects.count() == 1 and not VoucherCode.objects.filter(code="MOI").exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_redemptions_stop_exactly_at_the_limit():
    channel = make_channel("online")
    make_voucher(channel, code="GIOIHAN", usage_limit=5)
    racers = 20
    barrier = threading.Barrier(racers)
    outcomes: list[str] = []
    lock = threading.Lock()

    def buy(i: int) -> None:
        try:
            barrier.wait()
            voucher_redeem(code="GIOIHAN", channel=channel, subtotal=100_000, email=f"k{i}@ocop.demo")
            result = "ok"
        except VoucherError as exc:
            result = exc.code
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=buy, args=(i,)) for i in range(racers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 5
    assert outcomes.count("VOUCHER_USAGE_LIMIT") == racers - 5
    voucher = Voucher.objects.get()
    assert voucher.used == 5 and VoucherCustomer.objects.count() == 5
