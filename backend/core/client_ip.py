"""The one place that decides a request's client address (stamp scans, rate limits, lockouts, audit).

`X-Forwarded-For` is believed only when the direct peer (REMOTE_ADDR) is one of the configured proxies
(TRUSTED_PROXIES: addresses or networks, comma-separated in the environment); then the client is the right-most
address in the header that is not itself a trusted proxy. Anyone else's header is ignored.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Iterable[str]) -> list[Network]:
    return [ipaddress.ip_network(v.strip(), strict=False) for v in values if v.strip()]


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(addr, networks: list[Network]) -> bool:
    return addr is not None and any(addr in net for net in networks)


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = parse_networks(settings.TRUSTED_PROXIES)
    if not _trusted(_address(remote), networks):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        addr = _address(hop)
        if addr is None:
            return remote  # a malformed hop: believe nothing left of it
        if not _trusted(addr, networks):
            return str(addr)
    return remote
