"""Run racers on real parallel connections (one thread, one PostgreSQL connection each), released
together by a barrier. Used by every concurrency test; assert on the database afterwards."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import close_old_connections, connection


def race(jobs: list[Callable[[], object]], *, watch: Callable[[], None] | None = None) -> list[object]:
    """Run every job in its own thread (own DB connection), all released at once. Returns results or
    exceptions, in job order. `watch`, if given, runs in a loop on its own connection during the race."""
    barrier = threading.Barrier(len(jobs))
    results: list[object] = [None] * len(jobs)
    done = threading.Event()
    watch_errors: list[BaseException] = []

    def run(i: int, job):
        try:
            barrier.wait(timeout=30)
            results[i] = job()
        except BaseException as exc:  # noqa: BLE001 - the test inspects every outcome
            results[i] = exc
        finally:
            connection.close()

    def watcher():
        try:
            while not done.is_set():
                watch()
        except BaseException as exc:  # noqa: BLE001
            watch_errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    w = threading.Thread(target=watcher) if watch else None
    if w:
        w.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    done.set()
    if w:
        w.join(timeout=30)
    close_old_connections()
    assert not watch_errors, watch_errors
    assert all(not t.is_alive() for t in threads)
    return results
