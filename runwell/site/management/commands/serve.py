"""`runwell serve`: prepare the data folder and database, then run the site.

Runs gunicorn (the production server) and, beside it, the background task
worker that sends notification mail, and stops both together.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, connection

from runwell.accounts.actions import do_create_admin
from runwell.config import env, envint
from runwell.lib.net import CLIENT_IP_KEY
from runwell.site.admins import free_username
from runwell.site.database import first_start_lock
from runwell.site.static_files import collect_static_if_changed
from runwell.site.supervisor import Supervisor

# gunicorn's default access-log line, with the client address Runwell decided (behind a
# trusted proxy, the visitor's, not the proxy's) in place of the direct peer's.
ACCESS_LOG_FORMAT = (
    f'%({{{CLIENT_IP_KEY}}}e)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"'
)
# A worker that has not touched its heartbeat file for this long is frozen.
WORKER_STALL_SECONDS = 120


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise CommandError(f"--port {value!r} is not a whole number") from None
    if not 0 < port < 65536:
        raise CommandError(f"--port {value} is outside 1–65535")
    return port


def _count(option: str, value: str) -> int:
    try:
        count = int(value)
    except ValueError:
        raise CommandError(f"{option} {value!r} is not a whole number") from None
    if count < 1:
        raise CommandError(f"{option} must be at least 1")
    return count


class Command(BaseCommand):
    help = "Migrate, load starter content on the first run, and serve the site with gunicorn."
    requires_system_checks = []  # run after migrating, below

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=env("RUNWELL_HOST", "127.0.0.1"))
        parser.add_argument("--port", default=envint("RUNWELL_PORT", 8000, minimum=1))
        parser.add_argument("--workers", default=envint("RUNWELL_WORKERS", 2, minimum=1))
        # Threads let a worker go on serving while one of them waits on a slow client
        # (a large upload from a slow line). The work itself is Python and takes turns on
        # the interpreter, so behind a buffering proxy 1 thread per worker costs less CPU
        # per request (bench/speed.py; docs/deploy.md says how much).
        parser.add_argument("--threads", default=envint("RUNWELL_THREADS", 4, minimum=1))
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="do not start the background task worker (run `runwell db_worker` yourself)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        host: str = options["host"]
        port = _port(str(options["port"]))
        workers = _count("--workers", str(options["workers"]))
        threads = _count("--threads", str(options["threads"]))
        self._check_port_free(host, port)
        if connection.vendor == "postgresql":
            self._check_database()  # the start lock below is taken through the connection

        # Two servers starting at once on a fresh database take turns here: the second
        # finds the tables, the admin and the content the first one made.
        with first_start_lock():
            # On SQLite the lock is a file and the first connection is made under it:
            # two processes opening a brand-new database both switch it to WAL, and
            # SQLite refuses one of them at once ("database is locked"), without waiting.
            self._check_database()
            call_command("migrate", interactive=False, verbosity=0)
            call_command("check")
            self._ensure_first_admin()
            # The starter library comes once per data folder; `runwell loadcontent` reloads it.
            marker = settings.DATA_DIR / ".starter-content-loaded"
            if not marker.exists():
                call_command("loadcontent", verbosity=1)
                marker.touch()
            collect_static_if_changed()

        self.stdout.write(
            f"Serving {settings.SITE_NAME} at http://{host}:{port}/ with {workers} workers "
            f"of {threads} threads "
            f"(data in {settings.DATA_DIR}). Press Ctrl+C to stop."
        )
        self.stdout.flush()
        self._run(host, port, workers, threads, start_worker=not options["no_worker"])

    def _ensure_first_admin(self) -> None:
        """On the first start, make the admin account (under a free name).

        An imported WordPress author may hold the name "admin" (WordPress' default
        login) as an inactive user: the admin then becomes "admin-2", never a clash.
        """
        if get_user_model().objects.filter(is_superuser=True).exists():
            return
        user, password = do_create_admin(free_username())
        self.stdout.write(
            "First start: created the admin account.\n"
            f"  user name: {user.get_username()}\n  password:  {password}\n"
            "Keep the password now: it is not shown again "
            "(`runwell createadmin` makes another account)."
        )

    def _check_port_free(self, host: str, port: int) -> None:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((host, port))
            except OSError as exc:
                raise CommandError(f"cannot listen on {host}:{port}: {exc.strerror}") from None

    def _check_database(self) -> None:
        try:
            connection.ensure_connection()
        except DatabaseError as exc:
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            raise CommandError(
                f"DATABASE_URL: cannot connect to the database: {first_line}"
            ) from None

    def _run(self, host: str, port: int, workers: int, threads: int, *, start_worker: bool) -> None:
        python = sys.executable
        gunicorn = [
            python, "-m", "gunicorn", "runwell.wsgi:application",
            "--bind", f"{host}:{port}",
            "--workers", str(workers),
            "--worker-class", "runwell.site.serving.BalancedThreadWorker",
            "--threads", str(threads),
            "--access-logfile", "-",
            "--access-logformat", ACCESS_LOG_FORMAT,
            "--logger-class", "runwell.site.access_log.AccessLogger",
            "--graceful-timeout", "10",
            # gunicorn's admin socket lives in the home folder and would be shared by
            # every server on the machine; runwell stops gunicorn with signals instead.
            "--no-control-socket",
        ]  # fmt: skip
        worker = self._worker_supervisor(python) if start_worker else None
        server = subprocess.Popen(gunicorn)
        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True
            if server.poll() is None:
                server.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while server.poll() is None:
                if worker is not None and not stopping:
                    worker.poll()
                time.sleep(1)
            code = server.wait()
        finally:
            stop(signal.SIGTERM, None)
            if worker is not None:
                worker.stop()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        if code not in (0, -signal.SIGTERM, -signal.SIGINT):
            raise CommandError(f"the web server stopped with exit code {code}")

    def _worker_supervisor(self, python: str) -> Supervisor | None:
        """The background worker, kept running (restarted with back-off) beside gunicorn."""
        if not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
            return None
        beat = settings.DATA_DIR / f".worker-{os.getpid()}.heartbeat"

        def say(message: str) -> None:
            self.stdout.write(f"runwell serve: {message}")
            self.stdout.flush()

        worker = Supervisor(
            [python, "-m", "runwell", "worker", "--heartbeat-file", str(beat)],
            heartbeat_file=beat,
            stall_seconds=WORKER_STALL_SECONDS,
            say=say,
        )
        worker.poll()  # start it now
        return worker
