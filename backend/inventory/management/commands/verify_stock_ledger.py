"""`manage.py verify_stock_ledger`: check Stock.quantity == sum(movements) for the whole database."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from inventory.ledger import ledger_drift
from inventory.models import Stock


class Command(BaseCommand):
    help = "Kiểm tra sổ kho: số tồn của mọi dòng tồn kho bằng tổng biến động; báo lệch (mã thoát ≠ 0)."

    def handle(self, *args, **options):
        drift = ledger_drift()
        total = Stock.objects.count()
        if not drift:
            self.stdout.write(self.style.SUCCESS(f"OK: {total} stock rows agree with the ledger."))
            return
        for d in drift:
            self.stderr.write(
                f"DRIFT stock={d['stock_id']} variant={d['variant_id']} warehouse={d['warehouse_id']} "
                f"quantity={d['quantity']} ledger={d['ledger']} "
                f"allocated={d['quantity_allocated']} allocations={d['allocations']}"
            )
        raise CommandError(f"{len(drift)} of {total} stock rows drift from the ledger.", returncode=2)
