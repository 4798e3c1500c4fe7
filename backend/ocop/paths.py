"""Where the code lives, and the one place that makes it importable.

`ocop` sits in `backend/`, the adapters in `integrations/` at the repository root. Every entry point
imports this package first (`manage.py`, `gunicorn ocop.wsgi`, `celery -A ocop`, pytest), so putting
both folders on `sys.path` here makes the same commands work from the repository root, from
`backend/` and in the image (which also sets PYTHONPATH=/app/backend:/app).
"""

from __future__ import annotations

import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BACKEND_DIR = PROJECT_ROOT / "backend"


def ensure_import_paths() -> None:
    for folder in (str(BACKEND_DIR), str(PROJECT_ROOT)):
        if folder not in sys.path:
            sys.path.append(folder)


ensure_import_paths()
