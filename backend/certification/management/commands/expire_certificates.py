"""`manage.py expire_certificates [--date YYYY-MM-DD]`: the daily certificate job, by hand."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from certification.expiry import certificates_expire, certificates_send_reminders


class Command(BaseCommand):
    help = "Expire OCOP certificates past their date and e-mail producers 30 days before expiry."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as if today were this date (YYYY-MM-DD).")
        parser.add_argument("--no-reminders", action="store_true", help="Only expire, send no e-mail.")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError("--date must be YYYY-MM-DD") from None
        expired = certificates_expire(today)
        self.stdout.write(f"Expired {expired['expired']} certificates ({expired['products']} products).")
        if not options["no_reminders"]:
            reminders = certificates_send_reminders(today)
            self.stdout.write(f"Sent {reminders['sent']} expiry reminders "
                              f"({reminders['skipped_no_email']} producers without e-mail).")
