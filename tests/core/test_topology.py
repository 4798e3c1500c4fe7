"""The production topology runs as docker-compose.yml says, as processes on this machine (no Docker
engine here): the web command (migrate, then gunicorn with 2 workers), the Celery worker and beat,
with the compose file's own commands and working directory (`backend/`), real PostgreSQL (the test
database) and Redis, and ELASTICSEARCH_URL pointing at a port where nothing listens.

Checks: /healthz/, /readyz/ and / answer 200; a task sent by a client round-trips through the worker
and changes the database; beat sends its schedule (the heartbeat, every second here) and the worker
runs it; each compose healthcheck command passes; SIGTERM stops every process with exit code 0."""

from __future__ import annotations

import datetime as dt
import shlex
import signal
import socket
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from celery import Celery
from django.utils import timezone

from certification.models import CertificateStatus, OcopCertificate
from tests.factories import make_channel, make_listed_product
from tests.processes import (
    ROOT,
    SESSION,
    child_env,
    database_url,
    free_port,
    http_get,
    redis_forget,
    redis_url,
    wait_until,
)

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def compose_command(service: str, var_dir: Path, port: int) -> list[str]:
    """The service's command as compose runs it: `$$` is compose's escaped `$`, /app/var is ours."""
    command = COMPOSE["services"][service]["command"]
    if isinstance(command, str):
        command = shlex.split(command)
    return [part.replace("$$", "$").replace("/app/var", str(var_dir)).replace("0.0.0.0:8000", f"127.0.0.1:{port}")
            for part in command]


def healthcheck(service: str, var_dir: Path, port: int, env: dict) -> subprocess.CompletedProcess:
    test = COMPOSE["services"][service]["healthcheck"]["test"]
    kind, args = test[0], [a.replace("$$", "$").replace("/app/var", str(var_dir))
                           .replace("localhost:8000", f"127.0.0.1:{port}") for a in test[1:]]
    argv = ["sh", "-c", args[0]] if kind == "CMD-SHELL" else args
    return subprocess.run(argv, cwd=ROOT / "backend", env=env, capture_output=True, text=True, timeout=30)


def closed_port() -> int:
    port = free_port()
    with socket.socket() as probe:  # make sure nothing took it meanwhile
        assert probe.connect_ex(("127.0.0.1", port)) != 0
    return port


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_compose_services_start_serve_run_tasks_and_stop(tmp_path):
    # Given committed data for a task to act on: a certificate whose expiry date has passed
    product, _ = make_listed_product(make_channel("online"))
    certificate = OcopCertificate.objects.get(product=product)
    OcopCertificate.objects.filter(pk=certificate.pk).update(expires_on=timezone.localdate() - dt.timedelta(days=1))
    port, queue, broker = free_port(), f"{SESSION}-topology", redis_url()
    redis_forget(broker, queue)
    (tmp_path / "beat").mkdir()
    env = child_env(
        DATABASE_URL=database_url(), REDIS_URL=broker, CELERY_QUEUE=queue, ELASTICSEARCH_URL=f"http://127.0.0.1:{closed_port()}",
        SECRET_KEY="topology-test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz", DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost", MEDIA_ROOT=str(tmp_path / "media"), OCOP_VAR_DIR=str(tmp_path),
        WEB_WORKERS="2", BEAT_HEARTBEAT_SECONDS="1", HOSTNAME=f"{SESSION}-worker", LOG_LEVEL="INFO",
    )
    logs = {name: open(tmp_path / f"{name}.log", "w+") for name in ("web", "celery-worker", "celery-beat")}  # noqa: SIM115
    procs: dict[str, subprocess.Popen] = {}
    worker_cmd = compose_command("celery-worker", tmp_path, port) + ["--hostname", f"celery@{SESSION}-worker"]
    commands = {"web": compose_command("web", tmp_path, port), "celery-worker": worker_cmd,
                "celery-beat": compose_command("celery-beat", tmp_path, port)}

    def log(name: str) -> str:
        return (tmp_path / f"{name}.log").read_text()

    def all_alive() -> None:
        for name, proc in procs.items():
            assert proc.poll() is None, f"{name} exited {proc.returncode}:\n{log(name)}"

    client = Celery("topology-client", broker=broker, backend=broker)
    client.conf.task_default_queue = queue
    try:
        # When the three app services start as compose starts them
        for name, argv in commands.items():
            procs[name] = subprocess.Popen(argv, cwd=ROOT / "backend", env=env, stdout=logs[name],
                                           stderr=subprocess.STDOUT, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        wait_until(lambda: http_get(base + "/readyz/", timeout=5)[0] == 200, timeout=45, what="web ready",
                   alive=all_alive)

        # Then the web answers without Elasticsearch
        assert http_get(base + "/healthz/") == (200, '{"status": "ok"}')
        status, body = http_get(base + "/readyz/")
        assert status == 200 and '"redis": "ok"' in body and '"migrations": "ok"' in body
        assert http_get(base + "/")[0] == 200
        status, page = http_get(base + "/tim-kiem/?q=" + quote(product.name))
        assert status == 200 and product.name in page  # PostgreSQL fallback with Elasticsearch down

        # and a task round-trips through the worker and changes the database
        result = client.send_task("certification.tasks.certificates_expire_task").get(timeout=30)
        assert result["expired"] == 1
        certificate.refresh_from_db()
        assert certificate.status == CertificateStatus.EXPIRED
        assert client.send_task("core.tasks.ping_task").get(timeout=15) == "pong"

        # and beat sends the schedule, which the worker runs
        wait_until(lambda: "Sending due task beat-heartbeat" in log("celery-beat")
                   and "core.tasks.beat_heartbeat_task" in log("celery-worker") and "succeeded" in log("celery-worker"),
                   timeout=20, what="beat heartbeat run by the worker", alive=all_alive)

        # and every compose healthcheck passes
        for service in ("web", "celery-worker", "celery-beat"):
            done = healthcheck(service, tmp_path, port, env)
            assert done.returncode == 0, (service, done.stdout, done.stderr)
        assert " 200 " in log("web")  # gunicorn's access log, as compose asks for it
        assert "Booting worker" in log("web") and log("web").count("Booting worker with pid") == 2
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        codes = {}
        for name, proc in procs.items():
            try:
                codes[name] = proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                codes[name] = "killed"
        client.close()
        redis_forget(broker, queue)
        for handle in logs.values():
            handle.close()
    # And everything stops cleanly
    assert codes == {"web": 0, "celery-worker": 0, "celery-beat": 0}, {n: log(n)[-2000:] for n in codes}
