"""Import a bank statement (CSV: reference, amount, description, date) and confirm the VietQR orders
it pays; credits already seen (by bank reference) change nothing."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from payments.bank_intake import bank_statement_import


class Command(BaseCommand):
    help = "Match a bank statement's credits to VietQR orders (exact → paid; less, more, unknown → flagged)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options) -> None:
        try:
            results = bank_statement_import(path.read_bytes())
        except (OSError, DomainError) as exc:
            raise CommandError(str(getattr(exc, "message", exc))) from exc
        for row, created in results:
            self.stdout.write(f"{row.bank_reference}\t{row.amount}\t{row.status}\t{'new' if created else 'seen'}")
