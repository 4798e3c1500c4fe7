"""Voucher services: create with one or many codes, check a code for a basket, redeem it.

Redemption locks the voucher row, so concurrent customers can never use it past its limit:
exactly `usage_limit` redemptions succeed.
"""

from __future__ import annotations

import datetime as dt
import secrets
import string

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from channels.models import Channel
from core.identity import canonical_email

from .discounts import OrderDiscount, reward_amount
from .errors import VoucherError
from .models import RewardValueType, Voucher, VoucherCode, VoucherCustomer

CODE_ALPHABET = string.ascii_uppercase + string.digits


def _clean_code(code: str) -> str:
    return (code or "").strip().upper()


def generate_codes(count: int, prefix: str = "OCOP", length: int = 8) -> list[str]:
    return [f"{prefix}-{''.join(secrets.choice(CODE_ALPHABET) for _ in range(length))}" for _ in range(count)]


@transaction.atomic
def voucher_create(*, name: str, channels: list[Channel], discount_value_type: str, discount_value: int,
                   start_date: dt.datetime, end_date: dt.datetime | None = None, codes: list[str] | None = None,
                   code_count: int = 0, code_prefix: str = "OCOP", usage_limit: int | None = None,
                   apply_once_per_customer: bool = False, min_spent_amount: int = 0, campaign=None) -> Voucher:
    if not name.strip():
        raise VoucherError(_("Vui lòng nhập tên mã giảm giá."), field="name", code="REQUIRED")
    if end_date is not None and end_date <= start_date:
        raise VoucherError(_("Ngày kết thúc phải sau ngày bắt đầu."), field="endDate", code="INVALID_DATES")
    if discount_value_type not in RewardValueType.values:
        raise VoucherError(_("Loại giảm giá không hợp lệ."), field="discountValueType", code="INVALID_REWARD")
    if discount_value <= 0 or (discount_value_type == RewardValueType.PERCENTAGE and discount_value > 100):
        raise VoucherError(_("Giá trị giảm phải lớn hơn 0 (phần trăm tối đa 100)."), field="discountValue",
                           code="INVALID_REWARD")
    if usage_limit is not None and usage_limit <= 0:
        raise VoucherError(_("Giới hạn lượt dùng phải lớn hơn 0."), field="usageLimit", code="INVALID")
    if not channels:
        raise VoucherError(_("Chọn ít nhất một kênh bán."), field="channels", code="REQUIRED")
    all_codes = [_clean_code(c) for c in (codes or []) if _clean_code(c)]
    if code_count:
        all_codes += generate_codes(code_count, code_prefix)
    if not all_codes:
        raise VoucherError(_("Cần ít nhất một mã."), field="codes", code="REQUIRED")
    if len(set(all_codes)) != len(all_codes):
        raise VoucherError(_("Có mã bị trùng trong danh sách."), field="codes", code="DUPLICATED_INPUT_ITEM")
    taken = list(VoucherCode.objects.filter(code__in=all_codes).values_list("code", flat=True))
    if taken:
        raise VoucherError(_("Mã đã tồn tại: %(codes)s") % {"codes": ", ".join(taken)}, field="codes", code="UNIQUE")
    voucher = Voucher.objects.create(
        name=name.strip(), discount_value_type=discount_value_type, discount_value=discount_value,
        start_date=start_date, end_date=end_date, usage_limit=usage_limit, min_spent_amount=min_spent_amount,
        apply_once_per_customer=apply_once_per_customer, campaign=campaign,
    )
    voucher.channels.set(channels)
    try:
        with transaction.atomic():
            VoucherCode.objects.bulk_create([VoucherCode(voucher=voucher, code=c) for c in all_codes])
    except IntegrityError:
        raise VoucherError(_("Mã đã tồn tại."), field="codes", code="UNIQUE") from None
    return voucher


def _get_code(code: str) -> VoucherCode:
    vc = VoucherCode.objects.select_related("voucher").filter(code=_clean_code(code), is_active=True).first()
    if vc is None:
        raise VoucherError(_("Mã khuyến mại không hợp lệ."), field="promoCode", code="VOUCHER_NOT_APPLICABLE")
    return vc


def _check(voucher: Voucher, *, channel: Channel, subtotal: int, email: str | None, at: dt.datetime) -> int:
    if at < voucher.start_date or (voucher.end_date is not None and at >= voucher.end_date):
        raise VoucherError(_("Mã khuyến mại đã hết hạn hoặc chưa đến thời gian áp dụng."), field="promoCode",
                           code="VOUCHER_EXPIRED")
    if not voucher.channels.filter(pk=channel.pk).exists():
        raise VoucherError(_("Mã khuyến mại không áp dụng cho kênh bán này."), field="promoCode",
                           code="VOUCHER_NOT_APPLICABLE")
    if voucher.usage_limit is not None and voucher.used >= voucher.usage_limit:
        raise VoucherError(_("Mã khuyến mại đã hết lượt sử dụng."), field="promoCode", code="VOUCHER_USAGE_LIMIT")
    if subtotal < voucher.min_spent_amount:
        raise VoucherError(
            _("Đơn hàng cần tối thiểu %(min)s ₫ để dùng mã này.") % {"min": f"{voucher.min_spent_amount:,}".replace(",", ".")},
            field="promoCode", code="VOUCHER_MIN_SPENT")
    if voucher.apply_once_per_customer:
        if not email:
            raise VoucherError(_("Cần email để dùng mã này (mỗi khách một lần)."), field="email", code="REQUIRED")
        used_by = {canonical_email(email), email.strip().lower()}  # rows from before canonical keys, too
        if VoucherCustomer.objects.filter(voucher=voucher, customer_email__in=used_by).exists():
            raise VoucherError(_("Bạn đã sử dụng mã khuyến mại này."), field="promoCode", code="VOUCHER_ALREADY_USED")
    return reward_amount(subtotal, voucher.discount_value_type, voucher.discount_value)


def voucher_check(*, code: str, channel: Channel, subtotal: int, email: str | None = None,
                  at: dt.datetime | None = None) -> OrderDiscount:
    """What the code is worth on this basket now (raises VoucherError with the reason if nothing)."""
    vc = _get_code(code)
    amount = _check(vc.voucher, channel=channel, subtotal=subtotal, email=email, at=at or timezone.now())
    return OrderDiscount(amount, "voucher", None, vc.code, vc.voucher.name)


@transaction.atomic
def voucher_redeem(*, code: str, channel: Channel, subtotal: int, email: str | None, order=None,
                   at: dt.datetime | None = None) -> OrderDiscount:
    """Use a code for an order: re-checked under a row lock on the voucher, then counted."""
    vc = _get_code(code)
    voucher = Voucher.objects.select_for_update().get(pk=vc.voucher_id)
    amount = _check(voucher, channel=channel, subtotal=subtotal, email=email, at=at or timezone.now())
    Voucher.objects.filter(pk=voucher.pk).update(used=F("used") + 1)
    VoucherCode.objects.filter(pk=vc.pk).update(used=F("used") + 1)
    VoucherCustomer.objects.create(voucher=voucher, voucher_code=vc, customer_email=canonical_email(email), order=order)
    return OrderDiscount(amount, "voucher", None, vc.code, voucher.name)


@transaction.atomic
def voucher_release(*, code: str, email: str | None, order=None) -> None:
    """Give a use back (order cancelled)."""
    vc = VoucherCode.objects.filter(code=_clean_code(code)).first()
    if vc is None:
        return
    voucher = Voucher.objects.select_for_update().get(pk=vc.voucher_id)
    deleted, _n = VoucherCustomer.objects.filter(voucher=voucher, order=order).delete() if order is not None else (0, None)
    if deleted:
        Voucher.objects.filter(pk=voucher.pk, used__gt=0).update(used=F("used") - 1)
        VoucherCode.objects.filter(pk=vc.pk, used__gt=0).update(used=F("used") - 1)


@transaction.atomic
def voucher_codes_bulk_delete(*, code_ids: list[int]) -> int:
    """Delete unused codes; a code that has been used is kept (history) and deactivated instead."""
    codes = list(VoucherCode.objects.select_for_update().filter(pk__in=code_ids))
    unused = [c.pk for c in codes if c.used == 0]
    VoucherCode.objects.filter(pk__in=[c.pk for c in codes if c.used > 0]).update(is_active=False)
    VoucherCode.objects.filter(pk__in=unused).delete()
    return len(codes)
