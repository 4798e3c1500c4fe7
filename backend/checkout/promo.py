"""Promo codes (Saleor's checkoutAddPromoCode). This app knows no vouchers itself: the campaigns app
registers a resolver with `register_promo_resolver`, and optionally a redemption hook that runs inside
the order's transaction (to count uses). Without a resolver every code is "không hợp lệ".

Resolver signature:  (code: str, ctx: PromoContext) -> PromoResult | None
  - return None when the code is not yours (unknown);
  - raise core.errors.DomainError(message, field="promoCode") for a known code that does not apply
    (expired, minimum not reached, used up) — the message is shown to the customer;
  - return PromoResult(code, discount_amount, name, free_shipping) when it applies. The amount is
    clamped to the subtotal. Resolvers are called again whenever totals are computed and at order time.
Redemption hook signature:  (code: str, order: orders.models.Order) -> None
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.errors import DomainError


@dataclass(frozen=True)
class PromoLine:
    variant_id: int
    product_id: int
    quantity: int
    unit_price: int


@dataclass(frozen=True)
class PromoContext:
    channel_id: int
    user_id: int | None
    email: str
    subtotal: int
    lines: tuple[PromoLine, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PromoResult:
    code: str
    discount_amount: int
    name: str = ""
    free_shipping: bool = False
    promotion_id: int | None = None  # an automatic order promotion's id, kept on the order for attribution


PromoResolver = Callable[[str, PromoContext], "PromoResult | None"]
RedemptionHook = Callable[[str, object], None]
AutoDiscountProvider = Callable[[PromoContext], "PromoResult | None"]
PROMO_RESOLVERS: list[PromoResolver] = []
REDEMPTION_HOOKS: list[RedemptionHook] = []
RELEASE_HOOKS: list[RedemptionHook] = []
# Discounts that apply without a code (order promotions). The customer gets the larger of the best
# automatic discount and the entered code's discount; they never stack.
AUTO_DISCOUNT_PROVIDERS: list[AutoDiscountProvider] = []


def register_promo_resolver(resolver: PromoResolver) -> None:
    if resolver not in PROMO_RESOLVERS:
        PROMO_RESOLVERS.append(resolver)


def register_promo_redemption_hook(hook: RedemptionHook) -> None:
    if hook not in REDEMPTION_HOOKS:
        REDEMPTION_HOOKS.append(hook)


def register_promo_release_hook(hook: RedemptionHook) -> None:
    """Called with (code, order) when an order that used a code is cancelled."""
    if hook not in RELEASE_HOOKS:
        RELEASE_HOOKS.append(hook)


def register_auto_discount_provider(provider: AutoDiscountProvider) -> None:
    if provider not in AUTO_DISCOUNT_PROVIDERS:
        AUTO_DISCOUNT_PROVIDERS.append(provider)


def best_discount(ctx: PromoContext, entered: PromoResult | None) -> PromoResult | None:
    """The larger of the entered code's discount and the best automatic one (no stacking)."""
    best = entered
    for provider in AUTO_DISCOUNT_PROVIDERS:
        result = provider(ctx)
        if result is not None and result.discount_amount > (best.discount_amount if best else 0):
            best = PromoResult(code="", discount_amount=max(0, min(int(result.discount_amount), ctx.subtotal)),
                               name=result.name, free_shipping=result.free_shipping,
                               promotion_id=result.promotion_id)
    return best


def normalise_code(code: str) -> str:
    return (code or "").strip().upper()


def resolve_promo(code: str, ctx: PromoContext) -> PromoResult:
    """The applicable promo for a code, or DomainError("Mã khuyến mại không hợp lệ")."""
    code = normalise_code(code)
    if code:
        for resolver in PROMO_RESOLVERS:
            result = resolver(code, ctx)
            if result is not None:
                amount = max(0, min(int(result.discount_amount), ctx.subtotal))
                return PromoResult(code=code, discount_amount=amount, name=result.name,
                                   free_shipping=result.free_shipping)
    raise DomainError(_("Mã khuyến mại không hợp lệ."), field="promoCode", code="INVALID_PROMO_CODE")


def redeem(code: str, order) -> None:
    for hook in REDEMPTION_HOOKS:
        hook(code, order)


def release(code: str, order) -> None:
    for hook in RELEASE_HOOKS:
        hook(code, order)
