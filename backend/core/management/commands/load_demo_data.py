"""`manage.py load_demo_data`: load the Thanh Hóa OCOP demo data set (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from core.demo.loader import load_demo_data


class Command(BaseCommand):
    help = "Load the demo data (public Thanh Hóa OCOP facts + marked demo values). Running it twice changes nothing."

    def handle(self, *args, **options):
        report = load_demo_data(log=self.stdout.write)
        self.stdout.write(report.summary())
