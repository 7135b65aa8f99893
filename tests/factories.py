"""Small helpers that build test content: locales, a site tree, terms and profiles."""

from __future__ import annotations

import datetime
import io
import itertools

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from tests.testapp.models import HomePage, NewsPage
from wagtail_defenders.models import (
    City,
    Country,
    DefenderIndexPage,
    DefenderPage,
    DefenderPageTheme,
    DefenderRelatedNews,
    DefenderUpdate,
    Status,
    Theme,
)

_counter = itertools.count(1)


def locale(code: str = "nl") -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


def site_with_home(language_code: str = "nl") -> HomePage:
    """Replace Wagtail's welcome page with a HomePage as the default site's root."""
    root = Page.get_first_root_node()
    home = HomePage(
        title="Home", slug=f"home-{next(_counter)}", locale=locale(language_code)
    )
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home


def add_child(parent: Page, instance: Page) -> Page:
    """``parent.add_child(instance=...)`` with the parent's tree fields read afresh.

    A parent held since before another child was added (by an alias, a copy or a
    translation made elsewhere) has a stale ``numchild``; the treebeard of Wagtail
    7.0 then gives the new page its first child's path.
    """
    parent.refresh_from_db(fields=["path", "depth", "numchild"])
    return parent.add_child(instance=instance)


def index_page(
    parent: Page, title: str = "Defenders", slug: str = "defenders"
) -> DefenderIndexPage:
    index = DefenderIndexPage(title=title, slug=slug)
    add_child(parent, index)
    return index


def theme(
    name: str, slug: str | None = None, language_code: str = "nl", **kwargs
) -> Theme:
    return Theme.objects.create(
        name=name, slug=slug or "", locale=locale(language_code), **kwargs
    )


def country(
    name: str, code: str, slug: str | None = None, language_code: str = "nl"
) -> Country:
    return Country.objects.create(
        name=name, code=code, slug=slug or "", locale=locale(language_code)
    )


def city(
    name: str, in_country: Country, slug: str | None = None, language_code: str = "nl"
) -> City:
    return City.objects.create(
        name=name, country=in_country, slug=slug or "", locale=locale(language_code)
    )


def status(code: str, name: str | None = None, language_code: str = "nl") -> Status:
    """The status ``code`` of a language: the seeded one (migration 0005) when it
    is there, else a new one named ``name`` (a transactional test's flush
    removes the seeded rows)."""
    found = Status.objects.filter(code=code, locale__language_code=language_code)
    return found.first() or Status.objects.create(
        code=code, name=name or code, locale=locale(language_code)
    )


def image(title: str = "portrait", size: tuple[int, int] = (60, 40)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 80, 40)).save(buffer, format="JPEG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title}.jpg")
    )


def profile(
    index: DefenderIndexPage,
    title: str,
    *,
    country: Country,
    city: City,
    themes: list[Theme],
    year: int = 2024,
    introduction: str = "A human rights defender.",
    body: list | None = None,
    portrait=None,
    related_news: list[Page] | None = None,
    live: bool = True,
    slug: str | None = None,
    status: Status | None = None,
    updates: list[dict] | None = None,
) -> DefenderPage:
    page = DefenderPage(
        title=title,
        slug=slug or f"{title.lower().replace(' ', '-')}-{next(_counter)}",
        introduction=introduction,
        country=country,
        city=city,
        year=year,
        status=status,
        portrait=portrait,
        body=body or [],
        live=live,
    )
    page.defender_themes = [
        DefenderPageTheme(theme=t, sort_order=i) for i, t in enumerate(themes)
    ]
    page.related_news = [
        DefenderRelatedNews(news_page=n, sort_order=i)
        for i, n in enumerate(related_news or [])
    ]
    page.updates = [
        DefenderUpdate(sort_order=i, **update) for i, update in enumerate(updates or [])
    ]
    add_child(index, page)
    if live:
        page.save_revision().publish()
    else:
        page.save_revision()
    return page


def alassane(index: DefenderIndexPage, terms: dict, **changes) -> DefenderPage:
    """The profile many tests start from: Alassane (``alassane/``), from Mali,
    hosted in Den Haag, on LHBTI rights (``terms``, the fixture); ``changes``
    are passed on to :func:`profile` (a portrait, a body, other themes)."""
    fields = {
        "slug": "alassane",
        "country": terms["mali"],
        "city": terms["den-haag"],
        "themes": [terms["lhbti"]],
        **changes,
    }
    return profile(index, "Alassane", **fields)


def numbered_profiles(
    index: DefenderIndexPage,
    terms: dict,
    count: int,
    start: int = 0,
    *,
    body=None,
) -> None:
    """``count`` profiles "Budget <start>" onwards for a query budget: Mali and
    the Netherlands in turn, two themes, a small portrait each, and the body
    ``body(number)`` gives (none without it)."""
    for number in range(start, start + count):
        profile(
            index,
            f"Budget {number}",
            country=terms["mali"] if number % 2 else terms["nl"],
            city=terms["den-haag"],
            themes=[terms["lhbti"], terms["pers"]],
            portrait=image(f"b{number}", size=(8, 8)),
            body=body(number) if body else None,
        )


def news(parent: Page, title: str, live: bool = True) -> NewsPage:
    page = NewsPage(
        title=title,
        slug=f"news-{next(_counter)}",
        date=datetime.date(2024, 5, 1),
        live=live,
    )
    add_child(parent, page)
    if live:
        page.save_revision().publish()
    return page
