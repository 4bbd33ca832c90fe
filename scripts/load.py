"""Load test: start the service as `make run` does, drive it with wrk on loopback, report.

Each format (DOCX, PDF) runs for a bounded time (VANBAN_LOAD_SECONDS, default 60) with a
bounded number of requests (VANBAN_LOAD_MAX, default 20000) from 16 connections, and the report
gives throughput, p50/p99 latency and the count of non-2xx answers.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "seeds" / "000-ranking-decision-2113-2023.json"
PORT = int(os.environ.get("VANBAN_LOAD_PORT", "8765"))
SECONDS = int(os.environ.get("VANBAN_LOAD_SECONDS", "60"))
MAX_REQUESTS = int(os.environ.get("VANBAN_LOAD_MAX", "20000"))
CONNECTIONS, THREADS = 16, 2


def start_server() -> subprocess.Popen:
    """Start gunicorn with the project's settings on a loopback port and wait until healthy."""
    env = {**os.environ, "VANBAN_HOST": "127.0.0.1", "VANBAN_PORT": str(PORT)}
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
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("vanban: dịch vụ không khởi động được trong 30 giây.")


def run_wrk(fmt: str) -> dict:
    """Return wrk's figures for one format."""
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
        f"http://127.0.0.1:{PORT}",
        "--",
        str(FIXTURE),
        f"/api/v1/documents?format={fmt}",
        str(per_thread),
    ]
    out = subprocess.run(
        command, capture_output=True, text=True, check=True, timeout=SECONDS + 60
    ).stdout
    return parse(out)


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
    server = start_server()
    try:
        rows = {fmt: run_wrk(fmt) for fmt in ("docx", "pdf")}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    print(
        f"\n{CONNECTIONS} connections, {SECONDS} s per format, at most {MAX_REQUESTS} "
        f"requests, {os.cpu_count()} cores, gunicorn workers = cores"
    )
    print(
        f"{'format':<7}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'non-2xx':>9}  socket errors"
    )
    for fmt, r in rows.items():
        print(
            f"{fmt:<7}{r['requests']:>10}{r['rate']:>9.1f}{r['p50']:>9.1f}{r['p99']:>9.1f}"
            f"{r['non2xx']:>9}  {r['socket_errors']}"
        )
    if any(r["non2xx"] for r in rows.values()):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
