"""The admin's profile listings (wagtail_defenders.profile_admin): the children of
an index page in the explorer (Wagtail 8) and the flat listing of every profile,
with their columns, filters and sorting, tested through the admin views."""

from __future__ import annotations

import datetime
import re
from traceback import extract_stack

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page

from tests import factories
from tests.api_world import translate_term
from wagtail_defenders.models import ConsentRecord, DefenderPage
from wagtail_defenders.profile_admin import explorer_has_profile_columns

pytestmark = pytest.mark.django_db

wagtail_8_only = pytest.mark.skipif(
    not explorer_has_profile_columns(),
    reason="Wagtail 7's explorer has no per-page-type listing",
)


@pytest.fixture
def profiles(index, terms):
    """Three Dutch profiles with different countries, cities, years, states and
    consent reviews."""
    alassane = factories.profile(
        index,
        "Alassane",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
        year=2019,
    )
    DefenderPage.objects.filter(pk=alassane.pk).update(
        consent_review_by=datetime.date(2025, 6, 1)
    )
    ConsentRecord.objects.create(
        page=alassane, use="story", given_on="2019-01-01", review_on="2025-03-01"
    )
    bea = factories.profile(
        index,
        "Bea",
        country=terms["nl"],
        city=terms["utrecht"],
        themes=[terms["pers"]],
        year=2024,
    )
    DefenderPage.objects.filter(pk=bea.pk).update(
        consent_review_by=datetime.date(2026, 1, 1)
    )
    chidi = factories.profile(
        index,
        "Chidi",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["pers"]],
        year=2024,
        live=False,
    )
    return {"alassane": alassane, "bea": bea, "chidi": chidi}


def titles(response) -> list[str]:
    """The profile titles in the listing's rows, in order."""
    return re.findall(
        r'<span id="page_\d+_title">\s*(.+?)\s*</span>', response.content.decode()
    )


def flat(client, **params):
    return client.get(reverse("defender_profiles:index_results"), params)


def explore(client, index, **params):
    return client.get(reverse("wagtailadmin_explore", args=[index.pk]), params)


def test_flat_listing_shows_the_columns(client, editor, profiles):
    response = client.get(reverse("defender_profiles:index"))
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Country", "Host city", "Year", "Language", "Consent review"):
        assert heading in html
    for cell in ("Mali", "Nederland", "Den Haag", "Utrecht", "2019", "2024"):
        assert cell in html
    # The next review is the earlier of the profile's day and its records'.
    assert "March 1, 2025" in html or "Mar. 1, 2025" in html or "2025-03-01" in html
    assert sorted(titles(response)) == ["Alassane", "Bea", "Chidi"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Alassane", "Bea", "Chidi"]),
        ({"year": "2019"}, ["Alassane"]),
        ({"year": ["2019", "2024"]}, ["Alassane", "Bea", "Chidi"]),
        ({"live_state": "live"}, ["Alassane", "Bea"]),
        ({"live_state": "draft"}, ["Chidi"]),
        ({"next_consent_review_to": "2025-12-31"}, ["Alassane"]),
        ({"next_consent_review_from": "2025-12-31"}, ["Bea"]),
    ],
)
def test_flat_listing_filters(client, editor, profiles, params, expected):
    response = flat(client, ordering="title", **params)
    assert response.status_code == 200
    assert titles(response) == expected


def test_filters_by_country_and_city(client, editor, profiles, terms):
    response = flat(client, ordering="title", country=terms["mali"].pk)
    assert titles(response) == ["Alassane", "Chidi"]
    response = flat(
        client, ordering="title", country=terms["mali"].pk, city=terms["utrecht"].pk
    )
    assert titles(response) == ["Chidi"]
    response = flat(client, ordering="title", city=[terms["utrecht"].pk])
    assert titles(response) == ["Bea", "Chidi"]


def test_a_country_finds_the_profiles_of_its_translations(
    client, editor, home, profiles, terms
):
    """A country term finds the profiles whose country is a translation of it
    (matched by translation_key). The flat listing offers the terms of the
    editor's language (English here): English Mali finds the Dutch profiles."""
    en_home = home.copy_for_translation(factories.locale("en"))
    en_index = factories.index_page(en_home, "Defenders", "defenders-en")
    Page.objects.filter(pk=en_index.pk).update(locale=factories.locale("en"))
    en_index.refresh_from_db()
    mali_en = translate_term(terms["mali"], "Mali", "mali")
    hague = translate_term(terms["den-haag"], "The Hague", "the-hague")
    lhbti = translate_term(terms["lhbti"], "LGBTI", "lgbti")
    factories.profile(
        en_index, "Dembo", country=mali_en, city=hague, themes=[lhbti], year=2020
    )
    response = flat(client, ordering="title", country=mali_en.pk)
    assert titles(response) == ["Alassane", "Chidi", "Dembo"]
    response = flat(client, ordering="title", locale="en")
    assert titles(response) == ["Dembo"]
    response = flat(client, ordering="title", index=en_index.pk)
    assert titles(response) == ["Dembo"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("year", ["Alassane", "Bea", "Chidi"]),
        ("-year", ["Bea", "Chidi", "Alassane"]),
        ("country__name", ["Alassane", "Chidi", "Bea"]),
        ("-city__name", ["Bea", "Chidi", "Alassane"]),
        ("next_consent_review", ["Alassane", "Bea", "Chidi"]),
        ("-next_consent_review", ["Bea", "Alassane", "Chidi"]),
        ("live", ["Chidi", "Alassane", "Bea"]),
    ],
)
def test_flat_listing_sorts(client, editor, profiles, ordering, expected):
    response = flat(client, ordering=ordering)
    got = titles(response)
    if ordering in ("year", "-year", "country__name", "-city__name", "live"):
        # Ties keep the database's order: compare the groups.
        key = {
            "year": lambda t: {"Alassane": 2019}.get(t, 2024),
            "-year": lambda t: -{"Alassane": 2019}.get(t, 2024),
            "country__name": lambda t: "Nederland" if t == "Bea" else "Mali",
            "-city__name": lambda t: "a" if t != "Alassane" else "b",
            "live": lambda t: t != "Chidi",
        }[ordering]
        assert [key(t) for t in got] == [key(t) for t in expected]
    else:
        assert got == expected


def test_search_with_filters_and_a_sort_the_backend_cannot_do(
    client, editor, profiles, terms
):
    response = flat(client, q="Alassane", country=terms["mali"].pk)
    assert response.status_code == 200
    assert titles(response) == ["Alassane"]
    # Sorting by a relation while searching falls back to the default order.
    response = flat(client, q="Chidi", ordering="country__name")
    assert response.status_code == 200
    assert titles(response) == ["Chidi"]


def listing_queries(client, url) -> int:
    """The queries of a listing, but those of wagtail-localize's per-row
    "Translate this page" and "Sync" buttons (two a row, not the package's)."""
    counted = []

    def count(execute, sql, params, many, context):
        if not any("wagtail_localize" in frame.filename for frame in extract_stack()):
            counted.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200
    return len(counted)


@pytest.mark.parametrize("view", ["flat", "explorer"])
def test_listing_queries_flat_in_n(client, editor, index, terms, view):
    if view == "explorer" and not explorer_has_profile_columns():
        pytest.skip("Wagtail 7's explorer keeps its stock listing")
    url = (
        reverse("defender_profiles:index")
        if view == "flat"
        else reverse("wagtailadmin_explore", args=[index.pk])
    )

    def add(n):
        for number in range(n):
            page = factories.profile(
                index,
                f"Profile {number}",
                country=terms["mali"],
                city=terms["utrecht"],
                themes=[terms["lhbti"]],
                year=2000 + number,
            )
            ConsentRecord.objects.create(
                page=page, use="story", given_on="2019-01-01", review_on="2030-01-01"
            )

    add(2)
    listing_queries(client, url)  # warm Wagtail's own caches
    few = listing_queries(client, url)
    add(8)
    many = listing_queries(client, url)
    assert many == few


@wagtail_8_only
def test_explorer_of_an_index_shows_columns_and_filters(
    client, editor, index, profiles, terms
):
    response = explore(client, index)
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Country", "Host city", "Year", "Consent review"):
        assert heading in html
    assert "Mali" in html and "Utrecht" in html
    response = explore(client, index, ordering="title", year="2024")
    assert titles(response) == ["Bea", "Chidi"]
    response = explore(client, index, ordering="title", country=terms["nl"].pk)
    assert titles(response) == ["Bea"]
    response = explore(client, index, ordering="-next_consent_review")
    assert titles(response) == ["Bea", "Alassane", "Chidi"]


@wagtail_8_only
def test_other_pages_keep_the_stock_explorer(client, editor, home, index, profiles):
    response = explore(client, home)
    assert response.status_code == 200
    assert "ordering=next_consent_review" not in response.content.decode()


@pytest.mark.skipif(
    explorer_has_profile_columns(), reason="Wagtail 8 shows the columns in place"
)
def test_wagtail_7_index_header_links_to_the_filtered_listing(
    client, editor, index, profiles
):
    response = explore(client, index)
    assert f"{reverse('defender_profiles:index')}?index={index.pk}" in (
        response.content.decode()
    )


def test_the_listing_needs_a_page_permission(client, profiles):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("nobody", "n@example.org", "pw")
    client.force_login(user)
    response = client.get(reverse("defender_profiles:index"))
    assert response.status_code in (302, 403)


def test_shows_filters_and_sorts_by_the_defender_status(client, editor, profiles):
    """The defender's status (issue 16), as "Situation" beside Wagtail's live status."""
    from wagtail_defenders.models import Status

    detained = Status.objects.create(
        name="Testsituatie", code="test-situation", locale=factories.locale("nl")
    )
    DefenderPage.objects.filter(pk=profiles["bea"].pk).update(status=detained)
    response = flat(client, ordering="title")
    html = response.content.decode()
    assert "Situation" in html and "Testsituatie" in html
    assert titles(flat(client, ordering="title", status=detained.pk)) == ["Bea"]
    assert (
        titles(flat(client, ordering="-status__name"))[0] == "Bea"
        or titles(flat(client, ordering="status__name"))[0] == "Bea"
    )


@pytest.mark.parametrize("ordering", ["year", "-year"])
def test_a_profile_without_a_year_sorts_last_either_way(
    client, editor, index, terms, profiles, ordering
):
    with override_settings(WAGTAIL_DEFENDERS={"REQUIRE_HOST_CITY": False}):
        factories.profile(
            index,
            "Zonder jaar",
            country=terms["mali"],
            city=terms["utrecht"],
            themes=[],
            year=None,
        )
    got = titles(flat(client, ordering=ordering))
    assert got[-1] == "Zonder jaar", got
    assert len(got) == 4
