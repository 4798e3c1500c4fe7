"""Who is acting in this request (for entries written from model signals): set by AuditContextMiddleware."""

from __future__ import annotations

from contextvars import ContextVar

from core.client_ip import client_ip

_request: ContextVar = ContextVar("audit_request", default=None)


def current_actor():
    request = _request.get()
    user = getattr(request, "user", None) if request is not None else None
    return user if getattr(user, "is_authenticated", False) else None


def current_ip() -> str:
    request = _request.get()
    return client_ip(request) if request is not None else ""


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
