"""`manage.py load_criteria FILE…`: validate and load the office's criteria files (YAML or JSON)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from programme.services.criteria import criteria_file_load


class Command(BaseCommand):
    help = "Load OCOP criteria sets (YAML or JSON) as new versions; a file with any error loads nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+")

    def handle(self, *args, **options) -> None:
        for path in options["files"]:
            try:
                cset = criteria_file_load(path)
            except DomainError as exc:
                lines = "\n".join(f"  - {e.message}" for e in exc.as_field_errors())
                raise CommandError(f"{path}:\n{lines}") from None
            except OSError as exc:
                raise CommandError(f"{path}: {exc}") from None
            self.stdout.write(f"{path}: {cset.code} {cset.version} ({cset.criteria.count()} criteria)")
