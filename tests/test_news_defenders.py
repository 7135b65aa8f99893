"""A news page lists the defenders it is related to (``defenders_related_to``),
through the visibility rule, in the news page's language."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from wagtail.models import Page, PageViewRestriction

from tests import factories
from tests.api_world import translated_page

pytestmark = pytest.mark.django_db


def related(news) -> list[str]:
    """The titles the template tag gives for ``news``."""
    return [
        title
        for title in Template(
            "{% load defenders_tags %}{% defenders_related_to news as found %}"
            "{% for p in found %}{{ p.title }}|{% endfor %}"
        )
        .render(Context({"news": news}))
        .split("|")
        if title
    ]


def profile(index, terms, title, news, **kwargs):
    return factories.profile(
        index,
        title,
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
        related_news=[news],
        **kwargs,
    )


def test_lists_the_visible_defenders_of_a_news_page(home, index, terms):
    news = factories.news(home, "Alassane spreekt")
    other = factories.news(home, "Ander nieuws")
    profile(index, terms, "Bea", news)
    profile(index, terms, "Alassane", news)
    profile(index, terms, "Chidi", news, live=False)  # a draft
    private = profile(index, terms, "Dembo", news)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    profile(index, terms, "Emeka", other)
    assert related(news) == ["Alassane", "Bea"]
    assert related(other) == ["Emeka"]


def test_in_the_news_page_language(home, index, terms):
    news = factories.news(home, "Alassane spreekt")
    alassane = profile(index, terms, "Alassane", news)
    english_home = translated_page(home, "en")
    english_index = translated_page(index, "en")
    english_news = translated_page(news, "en", title="Alassane speaks")
    english = translated_page(alassane, "en", title="Alassane (en)")
    assert english_home and english_index
    assert Page.objects.get(pk=english.pk).locale.language_code == "en"
    assert related(english_news) == ["Alassane (en)"]
    assert related(news) == ["Alassane"]
