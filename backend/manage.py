#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ocop.settings")
    if sys.argv[1:2] == ["demo"]:  # the demo makes its own random key once, in var/ (ocop/keys.py)
        os.environ.setdefault("OCOP_DEMO_SECRET_KEY", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
