"""The test settings: the project's settings with a key of the tests' own (production settings refuse to start
without SECRET_KEY, see ocop/keys.py)."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-" + "x" * 40)

from ocop.settings import *  # noqa: E402,F403
