"""Facet counts on the index page's filters (:mod:`wagtail_defenders.models.filter_options`).

Each option counts the profiles it would give with the other active filters, only
among the profiles a visitor may see: generated sites with drafts, private and
taken-down profiles and profiles of another index must give the counts computed
here in plain Python from the visible profiles alone.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction

from tests import factories
from wagtail_defenders.takedown import take_down

pytestmark = pytest.mark.django_db

THEMES = ("lhbti", "persvrijheid")
COUNTRIES = ("mali", "nederland")
YEARS = (2019, 2024)
VISIBLE = "visible"
HIDDEN_STATES = ("draft", "login", "password", "groups", "taken down", "elsewhere")


@pytest.fixture(autouse=True)
def no_cache(settings):
    settings.WAGTAIL_DEFENDERS = {"CACHE_TIMEOUT": 0}


def options_of(client, index, query: str = ""):
    response = client.get(f"{index.url}?{query}" if query else index.url)
    assert response.status_code == 200
    return response.context["filter_options"]


def counts(options) -> dict[str, dict[str, int | None]]:
    return {
        "theme": {option.slug: option.count for option in options.themes},
        "country": {option.slug: option.count for option in options.countries},
        "year": {option.slug: option.count for option in options.year_options},
    }


def test_each_option_counts_what_it_gives_with_the_other_filters(client, index, terms):
    mali, nl = terms["mali"], terms["nl"]
    city = terms["den-haag"]
    lhbti, pers = terms["lhbti"], terms["pers"]
    factories.profile(index, "A", country=mali, city=city, themes=[lhbti], year=2019)
    factories.profile(index, "B", country=mali, city=city, themes=[pers], year=2024)
    factories.profile(index, "C", country=nl, city=city, themes=[lhbti, pers])

    assert counts(options_of(client, index)) == {
        "theme": {"lhbti": 2, "persvrijheid": 2},
        "country": {"mali": 2, "nederland": 1},
        "year": {"2024": 2, "2019": 1},
    }
    # A theme's count ignores the theme filter itself (so both themes together
    # give what each says), the others apply it.
    assert counts(options_of(client, index, "theme=lhbti&year=2024")) == {
        "theme": {"lhbti": 1, "persvrijheid": 2},
        "country": {"mali": 0, "nederland": 1},
        "year": {"2024": 1, "2019": 1},
    }


def test_a_search_shows_the_options_without_counts(client, index, terms):
    factories.profile(
        index,
        "Alassane",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
    )
    options = options_of(client, index, "q=Alassane")
    assert [(option.slug, option.count) for option in options.themes] == [
        ("lhbti", None)
    ]
    html = client.get(f"{index.url}?q=Alassane").content.decode()
    assert 'value="lhbti"> LHBTI</label>' in html


def test_counts_are_localised_and_read_with_the_option(client, index, terms):
    for number in range(3):
        factories.profile(
            index,
            f"Profiel {number}",
            country=terms["mali"],
            city=terms["den-haag"],
            themes=[terms["lhbti"]],
        )
    html = client.get(index.url).content.decode()
    # The count is part of the option's own text: a screen reader hears
    # "Mali (3)", and a select shows it without JavaScript.
    assert '<option value="mali">Mali (3)</option>' in html


def make_profile(index, other_index, terms, number: int, state: str, facets) -> None:
    country, themes, year = facets
    profile = factories.profile(
        other_index if state == "elsewhere" else index,
        f"Profiel {number}",
        country=terms["mali" if country == "mali" else "nl"],
        city=terms["den-haag"],
        themes=[terms["lhbti" if slug == "lhbti" else "pers"] for slug in themes],
        year=year,
        live=state != "draft",
    )
    if state in ("login", "password", "groups"):
        restriction = PageViewRestriction.objects.create(
            page=profile, restriction_type=state, password="geheim"
        )
        if state == "groups":
            restriction.groups.set([Group.objects.get_or_create(name="Editors")[0]])
    elif state == "taken down":
        take_down(profile)


def expected_counts(profiles, spec) -> dict[str, dict[str, int]]:
    """The facet counts of ``spec`` over ``profiles`` (the visible ones),
    written independently of the package's SQL."""
    themes, countries, years = spec

    def matches(facets, leave_out: str) -> bool:
        country, profile_themes, year = facets
        return (
            (
                leave_out == "theme"
                or not themes
                or bool(set(themes) & set(profile_themes))
            )
            and (leave_out == "country" or not countries or country in countries)
            and (leave_out == "year" or not years or year in years)
        )

    result: dict[str, dict[str, int]] = {"theme": {}, "country": {}, "year": {}}
    for facets in profiles:
        country, profile_themes, year = facets
        for kind, values in (
            ("theme", profile_themes),
            ("country", [country]),
            ("year", [str(year)]),
        ):
            for value in values:
                counted = result[kind].setdefault(value, 0)
                result[kind][value] = counted + matches(facets, kind)
    return result


facets = st.tuples(
    st.sampled_from(COUNTRIES),
    st.lists(st.sampled_from(THEMES), min_size=1, max_size=2, unique=True),
    st.sampled_from(YEARS),
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    profiles=st.lists(
        st.tuples(st.sampled_from((VISIBLE, *HIDDEN_STATES)), facets), max_size=6
    ),
    spec=st.tuples(
        st.lists(st.sampled_from(THEMES), unique=True, max_size=2),
        st.lists(st.sampled_from(COUNTRIES), unique=True, max_size=1),
        st.lists(st.sampled_from(YEARS), unique=True, max_size=2),
    ),
)
def test_a_hidden_profile_changes_no_count(client, home, index, terms, profiles, spec):
    themes, countries, years = spec
    query = urlencode(
        {
            name: ",".join(str(value) for value in values)
            for name, values in (
                ("theme", themes),
                ("country", countries),
                ("year", years),
            )
            if values
        }
    )
    with transaction.atomic():
        savepoint = transaction.savepoint()
        try:
            other_index = factories.index_page(home, "Others", "others")
            for number, (state, profile_facets) in enumerate(profiles):
                make_profile(index, other_index, terms, number, state, profile_facets)
            visible = [facets for state, facets in profiles if state == VISIBLE]
            assert counts(options_of(client, index, query)) == expected_counts(
                visible, spec
            )
        finally:
            transaction.savepoint_rollback(savepoint)
