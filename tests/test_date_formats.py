"""Dates one way per language (issue 19): every date a visitor sees, on profiles,
cards, the timeline of updates, calls to action, related news and the example
site's news, is the ``DATE_FORMAT`` of the page's language (the plain ``|date``
filter), and the example site sets that format once per language."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.template import engines
from django.test import override_settings
from django.utils import formats, translation

from tests import factories
from tests.api_world import clear_caches
from wagtail_defenders.models import DefenderPage

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_FOLDERS = [
    ROOT / "src" / "wagtail_defenders" / "templates",
    ROOT / "example_project",
]
DAY = datetime.date(2024, 9, 12)


def shown_dates(html: str) -> list[str]:
    """The text of every ``<time>`` element."""
    return [
        re.sub(r"\s+", " ", text).strip()
        for text in re.findall(r"<time[^>]*>(.*?)</time>", html, re.S)
    ]


def test_templates_show_dates_only_in_the_language_format():
    """A fixed format in a template (``|date:"j F Y"``) would give one language's
    format to all; only the machine-readable ``datetime`` attribute has one."""
    fixed = []
    for folder in TEMPLATE_FOLDERS:
        for template in folder.rglob("*.html"):
            if "wagtailadmin" in template.parts or "/admin/" in str(template):
                continue
            for match in re.finditer(r"\|date:([^}|%]+)", template.read_text()):
                if match.group(1).strip() not in ("'Y-m-d'", '"Y-m-d"', "'c'", '"c"'):
                    fixed.append(f"{template.relative_to(ROOT)}: {match.group(0)}")
    assert fixed == []


@pytest.mark.django_db
def test_a_profile_and_its_card_show_every_date_in_the_same_format(
    client, index, terms
):
    clear_caches()
    news = factories.news(index.get_parent(), "Alassane spreekt")
    news.first_published_at = datetime.datetime(
        2024, 9, 12, 9, tzinfo=datetime.timezone.utc
    )
    news.save()
    profile = factories.alassane(
        index,
        terms,
        related_news=[news],
        body=[
            (
                "action",
                {
                    "heading": "Teken de petitie",
                    "text": "<p>Vraag om vrijlating.</p>",
                    "addressee": "De minister",
                    "deadline": datetime.date(2999, 9, 12),
                    "link": "https://example.org/petitie",
                    "email": "",
                    "link_text": "",
                },
            )
        ],
        updates=[
            {
                "date": DAY,
                "heading": "Vrijgelaten",
                "status": None,
                "is_public": True,
                "text": "<p>Vrij.</p>",
            }
        ],
    )
    page = client.get(profile.url).content.decode()
    card = client.get(index.url + "?order=last_updated").content.decode()
    with translation.override("nl"):
        expected = formats.date_format(DAY)
    assert expected == "12 september 2024"
    assert sorted(shown_dates(page)) == [expected, expected, "12 september 2999"]
    assert expected in shown_dates(card)
    assert DefenderPage.objects.count() == 1


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("nl", "12 september 2024"),
        ("en", "12 September 2024"),
        ("fr", "12 septembre 2024"),
        ("es", "12 de septiembre de 2024"),
        ("ar", "12 سبتمبر، 2024"),
    ],
)
def test_the_example_site_has_one_date_format_per_language(
    monkeypatch, language, shown
):
    """Django's format for each language, English day first (example_site/formats)."""
    monkeypatch.syspath_prepend(str(ROOT / "example_project"))
    template = engines["django"].from_string("{{ day|date }}")
    formats.reset_format_cache()
    try:
        with (
            override_settings(FORMAT_MODULE_PATH=["example_site.formats"]),
            translation.override(language),
        ):
            assert template.render({"day": DAY}) == shown
    finally:
        formats.reset_format_cache()
