"""Brute-force protection on every credential entry point.

- Logins (tokenCreate, the storefront/portal/POS login pages, the admin) go through django-axes: after
  AXES_FAILURE_LIMIT failures for one account or from one address (core.client_ip) the login is refused for
  AXES_COOLOFF_TIME, even with the right password. The API answers LOGIN_ATTEMPT_DELAYED, pages 429 with
  Retry-After. Every attempt is recorded (axes' access attempts and failure log, in the admin); the centre
  unlocks an account by deleting its access attempts there (or `manage.py axes_reset_username`).
- Other tries (password reset, registration, promo/voucher codes) are counted with django-ratelimit on the
  cache (Redis in production, the local memory cache in the demo): `throttled(...)` below.
"""

from __future__ import annotations

from dataclasses import dataclass

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from core.client_ip import client_ip


class LockoutBackend(AxesStandaloneBackend):
    """Axes' check in front of ModelBackend. Calls without a request are not a web entry point (the shell,
    the test client's login()) and are left to the next backend."""

    def authenticate(self, request, *args, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def axes_client_ip(request: HttpRequest) -> str:
    return client_ip(request)


def attempted_username(request: HttpRequest, credentials: dict | None) -> str:
    """The account an attempt was for, as the login normalises it (e-mail, lower case)."""
    value = (credentials or {}).get("username") or (credentials or {}).get("email")
    if not value and request is not None and request.method == "POST":
        value = request.POST.get("username") or request.POST.get("email")
    return (value or "").strip().lower()


def lockout_seconds() -> int:
    cool_off = get_cool_off()
    return int(cool_off.total_seconds()) if cool_off else 0


def lockout_message(seconds: int) -> str:
    minutes = max(1, (seconds + 59) // 60)
    return _("Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút.") % {"minutes": minutes}


def is_locked_out(request: HttpRequest) -> bool:
    return bool(getattr(request, "axes_locked_out", False))


def too_many_response(request: HttpRequest, seconds: int, message: str) -> HttpResponse:
    response = render(request, "account/too_many_attempts.html", {"message": message}, status=429)
    response["Retry-After"] = str(max(1, seconds))
    return response


def lockout_response(request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None):
    """AXES_LOCKOUT_CALLABLE: pages get a 429 page with Retry-After; the API keeps its own answer (the
    mutation reported LOGIN_ATTEMPT_DELAYED) with Retry-After added."""
    seconds = lockout_seconds()
    if request.path.startswith("/graphql") and original_response is not None:
        original_response["Retry-After"] = str(max(1, seconds))
        return original_response
    return too_many_response(request, seconds, lockout_message(seconds))


@dataclass(frozen=True)
class Throttle:
    limited: bool
    retry_after: int = 0

    @property
    def message(self) -> str:
        minutes = max(1, (self.retry_after + 59) // 60)
        return _("Bạn đã thử quá nhiều lần. Vui lòng thử lại sau %(minutes)s phút.") % {"minutes": minutes}


def throttled(request: HttpRequest, group: str, *, account: str = "", increment: bool = True) -> Throttle:
    """Count one try of `group` (settings.RATE_LIMITS[group]) from this address and, when given, for this
    account; limited when either is over its rate. increment=False only looks (for counting failures only)."""
    rate = settings.RATE_LIMITS[group]
    keys = [f"ip:{client_ip(request)}"] + ([f"account:{account.strip().lower()}"] if account else [])
    retry_after, limited = 0, False
    for key in keys:
        usage = get_usage(request, group=f"ocop.{group}", key=lambda _g, _r, k=key: k, rate=rate,
                          increment=increment)
        if usage is None:
            continue
        # counting this try: over the rate is refused; only looking: the rate used up is refused
        over = usage["should_limit"] if increment else usage["count"] >= usage["limit"]
        if over:
            limited = True
            retry_after = max(retry_after, int(usage["time_left"]))
    return Throttle(limited, retry_after)
