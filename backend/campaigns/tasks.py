from celery import shared_task

from .services import campaigns_tick


@shared_task(name="campaigns.tasks.campaigns_tick_task")
def campaigns_tick_task() -> dict:
    return campaigns_tick()
