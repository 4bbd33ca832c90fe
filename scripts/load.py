"""Load test: start the service as `make run` does, drive it with wrk on loopback, report.

Each format (DOCX, PDF) runs for a bounded time (VANBAN_LOAD_SECONDS, default 60) with a
bounded number of requests (VANBAN_LOAD_MAX, default 20000) from 16 connections, and the report
gives throughput, p50/p99 latency, the server's CPU time per request (master and workers, the
recycled ones included) and the count of non-2xx answers. Worker recycling stays on. It exits 1
on any non-2xx answer or when the DOCX p99 exceeds four times its p50 (a latency spike).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "seeds" / "000-ranking-decision-2113-2023.json"
PORT = int(os.environ.get("VANBAN_LOAD_PORT", "0"))  # 0: a free loopback port
SECONDS = int(os.environ.get("VANBAN_LOAD_SECONDS", "60"))
MAX_REQUESTS = int(os.environ.get("VANBAN_LOAD_MAX", "20000"))
CONNECTIONS, THREADS = 16, 2
SPIKE = 4  # the DOCX p99 may be at most this many times its p50


def free_port() -> int:
    """Return a loopback port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_cpu(pid: int) -> float:
    """Return the CPU seconds of the gunicorn master ``pid`` and its workers, reaped or alive."""
    ticks = os.sysconf("SC_CLK_TCK")

    def times(proc: int, reaped: bool) -> float:
        try:
            fields = Path(f"/proc/{proc}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0  # a worker that just exited: the master's reaped children count it
        # utime, stime, and the reaped children's cutime, cstime (proc(5) fields 14-17).
        return sum(int(f) for f in fields[11 : 15 if reaped else 13]) / ticks

    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return times(pid, True) + sum(times(int(child), False) for child in children)


def start_server(port: int) -> subprocess.Popen:
    """Start gunicorn with the project's settings on a loopback port and wait until healthy."""
    env = {**os.environ, "VANBAN_HOST": "127.0.0.1", "VANBAN_PORT": str(port)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "gunicorn.conf.py",
            "--access-logfile",
            "/dev/null",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("vanban: dịch vụ không khởi động được trong 30 giây.")


def run_wrk(fmt: str, port: int, server: int) -> dict:
    """Return wrk's figures for one format, and the server's CPU time per request."""
    per_thread = max(1, MAX_REQUESTS // THREADS)
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{SECONDS}s",
        "--latency",
        "--timeout",
        "30s",
        "-s",
        str(ROOT / "scripts" / "load.lua"),
        f"http://127.0.0.1:{port}",
        "--",
        str(FIXTURE),
        f"/api/v1/documents?format={fmt}",
        str(per_thread),
    ]
    before = server_cpu(server)
    out = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=SECONDS + 60
    ).stdout
    figures = parse(out)
    figures["cpu_ms"] = (server_cpu(server) - before) * 1000 / max(1, figures["requests"])
    return figures


def _ms(value: str) -> float:
    """Return a wrk duration ('512.30ms', '1.20s', '900us') in milliseconds."""
    number, unit = re.match(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def parse(out: str) -> dict:
    """Return requests, rate, p50, p99 and non-2xx count from wrk's report."""
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "requests": requests,
        "rate": rate,
        "p50": p50,
        "p99": p99,
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": errors.group(1).strip() if errors else "none",
    }


def main() -> None:
    """Run the load for DOCX then PDF and print the table."""
    if not shutil.which("wrk"):
        raise SystemExit("vanban: cần wrk (apt-get install wrk).")
    port = PORT or free_port()
    server = start_server(port)
    try:
        rows = {fmt: run_wrk(fmt, port, server.pid) for fmt in ("docx", "pdf")}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print(
        f"\n{CONNECTIONS} connections, {SECONDS} s per format, at most {MAX_REQUESTS} "
        f"requests, {os.cpu_count()} cores, gunicorn workers = cores"
    )
    print(
        f"{'format':<7}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'p99/p50':>9}"
        f"{'CPU ms/req':>12}{'non-2xx':>9}  socket errors"
    )
    for fmt, r in rows.items():
        print(
            f"{fmt:<7}{r['requests']:>10}{r['rate']:>9.1f}{r['p50']:>9.1f}{r['p99']:>9.1f}"
            f"{r['p99'] / r['p50']:>9.1f}{r['cpu_ms']:>12.1f}{r['non2xx']:>9}  "
            f"{r['socket_errors']}"
        )
    spike = rows["docx"]["p99"] > SPIKE * rows["docx"]["p50"]
    if spike:
        print(f"DOCX p99 is more than {SPIKE}× its p50.")
    if spike or any(r["non2xx"] for r in rows.values()):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
