"""The server run (``dev.py bench --server``): gunicorn with two workers, and wrk.

For each size's database, gunicorn serves the benchmark's settings twice: as
shipped with the whole-response cache (its one line in ``MIDDLEWARE``), and with
``CACHE_TIMEOUT`` 0 (every request read from the database). wrk requests each
URL for ``duration`` seconds over ``connections`` connections and reports
requests per second and the 50th and 99th percentile latency. A plain Django
view and a bare Wagtail page, served by the same processes, are the floor.

With ``REDIS_URL`` set the two workers share a Redis cache, as a site with
several processes must; otherwise each keeps its own (``LocMemCache``), which is
the same for a run that makes no edits. wrk comes from the system's packages
(Debian: ``apt-get install wrk``); gunicorn from the ``bench`` extra.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

WORKERS = 2
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def missing_tools() -> list[str]:
    missing = [] if shutil.which("wrk") else ["wrk (apt-get install wrk)"]
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        missing.append("gunicorn (pip install -e '.[bench]')")
    return missing


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(environment: dict[str, str]) -> Iterator[str]:
    """A gunicorn serving ``tests.bench.wsgi`` with ``environment``; its base URL."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tests.bench.wsgi:application",
            f"--workers={WORKERS}",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
            # gunicorn kills a worker silent for 30 s: a loaded machine's first
            # uncached page at 10,000 profiles may take longer.
            "--timeout=300",
        ],
        env=environment,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped ({process.returncode})")
            try:
                with urllib.request.urlopen(f"{base}/bench/plain/", timeout=5):  # noqa: S310
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not answer within a minute")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def warm(url: str, requests: int = 4 * WORKERS) -> None:
    """Renditions made and caches filled, in every worker (most likely)."""
    for _ in range(requests):
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310
            if response.status != 200:
                raise RuntimeError(f"{url}: {response.status}")


def _milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * UNITS[unit]


def parse_wrk(output: str) -> dict:
    """Requests per second, p50 and p99 (ms) from ``wrk --latency``'s output."""
    if "Non-2xx or 3xx responses" in output:
        raise RuntimeError(f"wrk saw errors:\n{output}")
    percentiles = dict(re.findall(r"^ +(50|99)% +(\S+) *$", output, re.MULTILINE))
    if set(percentiles) != {"50", "99"} or "Requests/sec" not in output:
        raise RuntimeError(f"wrk's output has no latency distribution:\n{output}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        "p50": _milliseconds(percentiles["50"]),
        "p99": _milliseconds(percentiles["99"]),
    }


def load(url: str, duration: int, connections: int) -> dict:
    output = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk") or "wrk",
            "--latency",
            f"--threads={min(2, connections)}",
            f"--connections={connections}",
            f"--duration={duration}s",
            # A request that takes longer is a timeout, not a latency: a slow
            # machine must still measure.
            "--timeout=30s",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return parse_wrk(output)


def serve_and_load(
    size: int,
    environment: dict[str, str],
    paths: dict[str, str],
    duration: int,
    connections: int,
) -> list[dict]:
    """Rows for each of ``paths`` (a name for each), as shipped and cache off."""
    rows = []
    passes = (
        ("", {"DEFENDERS_BENCH_RESPONSE_CACHE": "1"}),
        (", cache off", {"DEFENDERS_BENCH_CACHE_TIMEOUT": "0"}),
    )
    for suffix, extra in passes:
        with gunicorn({**environment, **extra}) as base:
            for name, path in paths.items():
                if suffix and name.startswith(("plain", "bare")):
                    continue  # the floor is the same with the package's cache off
                warm(base + path)
                figures = load(base + path, duration, connections)
                print(
                    f"  {name}{suffix}: {figures['rps']:.0f} requests/s",
                    file=sys.stderr,
                    flush=True,
                )
                rows.append({"scenario": name + suffix, "size": size, **figures})
    return rows
