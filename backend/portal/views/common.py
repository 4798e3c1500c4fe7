"""Shared helpers for portal views: the member/centre guards and the DomainError → form-errors bridge."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render

from core.errors import DomainError, NotFound

from ..access import is_moderator, is_producer_manager, membership_for

LOGIN_URL = "/kenh-nguoi-ban/dang-nhap/"


def producer_required(view: Callable) -> Callable:
    """Logged-in member of an active, approved producer; sets request.member and request.producer."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), LOGIN_URL)
        member = membership_for(request.user)
        if member is None:
            return render(request, "portal/not_member.html", status=403)
        request.member, request.producer = member, member.producer
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from None
    return wrapper


def centre_required(check: Callable = is_moderator) -> Callable:
    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), LOGIN_URL)
            if not check(request.user):
                return render(request, "portal/forbidden.html", status=403)
            try:
                return view(request, *args, **kwargs)
            except NotFound as exc:
                raise Http404(exc.message) from None
        return wrapper
    return decorator


def centre_any(user) -> bool:
    return is_moderator(user) or is_producer_manager(user)


def attempt(fn: Callable, /, **kwargs) -> tuple[object | None, dict[str, list[str]]]:
    """Run a service; return (result, {} ) or (None, {field: [messages]}) when a rule said no."""
    try:
        return fn(**kwargs), {}
    except DomainError as exc:
        errors: dict[str, list[str]] = {}
        for e in exc.as_field_errors():
            errors.setdefault(e.field or "non_field", []).append(e.message)
        return None, errors
    except ValidationError as exc:
        return None, {"non_field": list(exc.messages)}
