"""Concurrent clients against a real server: gunicorn, started here on a free port against
the bench database, and ``clients`` threads each asking one page again and again for
``seconds``, logged in through a session cookie (two-factor satisfied). Reports the median
and 95th percentile latency, pages per second and errors (any answer but 200, or none: a
request that runs past gunicorn's worker timeout, 30 s by default, is killed with its worker
and counts as an error)."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.results import LoadResult, judge_load, percentile

# Not resolved: a checkout assembled from links runs as it is assembled.
ROOT = Path(__file__).absolute().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start listening")


@contextmanager
def gunicorn(workers: int, env: dict[str, str]) -> Iterator[int]:
    """A gunicorn serving Samsyn on a free port; stopped (this process only) on exit."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "samsyn.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    try:
        _wait_until_up(port, process)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _client(
    port: int,
    path: str,
    cookie: str,
    until: float,
    out: list[float],
    errors: list[int],
    at_least: int = 0,
) -> None:
    """Ask ``path`` until ``until`` (and at least ``at_least`` times)."""
    headers = {"Cookie": cookie, "Host": "127.0.0.1"}
    asked = 0
    while time.monotonic() < until or asked < at_least:
        asked += 1
        started = time.perf_counter()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            connection.close()
            ok = response.status == 200
        except OSError:
            ok = False
        elapsed = (time.perf_counter() - started) * 1000
        if ok:
            out.append(elapsed)
        else:
            errors.append(1)


def _round(port: int, path: str, cookies: list[str]) -> None:
    """Every client asks once, all at once."""
    threads = [
        threading.Thread(target=_client, args=(port, path, cookie, 0.0, [], [], 1))
        for cookie in cookies
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def hammer(
    *, port: int, page: str, path: str, cookies: list[str], seconds: float, size: str
) -> LoadResult:
    """One thread per cookie (each its own session, as each user has) asking ``path`` for
    ``seconds``."""
    # A first round, not counted: each worker imports its views and fills its caches on the
    # first requests it serves.
    _round(port, path, cookies)
    timings: list[float] = []
    errors: list[int] = []
    until = time.monotonic() + seconds
    started = time.monotonic()
    threads = [
        threading.Thread(target=_client, args=(port, path, cookie, until, timings, errors))
        for cookie in cookies
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    result = LoadResult(
        page=page,
        size=size,
        clients=len(cookies),
        seconds=round(elapsed, 1),
        requests=len(timings),
        errors=len(errors),
        p50_ms=percentile(timings, 0.5) if timings else None,
        p95_ms=percentile(timings, 0.95) if timings else None,
    )
    result.targets = judge_load(result)
    return result


def server_env() -> dict[str, str]:
    """The bench process's environment (the bench database, DEBUG off) for gunicorn."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
