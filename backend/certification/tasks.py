"""Celery tasks of the certification app (scheduled daily in ocop/celery.py)."""

from __future__ import annotations

from celery import shared_task

from .expiry import certificates_expire, certificates_send_reminders


@shared_task(name="certification.tasks.certificates_expire_task")
def certificates_expire_task() -> dict[str, int]:
    """Expire certificates past their date, then send the 30-day reminders."""
    expired = certificates_expire()
    reminders = certificates_send_reminders()
    return {**expired, "reminders_sent": reminders["sent"], "reminders_skipped": reminders["skipped_no_email"]}
