"""`manage.py purge_guest_data`: anonymise guests' orders older than GUEST_DATA_RETENTION_DAYS."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from privacy.services import guest_data_purge


class Command(BaseCommand):
    help = "Ẩn danh dữ liệu cá nhân của khách vãng lai quá thời hạn lưu (GUEST_DATA_RETENTION_DAYS)."

    def handle(self, *args, **options):
        self.stdout.write(f"Anonymised {guest_data_purge()} guest orders.")
