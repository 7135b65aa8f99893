"""The in-process scenarios: each URL requested through Django's test client.

A few warm-up requests (renditions, caches), then ``runs`` timed rounds; a round
requests every scenario once, in turn, so a machine that slows down or speeds up
during the run (a shared or virtual one) affects every scenario alike and the
ratios stay fair. Two clients: one with the whole-response cache
(``ResponseCacheMiddleware``, as a site that adds its one line has it) for the
"response cache" rows, one without for the rest.

"After an edit" rounds publish one profile (a revision, as an editor does)
before requesting the index page, that profile, the v2 listing and another
profile through the response cache: the first visit after an edit, on a site
whose cache was warm. The publish itself is not timed.
"""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass, field

CARD_FIELDS = "introduction,portrait,country,city,themes"
#: The deep page asked for, or the last page at a smaller size.
DEEP_PAGE = 400
API_LIMIT = 20
WARMUP = 3


@dataclass
class Scenario:
    name: str
    url: str
    package_settings: dict = field(default_factory=dict)
    #: Through the whole-response cache.
    response_cache: bool = False


def deep_page(size: int, per_page: int) -> int:
    """``DEEP_PAGE``, or the last page of ``size`` profiles if that is sooner."""
    return max(1, min(DEEP_PAGE, math.ceil(size / per_page)))


def scenarios(size: int) -> tuple[list[Scenario], list[Scenario], str]:
    """The steady scenarios, the after-an-edit ones, and what the deep page is."""
    from tests.bench.urls import PLAIN_VIEW_PATH
    from tests.testapp.models import OtherPage
    from wagtail_defenders.conf import defenders_settings
    from wagtail_defenders.models import DefenderIndexPage, DefenderPage

    index = DefenderIndexPage.objects.get()
    first = DefenderPage.objects.order_by("path").first()
    second = edited_profile()
    bare = OtherPage.objects.get(slug="bare")
    off = {"CACHE_TIMEOUT": 0}
    listing = f"/api/v2/defenders/?limit={API_LIMIT}&fields={CARD_FIELDS}"
    page = deep_page(size, int(defenders_settings.PER_PAGE))
    offset = max(
        0, min((page - 1) * int(defenders_settings.PER_PAGE), size - API_LIMIT)
    )
    steady = [
        Scenario("plain Django view", PLAIN_VIEW_PATH),
        Scenario("bare Wagtail page", bare.url),
        Scenario("index page", index.url),
        Scenario("index page, response cache", index.url, response_cache=True),
        Scenario("index page, cache off", index.url, off),
        Scenario("index, filtered", f"{index.url}?theme=thema-1&country=X1"),
        Scenario(
            "index, filtered, cache off", f"{index.url}?theme=thema-1&country=X1", off
        ),
        Scenario("index, deep page, cache off", f"{index.url}?page={page}", off),
        Scenario("profile page", first.url),
        Scenario("profile page, response cache", first.url, response_cache=True),
        Scenario("profile page, cache off", first.url, off),
        Scenario("v2 listing, 20 cards", listing),
        Scenario("v2 listing, response cache", listing, response_cache=True),
        Scenario("v2 listing, cache off", listing, off),
        Scenario(
            "v2 listing, deep offset, cache off", f"{listing}&offset={offset}", off
        ),
        Scenario("v2 detail", f"/api/v2/defenders/{first.pk}/"),
        Scenario("v2 detail, cache off", f"/api/v2/defenders/{first.pk}/", off),
        Scenario(
            "stock v2 pages listing",
            "/stock-api/v2/pages/?type=wagtail_defenders.DefenderPage"
            f"&fields={CARD_FIELDS}&limit={API_LIMIT}",
        ),
    ]
    after_edit = [
        Scenario("after an edit: index page", index.url, response_cache=True),
        Scenario("after an edit: the profile", second.url, response_cache=True),
        Scenario("after an edit: v2 listing", listing, response_cache=True),
        Scenario("after an edit: another profile", first.url, response_cache=True),
    ]
    deep = f"?page={page} and offset={offset} at {size:,}"
    return steady, after_edit, deep


def edited_profile():
    """The profile the after-an-edit rounds publish (their "the profile")."""
    from wagtail_defenders.models import DefenderPage

    return DefenderPage.objects.order_by("path")[1]


def measure(size: int, runs: int, warmup: int = WARMUP) -> dict:
    """Queries and median milliseconds of every scenario at ``size`` profiles."""
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from tests.bench.settings import RESPONSE_CACHE

    steady, after_edit, deep = scenarios(size)
    base_settings = dict(settings.WAGTAIL_DEFENDERS)
    clients = {False: Client(), True: Client()}
    # A client loads the middleware on its first request: this one with the
    # response cache first in the list.
    middleware = [m for m in settings.MIDDLEWARE if m != RESPONSE_CACHE]
    with override_settings(MIDDLEWARE=[RESPONSE_CACHE, *middleware]):
        clients[True].get(steady[0].url)
    with override_settings(MIDDLEWARE=middleware):
        clients[False].get(steady[0].url)
    cache.clear()

    def get(scenario: Scenario):
        package_settings = {**base_settings, **scenario.package_settings}
        with override_settings(WAGTAIL_DEFENDERS=package_settings):
            return clients[scenario.response_cache].get(scenario.url)

    def timed(scenario: Scenario) -> float:
        package_settings = {**base_settings, **scenario.package_settings}
        client = clients[scenario.response_cache]
        with override_settings(WAGTAIL_DEFENDERS=package_settings):
            start = time.perf_counter()
            response = client.get(scenario.url)
            elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (scenario.url, response.status_code)  # noqa: S101
        return elapsed

    def counted(scenario: Scenario) -> int:
        with CaptureQueriesContext(connection) as queries:
            get(scenario)
        return len(queries)  # read now: the next request clears the log

    every = [*steady, *after_edit]
    for scenario in every:
        for _ in range(warmup):
            response = get(scenario)
            assert response.status_code == 200, (scenario.url, response.status_code)  # noqa: S101
    query_counts = {scenario.name: counted(scenario) for scenario in steady}
    times: dict[str, list[float]] = {scenario.name: [] for scenario in every}
    for _ in range(runs):
        for scenario in steady:
            times[scenario.name].append(timed(scenario))
    profile = edited_profile()
    profile.save_revision().publish()
    for scenario in after_edit:
        query_counts[scenario.name] = counted(scenario)
    for _ in range(runs):
        profile.save_revision().publish()
        for scenario in after_edit:
            times[scenario.name].append(timed(scenario))
    return {
        "deep": deep,
        "rows": [
            {
                "scenario": scenario.name,
                "size": size,
                "queries": query_counts[scenario.name],
                "ms": statistics.median(times[scenario.name]),
            }
            for scenario in every
        ],
    }
