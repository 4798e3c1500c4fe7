# `.paths` makes `integrations` importable from any working directory (see its docstring).
from .celery import app as celery_app
from .paths import ensure_import_paths

__all__ = ["celery_app", "ensure_import_paths"]
