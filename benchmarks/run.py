"""Run every benchmark module in this folder (`make bench`)."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path


def main() -> None:
    for module in sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)])):
        if module in ("run", "_setup"):
            continue
        mod = importlib.import_module(f"benchmarks.{module}")
        if hasattr(mod, "main"):
            print(f"== {module}")
            mod.main([])


if __name__ == "__main__":
    main()
