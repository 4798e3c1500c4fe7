"""HTTP headers Django has no setting for, and the proxy header rule.

- Permissions-Policy (settings.PERMISSIONS_POLICY): the POS scanner may use the camera on our own origin,
  Stripe's Payment Element may use the Payment Request API; nothing else may use sensors, microphone, etc.
- X-Forwarded-Proto is dropped unless the direct peer is a configured proxy (settings.TRUSTED_PROXIES), so
  SECURE_PROXY_SSL_HEADER can only be set by our own proxy, never by a client.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings

from core.client_ip import parse_networks


def _from_trusted_proxy(request) -> bool:
    try:
        peer = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(peer in net for net in parse_networks(settings.TRUSTED_PROXIES))


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "HTTP_X_FORWARDED_PROTO" in request.META and not _from_trusted_proxy(request):
            del request.META["HTTP_X_FORWARDED_PROTO"]
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        return response
