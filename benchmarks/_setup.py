"""Django set-up for benchmark scripts run from the repository root."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_django() -> None:
    for path in (str(ROOT), str(ROOT / "backend")):
        if path not in sys.path:
            sys.path.insert(0, path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
    os.environ.setdefault("OCOP_DEMO_SECRET_KEY", "1")  # benchmarks use the demo key in var/
    import django

    django.setup()
