"""Operational tasks: the beat heartbeat (a worker records when beat last reached it)."""

from __future__ import annotations

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "ocop:beat-heartbeat"


@shared_task(name="core.tasks.beat_heartbeat_task", ignore_result=True)
def beat_heartbeat_task() -> str:
    stamp = timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY, stamp, timeout=None)
    return stamp


@shared_task(name="core.tasks.ping_task")
def ping_task() -> str:
    """Round trip through a worker: `celery -A ocop call core.tasks.ping_task`."""
    return "pong"
