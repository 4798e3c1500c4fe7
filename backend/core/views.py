"""Operational endpoints: /healthz/ (liveness) and /readyz/ (readiness) for load balancers and
container healthchecks. Both answer JSON and are never cached."""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import readiness


@require_GET
@never_cache
def healthz(request):
    """200 while the process serves requests; touches nothing else (a restart would not fix them)."""
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def readyz(request):
    """200 when the database answers, Redis answers (when configured) and no migration is pending;
    503 otherwise, with which check failed."""
    ready, checks = readiness()
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503)
