"""Plugs campaigns into checkout: voucher codes (resolve, redeem inside the order's transaction,
release on cancel) and order promotions applied automatically. Checkout picks the larger of the two."""

from __future__ import annotations

from django.utils import timezone

from channels.models import Channel
from checkout.promo import (
    PromoContext,
    PromoResult,
    register_auto_discount_provider,
    register_promo_redemption_hook,
    register_promo_release_hook,
    register_promo_resolver,
)

from .discounts import best_order_promotion
from .models import VoucherCode
from .vouchers import voucher_check, voucher_redeem, voucher_release


def resolve_voucher(code: str, ctx: PromoContext) -> PromoResult | None:
    if not VoucherCode.objects.filter(code=code, is_active=True).exists():
        return None  # not ours
    discount = voucher_check(code=code, channel=Channel.objects.get(pk=ctx.channel_id), subtotal=ctx.subtotal,
                             email=ctx.email or None)
    return PromoResult(code=discount.voucher_code, discount_amount=discount.amount, name=discount.name)


def redeem_voucher(code: str, order) -> None:
    if VoucherCode.objects.filter(code=code).exists():
        voucher_redeem(code=code, channel=order.channel, subtotal=order.subtotal_amount,
                       email=order.user_email or None, order=order)


def release_voucher(code: str, order) -> None:
    voucher_release(code=code, email=order.user_email or None, order=order)


def order_promotion(ctx: PromoContext) -> PromoResult | None:
    best = best_order_promotion(ctx.subtotal, Channel.objects.get(pk=ctx.channel_id), timezone.now())
    return PromoResult(code="", discount_amount=best.amount, name=best.name,
                       promotion_id=best.promotion_id) if best.amount else None


def register() -> None:
    register_promo_resolver(resolve_voucher)
    register_promo_redemption_hook(redeem_voucher)
    register_promo_release_hook(release_voucher)
    register_auto_discount_provider(order_promotion)
