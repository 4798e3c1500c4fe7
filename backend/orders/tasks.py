from celery import shared_task

from .services import expire_unpaid_orders


@shared_task(name="orders.tasks.expire_unpaid_orders_task")
def expire_unpaid_orders_task() -> list[int]:
    return expire_unpaid_orders()
