"""Real components for the distributed batch tests: a redis-server and `vanban worker` processes."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import redis

from .conftest import ROOT

VISIBILITY_TIMEOUT = 10  # seconds: a killed worker's items come back quickly in tests


def free_port() -> int:
    """Return a loopback port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A redis-server of our own on a free loopback port, keeping nothing on disk."""

    def __init__(self, folder: Path) -> None:
        executable = shutil.which("redis-server")
        if executable is None:
            raise RuntimeError("redis-server is missing: `make test` installs it (Debian)")
        self.port = free_port()
        self.log = open(folder / "redis.log", "wb")  # noqa: SIM115 - closed in stop()
        options = ["--bind", "127.0.0.1", "--dir", str(folder), "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(
            [executable, "--port", str(self.port), *options],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while True:
            with contextlib.suppress(redis.exceptions.ConnectionError):
                if redis.Redis(port=self.port).ping():
                    break
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)

    def url(self, db: int = 0) -> str:
        """Return the URL of database ``db``."""
        return f"redis://127.0.0.1:{self.port}/{db}"

    def client(self, db: int = 0) -> redis.Redis:
        """Return a client of database ``db``."""
        return redis.Redis(port=self.port, db=db)

    def stop(self) -> None:
        """Stop the server."""
        self.process.terminate()
        self.process.wait(timeout=20)
        self.log.close()


class Worker:
    """A `vanban worker` process (its own session, so it can be killed whole)."""

    def __init__(self, url: str, name: str, folder: Path) -> None:
        self.name = name
        self.log_path = folder / f"{name.split('@')[0]}.log"
        env = {**os.environ, "VANBAN_BROKER_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)}
        command = [sys.executable, "-m", "service", "worker", "--broker", url, "-n", name]
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                [*command, "-c", "1", "--loglevel", "INFO"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_ready(self, timeout: float = 60) -> None:
        """Wait until the worker consumes from the queue."""
        deadline = time.monotonic() + timeout
        while b"ready." not in self.log_path.read_bytes():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"worker {self.name} did not start:\n{self.log()}")
            time.sleep(0.1)

    def log(self) -> str:
        """Return what the worker wrote."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes at once, as a lost machine."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=20)

    def stop(self) -> None:
        """Stop the worker if it still runs."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)  # pool children left behind


def start_workers(url: str, names: list[str], folder: Path) -> list[Worker]:
    """Start workers named ``names`` and wait until each is ready."""
    workers = [Worker(url, name, folder) for name in names]
    for worker in workers:
        worker.wait_ready()
    return workers
