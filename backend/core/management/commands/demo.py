"""`manage.py demo --port 8000`: what `make demo` runs.

With DATABASE_URL unset the settings have already started the embedded PostgreSQL (data under
var/pgdata). This command migrates, loads the demo data (idempotent), collects static files and
serves the site on 127.0.0.1:PORT with a threaded WSGI server in this process. Ctrl+C or SIGTERM
end it with a normal interpreter exit, so the embedded server is stopped cleanly at exit.
"""

from __future__ import annotations

import os
import signal
import socket
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler, get_internal_wsgi_application
from django.db import connections

from core.demo.loader import load_demo_data


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        if os.environ.get("OCOP_DEMO_ACCESS_LOG"):
            super().log_message(format, *args)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Migrate, load demo data and serve the site (embedded PostgreSQL unless DATABASE_URL is set)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--no-serve", action="store_true", help="Prepare the database, then exit.")

    def handle(self, *args, **options):
        host, port = options["host"], options["port"]
        db = settings.DATABASES["default"]
        where = "DATABASE_URL" if os.environ.get("DATABASE_URL") else f"embedded PostgreSQL ({db['HOST']})"
        self.stdout.write(f"Database: {where}")
        if not options["no_serve"]:
            self._check_port(host, port)
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Migrations applied.")
        self.stdout.write(load_demo_data().summary())
        call_command("collectstatic", interactive=False, verbosity=0)
        if options["no_serve"]:
            return
        self.serve(host, port)

    def _check_port(self, host: str, port: int) -> None:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((host, port))
            except OSError as exc:
                raise CommandError(f"Port {port} on {host} is not free ({exc.strerror}); set PORT=…") from None

    def serve(self, host: str, port: int) -> None:
        signal.signal(signal.SIGINT, _raise_interrupt)  # even when started with SIGINT ignored (nohup, &)
        signal.signal(signal.SIGTERM, _raise_interrupt)
        if hasattr(signal, "SIGHUP"):
            signal.signal(signal.SIGHUP, _raise_interrupt)
        httpd = ThreadedWSGIServer((host, port), QuietHandler, ipv6=False)
        httpd.daemon_threads = True
        httpd.set_app(get_internal_wsgi_application())
        base = f"http://{host}:{port}"
        self.stdout.write(
            f"\nOCOP Thanh Hóa demo on {base}/  ·  admin {base}/admin/  ·  GraphQL {base}/graphql/\n"
            "Demo accounts (password ocop-demo-2026): staff@ocop.demo, pos.thoxuan@ocop.demo, pos.hoicho@ocop.demo, "
            "legia@ocop.demo, khach@ocop.demo\nCtrl+C to stop."
        )
        sys.stdout.flush()
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            self.stdout.write("\nStopping…")
        finally:
            httpd.server_close()
            connections.close_all()
        self.stdout.write("Stopped; the embedded PostgreSQL (if used) stops as this process exits.")
