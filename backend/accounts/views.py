"""Customer account pages: register, log in/out, password reset (Django's views), addresses, orders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from checkout.addresses import AddressInput, clean_address
from core.errors import ValidationFailed
from orders.selectors import customer_orders, order_detail_qs

from .forms import AddressForm, EmailAuthenticationForm, RegisterForm
from .models import Address, User
from .throttling import throttled, too_many_response
from .tokens import tokens_deactivate_all


def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("/tai-khoan/")
    if request.method == "POST" and (throttle := throttled(request, "register")).limited:
        return too_many_response(request, throttle.retry_after, throttle.message)
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        user = User.objects.create_user(d["email"], d["password1"], full_name=d["full_name"], phone=d["phone"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Đăng ký thành công. Chào mừng bạn!"))
        return redirect("/tai-khoan/")
    return render(request, "account/register.html", {"form": form}, status=400 if form.errors else 200)


class LoginView(auth_views.LoginView):
    template_name = "account/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return "/tai-khoan/"


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page, with the tries counted per address and per e-mail."""

    template_name = "account/password_reset.html"
    email_template_name = "account/password_reset_email.txt"
    subject_template_name = "account/password_reset_subject.txt"
    success_url = "/quen-mat-khau/da-gui/"

    def post(self, request, *args, **kwargs):
        throttle = throttled(request, "password-reset", account=request.POST.get("email", ""))
        if throttle.limited:
            return too_many_response(request, throttle.retry_after, throttle.message)
        return super().post(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    """Logging out also ends the user's API tokens and other sessions (accounts.tokens)."""

    next_page = "/"

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            tokens_deactivate_all(request.user)
        return super().post(request, *args, **kwargs)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "account/home.html", {"recent": list(customer_orders(request.user)[:5])})


@login_required
def orders(request: HttpRequest) -> HttpResponse:
    return render(request, "account/orders.html", {"orders": list(customer_orders(request.user)[:100])})


@login_required
def order_detail(request: HttpRequest, number: int) -> HttpResponse:
    order = order_detail_qs().filter(number=number, user=request.user).first()
    if order is None:  # someone else's order looks exactly like a missing one
        raise Http404
    from orders.services import order_reference
    from orders.views import payment_context

    ctx = {"order": order, "lines": list(order.lines.all()), "reference": order_reference(order)}
    ctx.update(payment_context(order))
    return render(request, "account/order_detail.html", ctx)


@login_required
def addresses(request: HttpRequest) -> HttpResponse:
    form = AddressForm(request.POST or None)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        data = request.POST
        try:
            cleaned = clean_address(AddressInput(full_name=data.get("full_name", ""), phone=data.get("phone", ""),
                                                 street_address=data.get("street_address", ""),
                                                 province_code=data.get("province_code", ""),
                                                 ward_code=data.get("ward_code", "")))
        except ValidationFailed as exc:
            for e in exc.errors:
                key = {"fullName": "full_name", "streetAddress": "street_address", "provinceCode": "province_code",
                       "wardCode": "ward_code", "phone": "phone"}.get(e.field or "", "full_name")
                errors.setdefault(key, []).append(e.message)
        else:
            cleaned.pop("country", None)
            default = bool(data.get("is_default_shipping")) or not request.user.addresses.exists()
            if default:
                request.user.addresses.update(is_default_shipping=False)
            Address.objects.create(user=request.user, is_default_shipping=default, **cleaned)
            messages.success(request, _("Đã lưu địa chỉ."))
            return redirect("/tai-khoan/dia-chi/")
    return render(request, "account/addresses.html", {
        "form": form, "errors": errors, "addresses": list(request.user.addresses.order_by("-is_default_shipping", "pk"))},
        status=400 if errors else 200)


@login_required
@require_POST
def address_delete(request: HttpRequest, pk: int) -> HttpResponse:
    deleted, _n = Address.objects.filter(pk=pk, user=request.user).delete()
    if not deleted:
        raise Http404
    messages.success(request, _("Đã xoá địa chỉ."))
    return redirect("/tai-khoan/dia-chi/")


