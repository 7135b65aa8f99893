"""Benchmark the package's pages and API against bare Wagtail and a plain view.

    python3 dev.py bench                          10, 100 and 1,000 profiles
    python3 dev.py bench --sizes 1000,10000       other sizes
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python3 dev.py bench
                                                  on PostgreSQL (a database per size)
    python3 dev.py bench --server                 and under gunicorn with wrk

Each size runs in its own process on its own database (built once and kept:
:mod:`tests.bench.databases`; :mod:`tests.bench.build` says what is in it). The
in-process scenarios (:mod:`tests.bench.scenarios`) go through Django's test
client; the server run (:mod:`tests.bench.server`) through gunicorn and wrk.
The tables show the queries of one request, the median time, its ratio to a
bare Wagtail page on the same database and to the same scenario at the first
size. Timings depend on the machine; the ratios and query counts compare.
Nothing here is a test: the tests only check that it runs at a tiny size.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from tests.bench import databases, server
from tests.bench.build import BUILD_VERSION

SIZES = (10, 100, 1000)
RUNS = int(os.environ.get("DEFENDERS_BENCH_RUNS", "30"))


def child(command: str, size: int) -> None:
    """In a size's own process: build its database, or measure it."""
    import django

    django.setup()
    if command == "--build":
        from tests.bench.build import build

        start = time.perf_counter()
        build(size)
        print(
            f"built {size:,} profiles in {time.perf_counter() - start:.0f} s",
            file=sys.stderr,
        )
        return
    from tests.bench.scenarios import measure

    result = measure(size, RUNS)
    result["paths"] = server_paths()
    result["machine"] = machine()
    print(json.dumps(result))


def server_paths() -> dict[str, str]:
    from tests.bench.scenarios import CARD_FIELDS, edited_profile
    from tests.bench.urls import PLAIN_VIEW_PATH
    from tests.testapp.models import OtherPage
    from wagtail_defenders.models import DefenderIndexPage

    return {
        "plain Django view": PLAIN_VIEW_PATH,
        "bare Wagtail page": OtherPage.objects.get(slug="bare").url,
        "index page": DefenderIndexPage.objects.get().url,
        "profile page": edited_profile().url,
        "v2 listing, 20 cards": f"/api/v2/defenders/?limit=20&fields={CARD_FIELDS}",
    }


def machine() -> str:
    import django
    import wagtail
    from django.conf import settings
    from django.db import connection

    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    if connection.vendor == "postgresql":
        version = connection.pg_version
        database = f"PostgreSQL {version // 10000}.{version % 10000}"
    else:
        database = f"{connection.display_name} {connection.Database.sqlite_version}"
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return (
        f"{os.cpu_count()} CPUs, {cpu}; Python {sys.version.split()[0]}, "
        f"Django {django.get_version()}, Wagtail {wagtail.__version__}, "
        f"{database}, {cache}"
    )


def in_child(command: str, database: databases.Database, partial: bool = False):
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "tests.bench.run", command, str(database.size)],
        env=database.environment(partial),
        stdout=subprocess.PIPE,
        text=True,
    )


def ensure_built(database: databases.Database) -> bool:
    if database.complete():
        return True
    print(f"==> building {database.size:,} profiles", file=sys.stderr, flush=True)
    database.start_build()
    start = time.perf_counter()
    if in_child("--build", database, partial=True).returncode:
        return False
    database.finish_build()
    print(
        f"==> built in {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True
    )
    return True


def table(rows: list[dict], columns: list[tuple[str, str, str]], floor: str) -> None:
    """A Markdown table of ``rows`` with ratios of ``ms`` to the ``floor`` scenario
    (same size) and to the same scenario at the first size."""
    first = min(row["size"] for row in rows)
    by_key = {(row["scenario"], row["size"]): row for row in rows}
    heading = " | ".join(title for title, _key, _format in columns)
    print(f"| scenario | profiles | {heading} | × {floor} | × at {first:,} |")
    print("| --- | ---: |" + " ---: |" * (len(columns) + 2))
    for name in dict.fromkeys(row["scenario"] for row in rows):
        for row in (r for r in rows if r["scenario"] == name):
            cells = " | ".join(format(row[key], spec) for _title, key, spec in columns)
            ratio = row["ms"] / by_key[(floor, row["size"])]["ms"]
            own = (
                row["ms"] / by_key[(name, first)]["ms"]
                if (name, first) in by_key
                else 1
            )
            print(f"| {name} | {row['size']:,} | {cells} | {ratio:.1f} | {own:.1f} |")


def main(arguments: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="dev.py bench")
    parser.add_argument(
        "--sizes",
        default=",".join(str(size) for size in SIZES),
        help="numbers of profiles, comma-separated (default %(default)s; 10000 too)",
    )
    parser.add_argument(
        "--server",
        action="store_true",
        help="also under gunicorn (two workers) with wrk: requests/s, p50, p99",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per URL")
    parser.add_argument("--connections", type=int, default=8)
    options = parser.parse_args(arguments)
    sizes = [int(size) for size in options.sizes.split(",")]
    if options.server and server.missing_tools():
        print(f"--server needs {', '.join(server.missing_tools())}", file=sys.stderr)
        return 2
    rows: list[dict] = []
    server_rows: list[dict] = []
    notes: list[str] = []
    described = ""
    for size in sizes:
        database = databases.Database(size)
        if not ensure_built(database):
            return 1
        print(
            f"==> {size:,} profiles on {databases.engine()}",
            file=sys.stderr,
            flush=True,
        )
        output = in_child("--measure", database)
        if output.returncode:
            return output.returncode
        result = json.loads(output.stdout.strip().splitlines()[-1])
        rows.extend(result["rows"])
        notes.append(result["deep"])
        described = result["machine"]
        if options.server:
            print(f"==> {size:,} profiles under gunicorn", file=sys.stderr, flush=True)
            server_rows.extend(
                server.serve_and_load(
                    size,
                    database.environment(),
                    result["paths"],
                    options.duration,
                    options.connections,
                )
            )
    print(f"\n{described}; build {BUILD_VERSION}; median of {RUNS} rounds\n")
    table(
        rows,
        [("queries", "queries", "d"), ("median ms", "ms", ".1f")],
        "bare Wagtail page",
    )
    print(f"\nDeep page: {'; '.join(notes)}.")
    if server_rows:
        for row in server_rows:
            row["ms"] = row["p50"]
        print(
            f"\nUnder gunicorn ({server.WORKERS} workers), wrk with "
            f"{options.connections} connections for {options.duration} s per URL\n"
        )
        table(
            server_rows,
            [
                ("requests/s", "rps", ".0f"),
                ("p50 ms", "p50", ".1f"),
                ("p99 ms", "p99", ".1f"),
            ],
            "plain Django view",
        )
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] in ("--build", "--measure"):
        child(sys.argv[1], int(sys.argv[2]))
    else:
        sys.exit(main(sys.argv[1:]))
