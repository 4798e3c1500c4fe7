"""Checkout services — the ONLY place carts change. Pages and GraphQL both call these.

Rules every change re-checks: the listing gate (`catalog.gate`), prices from `catalog.pricing`
(never from the client), stock in the channel (or at the chosen collection point) and the variant's
per-customer limit. Errors are DomainErrors naming the field; nothing is written when one is raised.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from catalog.gate import gate_reasons, visible_products
from catalog.models import ProductVariant
from catalog.pricing import VariantPrice, variant_prices
from channels.models import Channel
from core.errors import DomainError, NotFound
from inventory.availability import availability_for_variants, stock_availability
from inventory.errors import InsufficientStock
from inventory.reservations import reservation_release, reservation_replace
from orders.models import OrderStatus

from .addresses import AddressInput, clean_address
from .delivery import collection_points, shipping_fee, shipping_method_name
from .models import Checkout, CheckoutLine, DeliveryMethod
from .promo import PromoContext, PromoLine, PromoResult, best_discount, normalise_code, resolve_promo

MAX_LINE_QUANTITY = 999


@dataclass(frozen=True)
class LineInput:
    variant_id: int
    quantity: int


@dataclass
class LineView:
    line: CheckoutLine
    variant: ProductVariant
    quantity: int
    unit_price: int
    undiscounted_unit_price: int
    total: int
    problem: str = ""


@dataclass
class CheckoutSummary:
    checkout: Checkout
    lines: list[LineView]
    subtotal: int
    shipping: int
    discount: int
    total: int
    promo: PromoResult | None = None
    shipping_method_name: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def quantity(self) -> int:
        return sum(lv.quantity for lv in self.lines)


# --- lookup -------------------------------------------------------------------------------------

def checkout_get(token: str | uuid.UUID | None, *, user=None, for_update: bool = False) -> Checkout:
    """The open checkout with this token. A checkout owned by a user is only theirs (or staff with
    MANAGE_CHECKOUTS); a malformed or foreign token is simply "not found"."""
    from accounts.permissions import Perm, has_perm

    try:
        token = uuid.UUID(str(token))
    except (TypeError, ValueError):
        raise NotFound(_("Không tìm thấy giỏ hàng."), field="id") from None
    qs = Checkout.objects.select_related("channel")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    checkout = qs.filter(token=token).first()
    if checkout is None:
        raise NotFound(_("Không tìm thấy giỏ hàng."), field="id")
    if checkout.user_id and not (
        (user is not None and getattr(user, "pk", None) == checkout.user_id) or has_perm(user, Perm.MANAGE_CHECKOUTS)
    ):
        raise NotFound(_("Không tìm thấy giỏ hàng."), field="id")
    return checkout


# --- validation ---------------------------------------------------------------------------------

def _variants(variant_ids: Iterable[int]) -> dict[int, ProductVariant]:
    return {v.pk: v for v in ProductVariant.objects.select_related("product", "product__product_type",
                                                                   "product__producer")
            .filter(pk__in=list(variant_ids))}


def previously_ordered(*, variant_ids: Iterable[int], user=None, email: str = "") -> dict[int, int]:
    """Units of each variant this customer already has in live orders (for per-customer limits)."""
    from orders.models import OrderLine

    if not (user is not None and getattr(user, "is_authenticated", False)) and not email:
        return {}
    qs = OrderLine.objects.filter(variant_id__in=list(variant_ids)).exclude(
        order__status__in=[OrderStatus.CANCELED, OrderStatus.DRAFT])
    if user is not None and getattr(user, "is_authenticated", False):
        qs = qs.filter(order__user=user)
    else:
        qs = qs.filter(order__user_email__iexact=email)
    return dict(qs.values("variant_id").annotate(q=Sum("quantity")).values_list("variant_id", "q"))


def validate_quantities(checkout: Checkout, wanted: dict[int, int], *, user=None) -> dict[int, ProductVariant]:
    """Check the whole wanted cart (variant → quantity): sellable in the channel, stock, per-customer limit."""
    channel = checkout.channel
    variants = _variants(wanted.keys())
    missing = [vid for vid in wanted if vid not in variants]
    if missing:
        raise NotFound(_("Không tìm thấy sản phẩm đã chọn."), field="variantId")
    for qty in wanted.values():
        if not isinstance(qty, int) or isinstance(qty, bool) or qty <= 0:
            raise DomainError(_("Số lượng phải là số nguyên dương."), field="quantity", code="INVALID_QUANTITY")
        if qty > MAX_LINE_QUANTITY:
            raise DomainError(_("Số lượng tối đa cho mỗi sản phẩm là %(n)d.") % {"n": MAX_LINE_QUANTITY},
                              field="quantity", code="QUANTITY_GREATER_THAN_LIMIT")
    sellable = set(visible_products(channel).filter(pk__in={v.product_id for v in variants.values()})
                   .values_list("pk", flat=True))
    prices = variant_prices(list(wanted), channel)
    for vid in wanted:
        v = variants[vid]
        if v.product_id not in sellable or vid not in prices:
            reasons = gate_reasons(v.product, channel) or [_("Sản phẩm không được bán ở kênh này.")]
            raise DomainError(_("«%(name)s» hiện không còn được bán: %(reason)s") % {
                "name": str(v), "reason": " ".join(reasons)}, field="variantId", code="PRODUCT_NOT_PUBLISHED")
    email = checkout.email
    prior = previously_ordered(variant_ids=list(wanted), user=user or checkout.user, email=email)
    token = str(checkout.token)  # this checkout's own reservations count as available to it
    tracked = [vid for vid in wanted if variants[vid].track_inventory]
    if checkout.delivery_method == DeliveryMethod.COLLECTION and checkout.collection_point_id:
        at_point = stock_availability(tracked, warehouse_ids=[checkout.collection_point_id], checkout_token=token)
        availability = {vid: at_point.get((vid, checkout.collection_point_id), 0) for vid in tracked}
    else:
        availability = availability_for_variants(tracked, channel=channel, checkout_token=token) if tracked else {}
    for vid, qty in wanted.items():
        v = variants[vid]
        limit = v.quantity_limit_per_customer
        if limit is not None and qty + prior.get(vid, 0) > limit:
            left = max(limit - prior.get(vid, 0), 0)
            raise DomainError(
                _("«%(name)s»: mỗi khách chỉ được mua tối đa %(limit)d; bạn còn được mua %(left)d.")
                % {"name": str(v), "limit": limit, "left": left},
                field="quantity", code="QUANTITY_GREATER_THAN_LIMIT")
        if v.track_inventory:
            available = availability.get(vid, 0)
            if qty > available:
                raise DomainError(
                    _("«%(name)s» chỉ còn %(n)d sản phẩm; không thể đặt %(q)d.") % {"name": str(v), "n": available,
                                                                                    "q": qty},
                    field="quantity", code="INSUFFICIENT_STOCK")
    return variants


# --- lines --------------------------------------------------------------------------------------

@transaction.atomic
def checkout_create(*, channel: Channel, user=None, email: str = "", lines: Sequence[LineInput] = ()) -> Checkout:
    if not channel.is_active:
        raise DomainError(_("Kênh bán không hoạt động."), field="channel", code="NOT_FOUND")
    authed = user is not None and getattr(user, "is_authenticated", False)
    checkout = Checkout.objects.create(channel=channel, user=user if authed else None,
                                       email=(email or (user.email if authed else "")).strip().lower(),
                                       phone=(getattr(user, "phone", "") if authed else ""))
    if lines:
        checkout_lines_add(checkout, lines=lines, user=user)
    return checkout


def _current(checkout: Checkout) -> dict[int, CheckoutLine]:
    return {ln.variant_id: ln for ln in CheckoutLine.objects.select_for_update().filter(checkout=checkout)}


def _merge(lines: Sequence[LineInput]) -> dict[int, int]:
    merged: dict[int, int] = {}
    for ln in lines:
        if not isinstance(ln.quantity, int) or isinstance(ln.quantity, bool):
            raise DomainError(_("Số lượng phải là số nguyên."), field="quantity", code="INVALID_QUANTITY")
        merged[int(ln.variant_id)] = merged.get(int(ln.variant_id), 0) + ln.quantity
    return merged


@transaction.atomic
def checkout_lines_add(checkout: Checkout, *, lines: Sequence[LineInput], user=None) -> Checkout:
    """Add quantities to the cart (an existing line grows). Any price sent by a client is ignored."""
    _ensure_open(checkout)
    add = _merge(lines)
    if not add:
        raise DomainError(_("Chưa chọn sản phẩm."), field="lines", code="REQUIRED")
    if any(q <= 0 for q in add.values()):
        raise DomainError(_("Số lượng phải lớn hơn 0."), field="quantity", code="ZERO_QUANTITY")
    current = _current(checkout)
    wanted = {vid: ln.quantity for vid, ln in current.items()}
    for vid, q in add.items():
        wanted[vid] = wanted.get(vid, 0) + q
    validate_quantities(checkout, {vid: wanted[vid] for vid in add}, user=user)
    for vid in add:
        if vid in current:
            CheckoutLine.objects.filter(pk=current[vid].pk).update(quantity=wanted[vid])
        else:
            CheckoutLine.objects.create(checkout=checkout, variant_id=vid, quantity=wanted[vid])
    checkout.save(update_fields=["last_change"])
    sync_reservations(checkout)
    return checkout


@transaction.atomic
def checkout_lines_update(checkout: Checkout, *, lines: Sequence[LineInput], user=None) -> Checkout:
    """Set quantities; 0 removes the line."""
    _ensure_open(checkout)
    setq = {int(ln.variant_id): ln.quantity for ln in lines}
    for q in setq.values():
        if not isinstance(q, int) or isinstance(q, bool) or q < 0:
            raise DomainError(_("Số lượng phải là số nguyên không âm."), field="quantity", code="INVALID_QUANTITY")
    current = _current(checkout)
    unknown = [vid for vid in setq if vid not in current and setq[vid] > 0]
    keep = {vid: q for vid, q in setq.items() if q > 0}
    if keep:
        validate_quantities(checkout, keep, user=user)
    for vid, q in setq.items():
        if q == 0:
            CheckoutLine.objects.filter(checkout=checkout, variant_id=vid).delete()
        elif vid in unknown:
            CheckoutLine.objects.create(checkout=checkout, variant_id=vid, quantity=q)
        else:
            CheckoutLine.objects.filter(pk=current[vid].pk).update(quantity=q)
    checkout.save(update_fields=["last_change"])
    sync_reservations(checkout)
    return checkout


@transaction.atomic
def checkout_lines_delete(checkout: Checkout, *, line_ids: Sequence[int]) -> Checkout:
    _ensure_open(checkout)
    ids = set(line_ids)
    found = set(CheckoutLine.objects.filter(checkout=checkout, pk__in=ids).values_list("pk", flat=True))
    if ids - found:
        raise NotFound(_("Không tìm thấy dòng giỏ hàng."), field="linesIds")
    CheckoutLine.objects.filter(pk__in=found).delete()
    checkout.save(update_fields=["last_change"])
    sync_reservations(checkout)
    return checkout


def _ensure_open(checkout: Checkout) -> None:
    if checkout.completed_order_id:
        raise DomainError(_("Giỏ hàng này đã được đặt thành đơn hàng."), field="id", code="INVALID_STATUS")


def sync_reservations(checkout: Checkout) -> None:
    """Hold the cart's goods for `channel.reservation_minutes` (inventory reservations), at the
    collection point when one is chosen. A channel with 0 minutes reserves nothing. The hold decision is
    made under the stock locks, so a refusal here is final for this moment: it names the product and
    how many units this cart can still have."""
    if not checkout.channel.reservation_minutes:
        return
    lines = list(CheckoutLine.objects.filter(checkout=checkout, variant__track_inventory=True)
                 .values_list("variant_id", "quantity"))
    if not lines:
        reservation_release(str(checkout.token))
        return
    collection = checkout.delivery_method == DeliveryMethod.COLLECTION and checkout.collection_point_id
    try:
        reservation_replace(str(checkout.token), lines, checkout.channel,
                            warehouse_ids=[checkout.collection_point_id] if collection else None)
    except InsufficientStock as exc:  # a hold refusal always names what is short
        short = exc.items[0]
        variant = ProductVariant.objects.select_related("product").get(pk=short["variant_id"])
        raise DomainError(
            _("«%(name)s» chỉ còn %(n)d sản phẩm; không thể đặt %(q)d.") % {
                "name": str(variant), "n": short.get("available", 0), "q": short["requested"]},
            field="quantity", code="INSUFFICIENT_STOCK") from None


# --- contact, addresses, delivery, payment, promo -----------------------------------------------

def checkout_email_update(checkout: Checkout, *, email: str) -> Checkout:
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    _ensure_open(checkout)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(_("Email không hợp lệ."), field="email", code="INVALID") from None
    checkout.email = email
    checkout.save(update_fields=["email", "last_change"])
    return checkout


def checkout_phone_update(checkout: Checkout, *, phone: str) -> Checkout:
    from django.core.exceptions import ValidationError

    from core.validators import normalise_phone, validate_vn_phone

    _ensure_open(checkout)
    phone = normalise_phone(phone)
    try:
        validate_vn_phone(phone)
    except ValidationError:
        raise DomainError(_("Số điện thoại di động Việt Nam không hợp lệ (ví dụ 0912 345 678)."), field="phone",
                          code="INVALID_PHONE") from None
    checkout.phone = phone
    checkout.save(update_fields=["phone", "last_change"])
    return checkout


def checkout_shipping_address_update(checkout: Checkout, *, address: AddressInput) -> Checkout:
    _ensure_open(checkout)
    checkout.shipping_address = clean_address(address, prefix="shippingAddress.")
    if not checkout.phone:
        checkout.phone = checkout.shipping_address["phone"]
    checkout.save(update_fields=["shipping_address", "phone", "last_change"])
    return checkout


def checkout_billing_address_update(checkout: Checkout, *, address: AddressInput) -> Checkout:
    _ensure_open(checkout)
    checkout.billing_address = clean_address(address, prefix="billingAddress.")
    checkout.save(update_fields=["billing_address", "last_change"])
    return checkout


def _needs(checkout: Checkout) -> dict[int, int]:
    return dict(CheckoutLine.objects.filter(checkout=checkout).values_list("variant_id", "quantity"))


def checkout_delivery_method_update(checkout: Checkout, *, method: str, collection_point_id: int | None = None
                                    ) -> Checkout:
    _ensure_open(checkout)
    if method == DeliveryMethod.SHIPPING:
        checkout.delivery_method, checkout.collection_point = DeliveryMethod.SHIPPING, None
    elif method == DeliveryMethod.COLLECTION:
        points = {w.pk: w for w in collection_points(checkout.channel, _needs(checkout),
                                                     checkout_token=str(checkout.token))}
        if collection_point_id not in points:
            raise DomainError(_("Điểm nhận hàng đã chọn không có đủ hàng trong giỏ."), field="deliveryMethodId",
                              code="INVALID")
        checkout.delivery_method, checkout.collection_point = DeliveryMethod.COLLECTION, points[collection_point_id]
    else:
        raise DomainError(_("Phương thức nhận hàng không hợp lệ."), field="deliveryMethodId", code="INVALID")
    with transaction.atomic():
        checkout.save(update_fields=["delivery_method", "collection_point", "last_change"])
        sync_reservations(checkout)
    return checkout


def checkout_payment_method_update(checkout: Checkout, *, method: str) -> Checkout:
    from payments.methods import available_methods

    _ensure_open(checkout)
    if method not in available_methods():
        raise DomainError(_("Phương thức thanh toán không khả dụng."), field="paymentMethod", code="INVALID")
    checkout.payment_method = method
    checkout.save(update_fields=["payment_method", "last_change"])
    return checkout


def checkout_add_promo_code(checkout: Checkout, *, code: str) -> Checkout:
    _ensure_open(checkout)
    summary = checkout_summary(checkout, with_promo=False)
    resolve_promo(code, promo_context(summary))
    checkout.voucher_code = normalise_code(code)
    checkout.save(update_fields=["voucher_code", "last_change"])
    return checkout


def checkout_remove_promo_code(checkout: Checkout) -> Checkout:
    _ensure_open(checkout)
    checkout.voucher_code = ""
    checkout.save(update_fields=["voucher_code", "last_change"])
    return checkout


def promo_context(summary: CheckoutSummary) -> PromoContext:
    c = summary.checkout
    return PromoContext(channel_id=c.channel_id, user_id=c.user_id, email=c.email, subtotal=summary.subtotal,
                        lines=tuple(PromoLine(variant_id=lv.variant.pk, product_id=lv.variant.product_id,
                                              quantity=lv.quantity, unit_price=lv.unit_price) for lv in summary.lines))


# --- totals ---------------------------------------------------------------------------------------

def checkout_summary(checkout: Checkout, *, with_promo: bool = True,
                     prices: dict[int, VariantPrice] | None = None) -> CheckoutSummary:
    """Lines priced now (catalog.pricing), shipping by zone, promo discount, total; problems listed."""
    lines = list(CheckoutLine.objects.filter(checkout=checkout)
                 .select_related("variant", "variant__product", "variant__product__product_type",
                                 "variant__product__producer"))
    channel = checkout.channel
    ids = [ln.variant_id for ln in lines]
    prices = prices if prices is not None else variant_prices(ids, channel)
    sellable = set(visible_products(channel).filter(pk__in={ln.variant.product_id for ln in lines})
                   .values_list("pk", flat=True)) if lines else set()
    views: list[LineView] = []
    problems: list[str] = []
    for ln in lines:
        p = prices.get(ln.variant_id)
        problem = ""
        if p is None or ln.variant.product_id not in sellable:
            problem = _("«%(name)s» hiện không còn được bán.") % {"name": str(ln.variant)}
            problems.append(problem)
        unit = p.price if p else 0
        views.append(LineView(line=ln, variant=ln.variant, quantity=ln.quantity, unit_price=unit,
                              undiscounted_unit_price=p.undiscounted if p else 0, total=unit * ln.quantity,
                              problem=problem))
    subtotal = sum(v.total for v in views)
    summary = CheckoutSummary(checkout=checkout, lines=views, subtotal=subtotal, shipping=0, discount=0,
                              total=subtotal, problems=problems)
    if with_promo and checkout.voucher_code:
        try:
            summary.promo = resolve_promo(checkout.voucher_code, promo_context(summary))
        except DomainError as exc:
            summary.problems.append(exc.message)
    if with_promo and lines:
        summary.promo = best_discount(promo_context(summary), summary.promo)
    summary.discount = summary.promo.discount_amount if summary.promo else 0
    if checkout.delivery_method == DeliveryMethod.SHIPPING:
        province = (checkout.shipping_address or {}).get("province_code")
        summary.shipping = 0 if (summary.promo and summary.promo.free_shipping) else shipping_fee(
            province_code=province, subtotal=subtotal - summary.discount)
        summary.shipping_method_name = shipping_method_name(province)
    elif checkout.delivery_method == DeliveryMethod.COLLECTION and checkout.collection_point_id:
        summary.shipping_method_name = _("Nhận tại %(name)s") % {"name": checkout.collection_point.name}
    summary.total = subtotal - summary.discount + summary.shipping
    return summary


def checkout_quantity(checkout: Checkout | None) -> int:
    if checkout is None:
        return 0
    return CheckoutLine.objects.filter(checkout=checkout).aggregate(q=Sum("quantity"))["q"] or 0
