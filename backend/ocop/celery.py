"""Celery application. Without REDIS_URL tasks run in-process (eager)."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")

app = Celery("ocop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "beat-heartbeat": {  # proves beat sends and a worker runs: core.tasks.beat_heartbeat_task
        "task": "core.tasks.beat_heartbeat_task",
        "schedule": float(os.environ.get("BEAT_HEARTBEAT_SECONDS", "60")),
    },
    "privacy-guest-data-purge-daily": {  # Decree 13/2023 retention: privacy.tasks
        "task": "privacy.guest_data_purge",
        "schedule": crontab(hour=0, minute=20),
    },
    "certificates-expire-daily": {
        "task": "certification.tasks.certificates_expire_task",
        "schedule": crontab(hour=0, minute=5),
    },
    "campaigns-start-end-every-minute": {
        "task": "campaigns.tasks.campaigns_tick_task",
        "schedule": 60.0,
    },
    "orders-expire-unpaid": {
        "task": "orders.tasks.expire_unpaid_orders_task",
        "schedule": crontab(minute="*/5"),
    },
    "inventory-reservations-expire": {
        "task": "inventory.tasks.reservations_expire_task",
        "schedule": crontab(minute="*/5"),
    },
}
