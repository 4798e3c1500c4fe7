from __future__ import annotations

import json
import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.errors import DomainError

from .bank_intake import bank_credit_record, credit_from_notification, signature_valid
from .methods import stripe_enabled
from .stripe_flow import WebhookRejected, handle_webhook

log = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """Stripe → us. 400 for a bad/forged/stale signature; 200 for everything accepted (incl. replays)."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        return JsonResponse({"error": "not configured"}, status=404)
    try:
        result = handle_webhook(request.body, request.META.get("HTTP_STRIPE_SIGNATURE", ""))
    except WebhookRejected as exc:
        log.warning("stripe webhook rejected: %s", exc)
        return JsonResponse({"error": "invalid signature"}, status=400)
    return JsonResponse({"status": result, "stripe_enabled": stripe_enabled()})


@csrf_exempt
@require_POST
def bank_webhook(request: HttpRequest) -> HttpResponse:
    """Bank-notification service → us: credits to the centre's account, signed with the shared secret
    (`X-Signature`: hex HMAC-SHA256 of the raw body). 403 for a bad signature; 200 with one status per
    credit (a replay answers with the status recorded the first time)."""
    if not settings.BANK_WEBHOOK_SECRET:
        return JsonResponse({"error": "not configured"}, status=404)
    if not signature_valid(request.body, request.META.get("HTTP_X_SIGNATURE", "")):
        log.warning("bank webhook rejected: bad signature")
        return JsonResponse({"error": "invalid signature"}, status=403)
    try:
        payload = json.loads(request.body)
        items = payload.get("data", [payload]) if isinstance(payload, dict) else payload
        credits = [credit_from_notification(item) for item in items]
    except (ValueError, AttributeError, TypeError, DomainError) as exc:
        return JsonResponse({"error": str(getattr(exc, "message", exc))}, status=400)
    results = []
    for credit in credits:
        row, created = bank_credit_record(credit, source="webhook")
        results.append({"reference": row.bank_reference, "status": row.status, "replay": not created})
    return JsonResponse({"results": results})
