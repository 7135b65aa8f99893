"""The benchmark's content: a site, an index, terms, profiles and a bare page.

Every profile has several themes and related news pages, so the profile and
detail scenarios pay for them (a relation manager's ``create()`` on an unsaved
cluster only adds to it in memory: the relations are set before the save).
"""

from __future__ import annotations

import sys
import time

#: In the database's name: a database an older builder made is built afresh.
BUILD_VERSION = 3
THEMES = 8
THEMES_PER_PROFILE = 3
NEWS_PER_PROFILE = 2
#: More portraits than a page of cards shows, so a listing reads as many images
#: and renditions as with one each, in a fraction of the build time.
PORTRAITS = 50


def build(size: int) -> None:
    """Make the database: migrate, then :func:`build_content`."""
    from django.core.management import call_command

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    build_content(size, progress=True)


def build_content(size: int, progress: bool = False) -> None:
    """A site, an index, terms, ``size`` profiles and a bare page (checked)."""
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
    themes = [factories.theme(f"Thema {n}", slug=f"thema-{n}") for n in range(THEMES)]
    countries = [factories.country(f"Land {n}", f"X{n}") for n in range(6)]
    cities = [factories.city(f"Stad {n}", countries[n % 6]) for n in range(10)]
    news = [factories.news(home, f"Nieuws {n}") for n in range(5)]
    portraits = [factories.image(f"bench-{n}", size=(40, 40)) for n in range(PORTRAITS)]
    now = timezone.now()
    body = [
        ("section", {"kind": "about", "heading": "Over", "text": "<p>Tekst.</p>" * 20})
    ]
    start = time.perf_counter()
    for number in range(size):
        # Published without a revision: what the index and API read is the same,
        # and 1,000 profiles build in a minute instead of many.
        page = DefenderPage(
            title=f"Defender {number:05d}",
            slug=f"defender-{number:05d}",
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
        page.defender_themes = [
            DefenderPageTheme(theme=themes[(number + k) % THEMES], sort_order=k)
            for k in range(THEMES_PER_PROFILE)
        ]
        page.related_news = [
            DefenderRelatedNews(news_page=news[(number + k) % 5], sort_order=k)
            for k in range(NEWS_PER_PROFILE)
        ]
        index.add_child(instance=page)
        if progress and number and not number % 1000:
            elapsed = time.perf_counter() - start
            print(f"  {number:,} profiles in {elapsed:.0f} s", file=sys.stderr)
    expected = {
        DefenderPage: size,
        DefenderPageTheme: size * THEMES_PER_PROFILE,
        DefenderRelatedNews: size * NEWS_PER_PROFILE,
    }
    for model, rows in expected.items():
        found = model.objects.count()
        if found != rows:
            raise RuntimeError(f"{model.__name__}: {found} rows, expected {rows}")
