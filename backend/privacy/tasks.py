"""Celery task for the daily guest-data purge (ocop/celery.py schedules it at 00:20)."""

from __future__ import annotations

from celery import shared_task

from .services import guest_data_purge


@shared_task(name="privacy.guest_data_purge")
def guest_data_purge_task() -> int:
    return guest_data_purge()
