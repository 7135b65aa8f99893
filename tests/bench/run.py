"""Benchmark the package's pages and API against bare Wagtail, at 10, 100 and 1,000 profiles.

    python3 dev.py bench                    (or: make bench)
    python3 dev.py bench --sizes 100,10000  (other sizes)

Each size runs in its own process on its own SQLite file (built once, kept in
``DEFENDERS_BENCH_DIR``, default the system's temporary directory). Each scenario is
requested through Django's test client: a few warm-up requests (renditions, caches),
then ``RUNS`` timed rounds. A round requests every scenario once, in turn, so a
machine that slows down or speeds up during the run (a shared or virtual one)
affects every scenario alike and the ratios stay fair. The table shows the
queries of one request, the median time, and the ratio of that time to a bare
Wagtail page on the same database. Timings depend on the machine; only the ratios
and query counts compare.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = (10, 100, 1000)
RUNS = int(os.environ.get("DEFENDERS_BENCH_RUNS", "30"))
WARMUP = 3
CARD_FIELDS = "introduction,portrait,country,city,themes"
PORTRAITS = 50


#: In the database file's name: a file an older builder made is built afresh.
BUILD_VERSION = 2
THEMES_PER_PROFILE = 3
NEWS_PER_PROFILE = 2


def build(size: int) -> None:
    """Make the database: migrate, then :func:`build_content`."""
    from django.core.management import call_command

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    build_content(size)


def build_content(size: int) -> None:
    """A site, an index, terms, ``size`` profiles and a bare page.

    Each profile has ``THEMES_PER_PROFILE`` themes and ``NEWS_PER_PROFILE``
    related news pages, so the profile and detail scenarios pay for them.
    """
    import datetime

    from django.utils import timezone

    from tests import factories
    from tests.testapp.models import OtherPage
    from wagtail_defenders.models import (
        DefenderPage,
        DefenderPageTheme,
        DefenderRelatedNews,
    )

    home = factories.site_with_home()
    index = factories.index_page(home)
    home.add_child(instance=OtherPage(title="Bare", slug="bare"))
    themes = [factories.theme(f"Thema {n}", slug=f"thema-{n}") for n in range(8)]
    countries = [factories.country(f"Land {n}", f"X{n}") for n in range(6)]
    cities = [factories.city(f"Stad {n}", countries[n % 6]) for n in range(10)]
    news = [factories.news(home, f"Nieuws {n}") for n in range(5)]
    # More portraits than a page of cards shows, so a listing reads as many
    # images and renditions as with one each, in a fraction of the build time.
    portraits = [factories.image(f"bench-{n}", size=(40, 40)) for n in range(PORTRAITS)]
    now = timezone.now()
    body = [
        ("section", {"kind": "about", "heading": "Over", "text": "<p>Tekst.</p>" * 20})
    ]
    for number in range(size):
        # Published without a revision: what the index and API read is the same,
        # and 1,000 profiles build in a minute instead of many.
        page = DefenderPage(
            title=f"Defender {number:04d}",
            slug=f"defender-{number:04d}",
            introduction="A human rights defender. " * 5,
            country=countries[number % 6],
            city=cities[number % 10],
            year=2010 + number % 15,
            stay_start_date=datetime.date(2010 + number % 15, 3, 1),
            portrait=portraits[number % PORTRAITS],
            body=body,
            live=True,
            first_published_at=now,
            last_published_at=now,
        )
        # Child relations set before the page is saved are saved with it. (A
        # relation manager's create() on a cluster only adds to it in memory.)
        page.defender_themes = [
            DefenderPageTheme(theme=themes[(number + k) % 8], sort_order=k)
            for k in range(THEMES_PER_PROFILE)
        ]
        page.related_news = [
            DefenderRelatedNews(news_page=news[(number + k) % 5], sort_order=k)
            for k in range(NEWS_PER_PROFILE)
        ]
        index.add_child(instance=page)
    expected = {
        DefenderPageTheme: size * THEMES_PER_PROFILE,
        DefenderRelatedNews: size * NEWS_PER_PROFILE,
    }
    for model, rows in expected.items():
        found = model.objects.count()
        if found != rows:
            raise RuntimeError(f"{model.__name__}: {found} rows, expected {rows}")


def measure(size: int) -> list[dict]:
    from django.core.cache import cache
    from django.core.signals import request_finished
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from tests.testapp.models import OtherPage
    from wagtail_defenders.models import DefenderIndexPage, DefenderPage

    index = DefenderIndexPage.objects.get()
    profile = DefenderPage.objects.order_by("path").first()
    bare = OtherPage.objects.get()
    theme = "thema-1"
    listing = f"/api/v2/defenders/?limit=20&fields={CARD_FIELDS}"
    scenarios = [
        ("bare Wagtail page", bare.url, {}),
        ("index page", index.url, {}),
        ("index page, cache off", index.url, {"CACHE_TIMEOUT": 0}),
        ("index, filtered", f"{index.url}?theme={theme}&country=X1", {}),
        ("profile page", profile.url, {}),
        ("profile page, cache off", profile.url, {"CACHE_TIMEOUT": 0}),
        ("v2 listing, 20 cards", listing, {}),
        ("v2 listing, cache off", listing, {"CACHE_TIMEOUT": 0}),
        ("v2 detail", f"/api/v2/defenders/{profile.pk}/", {}),
        (
            "v2 detail, cache off",
            f"/api/v2/defenders/{profile.pk}/",
            {"CACHE_TIMEOUT": 0},
        ),
        (
            "stock v2 pages listing",
            "/stock-api/v2/pages/?type=wagtail_defenders.DefenderPage"
            f"&fields={CARD_FIELDS}&limit=20",
            {},
        ),
    ]
    # As Django's test framework does: keep the connection (and its query log).
    request_finished.disconnect(close_old_connections)
    client = Client()
    cache.clear()

    def get(url: str, package_settings: dict):
        with override_settings(WAGTAIL_DEFENDERS=package_settings):
            return client.get(url)

    query_counts = {}
    for name, url, package_settings in scenarios:
        for _ in range(WARMUP):
            response = get(url, package_settings)
            assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            get(url, package_settings)
        query_counts[name] = len(queries)  # read now: the next request clears the log
    times: dict[str, list[float]] = {name: [] for name, _url, _settings in scenarios}
    for _ in range(RUNS):
        for name, url, package_settings in scenarios:
            with override_settings(WAGTAIL_DEFENDERS=package_settings):
                start = time.perf_counter()
                client.get(url)
                times[name].append((time.perf_counter() - start) * 1000)
    return [
        {
            "scenario": name,
            "size": size,
            "queries": query_counts[name],
            "ms": statistics.median(times[name]),
        }
        for name, _url, _settings in scenarios
    ]


def child(size: int) -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")
    fresh = not Path(os.environ["DEFENDERS_BENCH_DB"]).exists()
    django.setup()
    if fresh:
        start = time.perf_counter()
        build(size)
        print(
            f"built {size} profiles in {time.perf_counter() - start:.0f} s",
            file=sys.stderr,
        )
    print(json.dumps(measure(size)))


def machine() -> str:
    import django
    import wagtail

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPUs, {cpu}; Python {sys.version.split()[0]}, "
        f"Django {django.get_version()}, Wagtail {wagtail.__version__}, SQLite"
    )


def main(arguments: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="dev.py bench")
    parser.add_argument(
        "--sizes",
        default=",".join(str(size) for size in SIZES),
        help="numbers of profiles, comma-separated (default %(default)s; 10000 too)",
    )
    sizes = [int(size) for size in parser.parse_args(arguments).sizes.split(",")]
    directory = Path(os.environ.get("DEFENDERS_BENCH_DIR", tempfile.gettempdir()))
    directory.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    for size in sizes:
        env = {
            **os.environ,
            "DEFENDERS_BENCH_DB": str(
                directory / f"defenders-bench-{BUILD_VERSION}-{size}.sqlite3"
            ),
            "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
        }
        print(f"==> {size} profiles", file=sys.stderr, flush=True)
        output = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "tests.bench.run", "--size", str(size)],
            env=env,
            capture_output=True,
            text=True,
        )
        sys.stderr.write(output.stderr)
        if output.returncode:
            return output.returncode
        rows.extend(json.loads(output.stdout.strip().splitlines()[-1]))
    bare = {
        row["size"]: row["ms"] for row in rows if row["scenario"].startswith("bare")
    }
    print(f"\n{machine()}; median of {RUNS} rounds\n")
    print("| scenario | profiles | queries | median ms | × bare page |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name in dict.fromkeys(row["scenario"] for row in rows):
        for row in (r for r in rows if r["scenario"] == name):
            ratio = row["ms"] / bare[row["size"]]
            print(
                f"| {name} | {row['size']:,} | {row['queries']} | "
                f"{row['ms']:.1f} | {ratio:.1f} |"
            )
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--size":
        child(int(sys.argv[2]))
    else:
        sys.exit(main(sys.argv[1:]))
