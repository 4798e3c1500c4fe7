from django.core.management.base import BaseCommand

from orders.services import expire_unpaid_orders


class Command(BaseCommand):
    help = "Cancel VietQR/Stripe orders still unpaid after the channel's unpaid_order_expiry_minutes."

    def handle(self, *args, **options):
        numbers = expire_unpaid_orders()
        self.stdout.write(f"expired {len(numbers)} order(s): {', '.join(map(str, numbers))}")
