"""Cart and checkout pages. Views translate form input to checkout/order services and back."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.throttling import too_many_response
from core.errors import DomainError, ValidationFailed
from orders.services import order_create_from_checkout
from payments.methods import method_choices

from .addresses import AddressInput, province_name, wards_of
from .forms import AddToCartForm, CheckoutForm, PromoForm, UpdateLineForm
from .models import CheckoutLine, DeliveryMethod
from .promo_tries import TooManyPromoTries, try_promo_code
from .services import (
    LineInput,
    checkout_customer_note_update,
    checkout_delivery_method_update,
    checkout_delivery_options,
    checkout_email_update,
    checkout_lines_add,
    checkout_lines_update,
    checkout_payment_method_update,
    checkout_phone_update,
    checkout_remove_promo_code,
    checkout_shipping_address_update,
    checkout_summary,
)
from .session import current_checkout


def _back(request: HttpRequest, default: str = "/gio-hang/"):
    nxt = request.POST.get("next") or ""
    if nxt and url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
        return redirect(nxt)
    return redirect(default)


@require_GET
def cart(request: HttpRequest) -> HttpResponse:
    checkout = current_checkout(request)
    summary = checkout_summary(checkout) if checkout else None
    return render(request, "checkout/cart.html", {"summary": summary, "checkout": checkout,
                                                  "promo_form": PromoForm()})


@require_POST
def cart_add(request: HttpRequest) -> HttpResponse:
    """POST variant_id + quantity. Any price field in the form is ignored: prices come from the catalogue."""
    form = AddToCartForm(request.POST)
    if not form.is_valid():
        for errs in form.errors.values():
            messages.error(request, " ".join(errs))
        return _back(request)
    try:
        checkout = current_checkout(request, create=True)
        checkout_lines_add(checkout, lines=[LineInput(form.cleaned_data["variant_id"], form.cleaned_data["quantity"])],
                           user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return _back(request)
    messages.success(request, _("Đã thêm vào giỏ hàng."))
    return _back(request)


@require_POST
def cart_update(request: HttpRequest) -> HttpResponse:
    form = UpdateLineForm(request.POST)
    checkout = current_checkout(request)
    if checkout is None:
        messages.error(request, _("Giỏ hàng đang trống."))
        return redirect("/gio-hang/")
    if not form.is_valid():
        for errs in form.errors.values():
            messages.error(request, " ".join(errs))
        return redirect("/gio-hang/")
    try:
        checkout_lines_update(checkout, lines=[LineInput(form.cleaned_data["variant_id"],
                                                         form.cleaned_data["quantity"])], user=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã cập nhật giỏ hàng."))
    return redirect("/gio-hang/")


@require_POST
def cart_promo(request: HttpRequest) -> HttpResponse:
    checkout = current_checkout(request)
    if checkout is None:
        return redirect("/gio-hang/")
    if request.POST.get("remove"):
        checkout_remove_promo_code(checkout)
        return _back(request)
    form = PromoForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vui lòng nhập mã khuyến mại."))
        return _back(request)
    try:
        try_promo_code(request, checkout, form.cleaned_data["code"])
    except TooManyPromoTries as exc:
        return too_many_response(request, exc.retry_after, exc.message)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã áp dụng mã khuyến mại."))
    return _back(request)


@require_GET
def wards_json(request: HttpRequest, province_code: str) -> JsonResponse:
    if province_name(province_code) is None:
        raise Http404
    return JsonResponse({"province": province_code,
                         "wards": [{"code": c, "name": n} for c, n in wards_of(province_code)]})


def _initial(checkout, user) -> dict:
    addr = checkout.shipping_address or {}
    if not addr and user.is_authenticated:
        default = user.addresses.order_by("-is_default_shipping", "-pk").first()
        addr = default.as_dict() if default else {}
    delivery = ""
    if checkout.delivery_method == DeliveryMethod.SHIPPING:
        delivery = "shipping"
    elif checkout.delivery_method == DeliveryMethod.COLLECTION and checkout.collection_point_id:
        delivery = f"collection:{checkout.collection_point_id}"
    return {"checkout_token": checkout.token, "email": checkout.email, "phone": checkout.phone or addr.get("phone", ""),
            "full_name": addr.get("full_name", getattr(user, "full_name", "") or ""),
            "province_code": addr.get("province_code", ""), "ward_code": addr.get("ward_code", ""),
            "street_address": addr.get("street_address", ""), "delivery": delivery or "shipping",
            "payment_method": checkout.payment_method or "cod", "note": checkout.customer_note}


def _apply_form(checkout, data: dict, errors: dict[str, list[str]]) -> None:
    """Push the form into the checkout through the services, collecting every field's error."""
    def run(field: str, fn, **kw):
        try:
            fn(checkout, **kw)
        except ValidationFailed as exc:
            for e in exc.errors:
                errors.setdefault(_FIELD_MAP.get(e.field or "", field), []).append(e.message)
        except DomainError as exc:
            errors.setdefault(field, []).append(exc.message)

    run("email", checkout_email_update, email=data["email"])
    run("phone", checkout_phone_update, phone=data["phone"])
    delivery = data["delivery"]
    if delivery == "shipping":
        run("province_code", checkout_shipping_address_update, address=AddressInput(
            full_name=data["full_name"], phone=data["phone"], street_address=data.get("street_address") or "",
            province_code=data.get("province_code") or "", ward_code=data.get("ward_code") or ""))
        run("delivery", checkout_delivery_method_update, method=DeliveryMethod.SHIPPING)
    elif delivery.startswith("collection:") and delivery.split(":", 1)[1].isdigit():
        run("delivery", checkout_delivery_method_update, method=DeliveryMethod.COLLECTION,
            collection_point_id=int(delivery.split(":", 1)[1]))
    else:
        errors.setdefault("delivery", []).append(_("Vui lòng chọn cách nhận hàng."))
    run("payment_method", checkout_payment_method_update, method=data["payment_method"])
    run("note", checkout_customer_note_update, note=data.get("note") or "")


_FIELD_MAP = {"shippingAddress.fullName": "full_name", "shippingAddress.phone": "phone",
              "shippingAddress.streetAddress": "street_address", "shippingAddress.provinceCode": "province_code",
              "shippingAddress.wardCode": "ward_code"}


@require_http_methods(["GET", "POST"])
def checkout_page(request: HttpRequest) -> HttpResponse:
    checkout = current_checkout(request)
    last = request.session.get("last_order") or {}
    if request.method == "POST" and checkout is None and last.get("checkout") == request.POST.get("checkout_token"):
        return redirect(f"/don-hang/{last['order']}/")  # the same "Đặt hàng" submitted again: same order
    if checkout is None or not CheckoutLine.objects.filter(checkout=checkout).exists():
        messages.info(request, _("Giỏ hàng đang trống."))
        return redirect("/gio-hang/")
    choices = method_choices()
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        form = CheckoutForm(request.POST, payment_choices=choices)
        if form.is_valid():
            if form.cleaned_data["checkout_token"] != checkout.token:
                messages.error(request, _("Giỏ hàng đã thay đổi hoặc không hợp lệ. Vui lòng kiểm tra lại."))
                return redirect("/thanh-toan/")
            if request.POST.get("action") == "refresh":  # no-JS: reload the wards of the chosen province
                return _render_checkout(request, checkout, form, errors, choices)
            _apply_form(checkout, form.cleaned_data, errors)
            if not errors:
                try:
                    order = order_create_from_checkout(checkout_token=checkout.token, user=request.user)
                except DomainError as exc:
                    messages.error(request, exc.message)
                else:
                    request.session.pop("checkout_token", None)
                    request.session["last_order"] = {"checkout": str(checkout.token), "order": str(order.token)}
                    return redirect(f"/don-hang/{order.token}/")
        else:
            errors = {k: list(v) for k, v in form.errors.items()}
        form = CheckoutForm(request.POST, payment_choices=choices)
    else:
        initial = _initial(checkout, request.user)
        form = CheckoutForm(initial=initial, payment_choices=choices, province_code=initial["province_code"])
    return _render_checkout(request, checkout, form, errors, choices)


def _render_checkout(request, checkout, form, errors, choices) -> HttpResponse:
    checkout.refresh_from_db()
    summary = checkout_summary(checkout)
    points = [o.collection_point for o in checkout_delivery_options(summary) if o.collection_point]
    status = 400 if errors else 200
    return render(request, "checkout/checkout.html", {
        "form": form, "errors": errors, "summary": summary, "points": points, "checkout": checkout,
        "payment_choices": choices, "fees": {"local": settings.SHIPPING_FEE_THANH_HOA, "other": settings.SHIPPING_FEE_OTHER,
                                             "free": settings.SHIPPING_FREE_THRESHOLD}}, status=status)
