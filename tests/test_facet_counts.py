"""Facet counts on the index page's filters (:mod:`wagtail_defenders.models.filter_options`).

Each option counts the profiles it would give with the search and the other
active filters, only among the profiles a visitor may see: generated sites with
drafts, private and taken-down profiles and profiles of another index, searched
or not, must give the counts computed here in plain Python from the visible
profiles alone.
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
#: Words in the profiles' names, and the searches of the generated states: one
#: word, both (a search means every word), a word no profile has.
NAMES = ("Amani", "Baraka")
SEARCHES = ("", "Amani", "Baraka", "Amani Baraka", "Zawadi")
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


def test_a_search_narrows_every_count(client, index, terms):
    mali, nl = terms["mali"], terms["nl"]
    city = terms["den-haag"]
    lhbti, pers = terms["lhbti"], terms["pers"]
    factories.profile(index, "Alassane", country=mali, city=city, themes=[lhbti])
    factories.profile(index, "Alassane Diallo", country=nl, city=city, themes=[pers])
    factories.profile(index, "Bintou", country=nl, city=city, themes=[pers])

    assert counts(options_of(client, index, "q=Alassane")) == {
        "theme": {"lhbti": 1, "persvrijheid": 1},
        "country": {"mali": 1, "nederland": 1},
        "year": {"2024": 2},
    }
    # The search and the other filters together; an option the search leaves
    # nobody for is offered with 0.
    assert counts(options_of(client, index, "q=Bintou&country=nederland")) == {
        "theme": {"lhbti": 0, "persvrijheid": 1},
        "country": {"mali": 0, "nederland": 1},
        "year": {"2024": 1},
    }
    html = client.get(f"{index.url}?q=Bintou").content.decode()
    assert (
        '<label class="defenders-filters__option--empty"><input type="checkbox"'
        ' name="theme" value="lhbti"> LHBTI (0)</label>'
    ) in html
    assert 'value="persvrijheid"> Persvrijheid (1)</label>' in html


def test_a_search_is_cached_by_its_words(client, index, terms, settings):
    """Filter options are cached per search: another search is counted anew,
    the same words (other punctuation, other spaces) share the entry."""
    settings.WAGTAIL_DEFENDERS = {"CACHE_TIMEOUT": 300}
    city = terms["den-haag"]
    factories.profile(
        index, "Amani", country=terms["mali"], city=city, themes=[terms["lhbti"]]
    )
    factories.profile(
        index, "Baraka", country=terms["nl"], city=city, themes=[terms["pers"]]
    )
    amani = counts(options_of(client, index, "q=Amani"))
    baraka = counts(options_of(client, index, "q=Baraka"))
    assert amani["theme"] == {"lhbti": 1, "persvrijheid": 0}
    assert baraka["theme"] == {"lhbti": 0, "persvrijheid": 1}
    assert counts(options_of(client, index, "q=Amani!")) == amani
    assert counts(options_of(client, index, "q=%20Amani%20%20")) == amani


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
    country, themes, year, names = facets
    profile = factories.profile(
        other_index if state == "elsewhere" else index,
        " ".join(("Profiel", str(number), *names)),
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
    written independently of the package's SQL and search: a search matches
    the profiles whose name has every one of its words."""
    themes, countries, years, search = spec

    def matches(facets, leave_out: str) -> bool:
        country, profile_themes, year, names = facets
        return (
            set(search.split()) <= set(names)
            and (
                leave_out == "theme"
                or not themes
                or bool(set(themes) & set(profile_themes))
            )
            and (leave_out == "country" or not countries or country in countries)
            and (leave_out == "year" or not years or year in years)
        )

    result: dict[str, dict[str, int]] = {"theme": {}, "country": {}, "year": {}}
    for facets in profiles:
        country, profile_themes, year, _ = facets
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
    st.lists(st.sampled_from(NAMES), max_size=2, unique=True),
)


@settings(
    max_examples=16,
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
        st.sampled_from(SEARCHES),
    ),
)
def test_a_hidden_profile_changes_no_count(client, home, index, terms, profiles, spec):
    """Also under a search: a hidden profile the search matches counts nowhere."""
    themes, countries, years, search = spec
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
        | ({"q": search} if search else {})
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


def test_a_search_is_one_parameter_of_the_counts_query(index, terms):
    """The search's matches travel as one value (an array, a JSON list), so
    40,000 of them in each of the query's branches stay far below SQLite's
    limit of 32,766 variables per query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wagtail_defenders.filters import FilterSpec

    profile = factories.profile(
        index, "Amani", country=terms["mali"], city=terms["den-haag"], themes=[]
    )
    many = [profile.pk, *range(10**6, 10**6 + 40_000)]
    spec = FilterSpec(query="Amani", countries=("mali",))
    with CaptureQueriesContext(connection) as queries:
        options = index.get_profiles().filter_options(
            index.locale_id, spec=spec, search_hits=many
        )
    assert len(queries) == 1
    assert [(option.slug, option.count) for option in options.countries] == [
        ("mali", 1)
    ]
