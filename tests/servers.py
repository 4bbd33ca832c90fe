"""Real servers for the register tests: gunicorn with N workers, and a throw-away PostgreSQL."""

from __future__ import annotations

import glob
import http.client
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2) -> Iterator[tuple[int, subprocess.Popen]]:
    """Run the service under gunicorn (gunicorn.conf.py) on a loopback socket bound to port 0."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    port = listener.getsockname()[1]
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"),
            *("--bind", f"fd://{listener.fileno()}", "wsgi:app"),
        ],
        cwd=ROOT,
        env={**os.environ, **env, "VANBAN_WORKERS": str(workers), "VANBAN_MAX_REQUESTS": "0"},
        pass_fds=[listener.fileno()],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    listener.close()
    try:
        wait_until(lambda: request(port, "GET", "/healthz")[0] == 200, 60)
        wait_until(lambda: len(children(process.pid)) == workers, 60)
        yield port, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def request(
    port: int, method: str, path: str, body: object = None, headers: dict | None = None
) -> tuple[int, dict[str, str], bytes]:
    """Return status, headers and body of one HTTP request on loopback."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode()
        sent = {"Content-Type": "application/json", **(headers or {})} if data else headers or {}
        connection.request(method, path, body=data, headers=sent)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def children(pid: int) -> list[int]:
    """Return the process ids whose parent is ``pid`` (gunicorn's workers)."""
    found = []
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            fields = Path(stat).read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.split("/")[2]))
    return found


def wait_until(ready, seconds: float) -> None:
    """Poll ``ready`` until it is true, or fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise TimeoutError("the server did not become ready")


def postgres_bin() -> Path:
    """Return the folder of Debian's PostgreSQL server programs (package `postgresql`)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    if not found:
        raise RuntimeError(
            "Thiếu PostgreSQL (gói Debian postgresql); `make test` cài gói này trước khi chạy."
        )
    return Path(found[-1]).parent


def _version(path: str) -> int:
    return int(path.split("/")[4])


@contextmanager
def postgresql() -> Iterator[str]:
    """Run a new PostgreSQL cluster in a temporary folder on a free loopback port; yield its URL.

    PostgreSQL refuses to run as root: as root the cluster belongs to the `postgres` user.
    """
    bindir = postgres_bin()
    folder = Path(tempfile.mkdtemp(prefix="vanban-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chown(folder, account.pw_uid, account.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    data = folder / "data"

    def run(program: str, *args: str) -> None:
        subprocess.run([*prefix, str(bindir / program), *args], check=True, capture_output=True)

    run("initdb", "-D", str(data), "-U", "vanban", "--auth=trust", "-E", "UTF8", "--no-sync")
    options = f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off -c max_connections=60"
    run("pg_ctl", "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start")
    try:
        yield f"postgresql://vanban@127.0.0.1:{port}/postgres"
    finally:
        run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)
