from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .methods import stripe_enabled
from .stripe_flow import WebhookRejected, handle_webhook

log = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """Stripe → us. 400 for a bad/forged/stale signature; 200 for everything accepted (incl. replays)."""
    from django.conf import settings

    if not settings.STRIPE_WEBHOOK_SECRET:
        return JsonResponse({"error": "not configured"}, status=404)
    try:
        result = handle_webhook(request.body, request.META.get("HTTP_STRIPE_SIGNATURE", ""))
    except WebhookRejected as exc:
        log.warning("stripe webhook rejected: %s", exc)
        return JsonResponse({"error": "invalid signature"}, status=400)
    return JsonResponse({"status": result, "stripe_enabled": stripe_enabled()})
