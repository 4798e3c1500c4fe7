"""Readiness checks behind /readyz/: each returns "ok", "not configured" or a short failure word.

Failures never carry exception text (it could leak hosts or credentials); the details go to the log.
"""

from __future__ import annotations

import logging

import redis
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

logger = logging.getLogger(__name__)
_migrations_seen_applied = False  # once applied they stay applied for the life of this process


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("readiness: database unreachable")
        return "unavailable"
    return "ok"


def check_redis() -> str:
    url = getattr(settings, "REDIS_URL", "")
    if not url:
        return "not configured"
    try:
        client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        try:
            client.ping()
        finally:
            client.close()
    except redis.RedisError:
        logger.exception("readiness: Redis unreachable")
        return "unavailable"
    return "ok"


def check_migrations() -> str:
    global _migrations_seen_applied
    if _migrations_seen_applied:
        return "ok"
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:
        logger.exception("readiness: cannot read the migration state")
        return "unavailable"
    if pending:
        return "pending"
    _migrations_seen_applied = True
    return "ok"


CHECKS = {"database": check_database, "redis": check_redis, "migrations": check_migrations}


def readiness() -> tuple[bool, dict[str, str]]:
    """(ready, {check: result}); migrations are only read when the database answers."""
    results = {"database": check_database(), "redis": check_redis()}
    results["migrations"] = check_migrations() if results["database"] == "ok" else "unknown"
    ready = all(value in ("ok", "not configured") for value in results.values())
    return ready, results
