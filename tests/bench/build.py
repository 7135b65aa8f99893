"""The benchmark's content: a site, an index, terms, profiles, a bare page and a
members' page behind a login.

Every profile has several themes and related news pages, so the profile and
detail scenarios pay for them. Profiles are inserted in batches
(:func:`insert_profiles`), so that 10,000 build in minutes rather than hours;
the build checks the rows and the page tree it made (treebeard's
``find_problems``).
"""

from __future__ import annotations

import sys
import time

#: In the database's name: a database an older builder made is built afresh.
BUILD_VERSION = 5
THEMES = 8
THEMES_PER_PROFILE = 3
NEWS_PER_PROFILE = 2
#: Profiles inserted per batch (:func:`insert_profiles`).
BATCH = 500
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
    from wagtail.models import Page, PageViewRestriction

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
    # A members' area behind a login, as most organisations' sites have: the
    # visibility rule then has a restricted root to test every profile against.
    members = home.add_child(instance=OtherPage(title="Members", slug="members"))
    PageViewRestriction.objects.create(page=members, restriction_type="login")
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
    for first in range(0, size, BATCH):
        numbers = range(first, min(first + BATCH, size))
        profiles = [
            DefenderPage(
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
            for number in numbers
        ]
        insert_profiles(index, profiles)
        # bulk_create sends no pre_save: each row's language is set here, as
        # Wagtail's receiver sets it from the page on a save.
        DefenderPageTheme.objects.bulk_create(
            DefenderPageTheme(
                page=profile,
                theme=themes[(number + k) % THEMES],
                sort_order=k,
                locale_id=index.locale_id,
            )
            for number, profile in zip(numbers, profiles, strict=True)
            for k in range(THEMES_PER_PROFILE)
        )
        DefenderRelatedNews.objects.bulk_create(
            DefenderRelatedNews(
                page=profile,
                news_page=news[(number + k) % 5],
                sort_order=k,
                locale_id=index.locale_id,
            )
            for number, profile in zip(numbers, profiles, strict=True)
            for k in range(NEWS_PER_PROFILE)
        )
        if progress:
            elapsed = time.perf_counter() - start
            print(f"  {numbers[-1] + 1:,} profiles in {elapsed:.0f} s", file=sys.stderr)
    expected = {
        DefenderPage: size,
        DefenderPageTheme: size * THEMES_PER_PROFILE,
        DefenderRelatedNews: size * NEWS_PER_PROFILE,
    }
    for model, rows in expected.items():
        found = model.objects.count()
        if found != rows:
            raise RuntimeError(f"{model.__name__}: {found} rows, expected {rows}")
    index.refresh_from_db()
    if index.numchild != size or Page.find_problems() != ([], [], [], [], []):
        raise RuntimeError(f"the page tree is not whole: {Page.find_problems()}")
    analyse()


def analyse() -> None:
    """Update the planner's statistics, as a live database's autovacuum keeps
    them: plans measured on tables the planner has never analysed are not the
    plans a site runs."""
    from django.db import connection

    if connection.vendor not in ("postgresql", "sqlite"):
        return  # MySQL and MariaDB analyse table by table, as InnoDB does itself
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def insert_profiles(index, profiles: list) -> None:
    """Add ``profiles`` (unsaved) as the last children of ``index``, in bulk.

    What ``index.add_child(instance=...)`` stores for a published page without
    a revision, in three statements for the batch instead of about twenty per
    page: the tree fields computed as treebeard computes them, the page rows in
    one ``bulk_create``, each profile's own row saved ``raw`` (as ``loaddata``
    saves it: Django cannot bulk-create a model with a parent table), and the
    index's child count. Each profile's ``save()`` work is done first: its
    consent switches and status (none here) and its URL path.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from wagtail.models import Page

    from wagtail_defenders.models import DefenderPage

    content_type = ContentType.objects.get_for_model(DefenderPage)
    index.refresh_from_db()
    last = index.get_last_child()
    # treebeard's own path arithmetic (a private helper; tests only).
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    page_fields = [field.attname for field in Page._meta.concrete_fields]
    with transaction.atomic():
        for offset, profile in enumerate(profiles, start=1):
            profile.apply_consent()
            profile.path = Page._get_path(index.path, index.depth + 1, step + offset)
            profile.depth = index.depth + 1
            profile.numchild = 0
            profile.locale_id = index.locale_id
            profile.content_type = content_type
            profile.draft_title = profile.title
            profile.url_path = f"{index.url_path}{profile.slug}/"
        pages = Page.objects.bulk_create(
            Page(**{name: getattr(profile, name) for name in page_fields})
            for profile in profiles
        )
        for profile, page in zip(profiles, pages, strict=True):
            profile.page_ptr_id = profile.pk = page.pk
            profile._state.adding = False
            profile.save_base(raw=True, force_insert=True)
        Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(profiles))
