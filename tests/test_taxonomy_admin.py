"""The taxonomy snippets' listings and choosers (issue 19): each term's language
shown and filtered by, the country's ISO code, and alphabetical order in the
editor's language, through the admin views with the test client."""

from __future__ import annotations

import re
import sys
import types
import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from wagtail.models import Locale

from tests import factories
from wagtail_defenders import collation
from wagtail_defenders.collation import sort_key
from wagtail_defenders.models import City, Country, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_languages(db):
    """Dutch and English terms of each taxonomy (the test site's two languages)."""
    factories.locale("nl")
    english = factories.locale("en")
    mali = factories.country("Mali", "ML")
    mali_fr = mali.copy_for_translation(english)
    mali_fr.name, mali_fr.slug = "Mali (en)", "mali-en"
    mali_fr.save()
    theme = factories.theme("Persvrijheid")
    theme_fr = theme.copy_for_translation(english)
    theme_fr.name, theme_fr.slug = "Press freedom", "press-freedom"
    theme_fr.save()
    city = factories.city("Bamako", mali)
    city_fr = city.copy_for_translation(english)
    city_fr.name, city_fr.slug, city_fr.country = "Bamako (en)", "bamako-en", mali_fr
    city_fr.save()
    return {
        Theme: ("Persvrijheid", "Press freedom"),
        Country: ("Mali", "Mali (en)"),
        City: ("Bamako", "Bamako (en)"),
    }


def listing(client, model, **params) -> str:
    response = client.get(reverse(model.snippet_viewset.get_url_name("list")), params)
    assert response.status_code == 200
    return response.content.decode()


def rows(html: str) -> list[str]:
    """The listing's rows, as text without tags."""
    table = html[html.index('<table class="listing') :]
    body = table[table.index("<tbody") : table.index("</tbody>")]
    return [
        " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for row in re.findall(r"<tr[ >].*?</tr>", body, flags=re.S)
    ]


@pytest.mark.parametrize("model", [Theme, Country, City])
def test_listing_shows_each_term_language(editor, client, two_languages, model):
    dutch, english = two_languages[model]
    html = listing(client, model)
    shown = rows(html)
    dutch_label = Locale.objects.get(language_code="nl").get_display_name()
    english_label = Locale.objects.get(language_code="en").get_display_name()
    assert any(dutch in row and dutch_label in row for row in shown), shown
    assert any(english in row and english_label in row for row in shown), shown


@pytest.mark.parametrize("model", [Theme, Country, City])
def test_listing_filters_by_language(editor, client, two_languages, model):
    dutch, english = two_languages[model]
    html = listing(client, model, locale="en")
    names = rows(html)
    assert any(english in row for row in names)
    assert dutch not in [row.split(" Edit ")[0] for row in names], names
    assert 'name="locale"' in html  # the filter is offered


def test_country_listing_shows_the_iso_code(editor, client):
    factories.country("Oeganda", "UG")
    shown = rows(listing(client, Country))
    assert len(shown) == 1
    assert " UG " in f" {shown[0]} "
    assert shown[0].count("Oeganda") == 1  # not the name again in the code column


def test_country_listing_sorts_by_the_iso_code(editor, client):
    for name, code in [("Oeganda", "UG"), ("Mali", "ML"), ("Zambia", "ZM")]:
        factories.country(name, code)
    shown = rows(listing(client, Country, ordering="-code"))
    assert [row.split()[0] for row in shown] == ["Zambia", "Oeganda", "Mali"]


COUNTRIES = [
    ("Zuid-Afrika", "ZA"),
    ("Égypte", "EG"),
    ("eSwatini", "SZ"),
    ("Oeganda", "UG"),
    ("Ecuador", "EC"),
    ("Åland", "AX"),
    ("Zambia", "ZM"),
]
ALPHABETICAL = [
    "Åland",
    "Ecuador",
    "Égypte",
    "eSwatini",
    "Oeganda",
    "Zambia",
    "Zuid-Afrika",
]


def test_country_listing_is_alphabetical_not_byte_order(editor, client):
    for name, code in COUNTRIES:
        factories.country(name, code)
    names = [row.split()[0] for row in rows(listing(client, Country))]
    assert names == ALPHABETICAL
    names = [row.split()[0] for row in rows(listing(client, Country, ordering="-name"))]
    assert names == list(reversed(ALPHABETICAL))


@pytest.mark.parametrize("ordering", ["", "name", "-name", "code", "slug"])
def test_search_in_the_listing_and_chooser_works_in_any_order(editor, client, ordering):
    for name, code in COUNTRIES:
        factories.country(name, code)
    chooser = Country.snippet_viewset.chooser_viewset
    for url in (
        reverse(Country.snippet_viewset.get_url_name("list")),
        reverse(chooser.get_url_name("choose_results")),
    ):
        response = client.get(url, {"q": "Ecua", "ordering": ordering})
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Ecuador" in html
        assert "Zambia" not in html


def test_editors_sort_order_comes_first(editor, client):
    for name, code in COUNTRIES:
        factories.country(name, code)
    Country.objects.filter(code="ZM").update(sort_order=-1)
    names = [row.split()[0] for row in rows(listing(client, Country))]
    assert names == ["Zambia"] + [name for name in ALPHABETICAL if name != "Zambia"]


def test_country_chooser_is_alphabetical(editor, client):
    for name, code in COUNTRIES:
        factories.country(name, code)
    chooser = Country.snippet_viewset.chooser_viewset
    for url_name in ("choose", "choose_results"):
        response = client.get(reverse(chooser.get_url_name(url_name)))
        assert response.status_code == 200
        html = response.content.decode()
        if url_name == "choose":
            html = response.json()["html"]
        positions = [
            re.search(rf">\s*{re.escape(name)}\s*<", html).start()
            for name in ALPHABETICAL
        ]
        assert positions == sorted(positions), url_name


def test_alphabetical_order_costs_one_query_whatever_the_number(db):
    def queries_to_list() -> int:
        with CaptureQueriesContext(connection) as queries:
            list(Country.objects.in_alphabetical_order("nl"))
        return len(queries)

    for name, code in COUNTRIES[:2]:
        factories.country(name, code)
    assert queries_to_list() == 2  # the names, then the ordered terms
    for name, code in COUNTRIES[2:]:
        factories.country(name, code)
    assert queries_to_list() == 2


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.text(alphabet="abenzABENZéÉëöÖåñÑ", min_size=1, max_size=8),
        min_size=2,
        max_size=12,
    )
)
def test_alphabetical_order_puts_letters_before_case_and_accents(names):
    """Sorted by the letters first: with case and accents taken away, the names
    are in order (the database's byte order puts "Z" before "a", "é" after "z")."""
    ordered = sorted(names, key=sort_key("nl"))
    letters = [bare(name) for name in ordered]
    assert letters == sorted(letters)


def bare(name: str) -> str:
    decomposed = unicodedata.normalize("NFD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class FakeICU(types.ModuleType):
    """Stands in for PyICU: a collator per locale that records which it made."""

    def __init__(self):
        super().__init__("icu")
        self.made: list[str] = []
        icu = self

        class Locale:
            def __init__(self, name):
                self.name = name

        class Collator:
            @staticmethod
            def createInstance(locale):  # noqa: N802 - PyICU's name
                icu.made.append(locale.name)
                collator = types.SimpleNamespace()
                collator.getSortKey = lambda name: name[::-1]  # noqa: N815
                return collator

        self.Locale = Locale
        self.Collator = Collator


def test_pyicu_is_used_when_installed(monkeypatch):
    fake = FakeICU()
    monkeypatch.setitem(sys.modules, "icu", fake)
    collation._icu_sort_key.cache_clear()
    try:
        key = sort_key("pt-br")
        assert sorted(["ab", "ba"], key=key) == ["ba", "ab"]  # the fake's order
        assert fake.made == ["pt_br"]
    finally:
        collation._icu_sort_key.cache_clear()


def test_without_a_collation_library_accents_and_case_still_sort_together(
    monkeypatch,
):
    monkeypatch.setitem(sys.modules, "icu", None)
    monkeypatch.setitem(sys.modules, "pyuca", None)
    collation._icu_sort_key.cache_clear()
    collation._uca_sort_key.cache_clear()
    try:
        key = sort_key("nl")
        assert sorted(["Zambia", "Égypte", "eSwatini", "Ecuador"], key=key) == [
            "Ecuador",
            "Égypte",
            "eSwatini",
            "Zambia",
        ]
    finally:
        collation._icu_sort_key.cache_clear()
        collation._uca_sort_key.cache_clear()


@pytest.mark.parametrize("ordering", ["name", "-slug", "-sort_order"])
def test_city_search_works_in_any_order(editor, client, terms, ordering):
    response = client.get(
        reverse(City.snippet_viewset.get_url_name("list")),
        {"q": "Utre", "ordering": ordering},
    )
    assert response.status_code == 200
    assert [row.split(" Edit ")[0] for row in rows(response.content.decode())] == [
        "Utrecht"
    ]


def test_country_chooser_shows_the_iso_code(editor, client):
    factories.country("Mali", "ML")
    chooser = Country.snippet_viewset.chooser_viewset
    for url_name in ("choose", "choose_results"):
        response = client.get(reverse(chooser.get_url_name(url_name)))
        html = response.json()["html"] if url_name == "choose" else response.text
        assert re.search(r"<td[^>]*>\s*ML\s*</td>", html), url_name


def test_an_editor_creates_a_missing_country_in_the_chooser(editor, client):
    """The chooser's "Create" tab makes the country in the language the chooser
    was opened in (the edited page's), and chooses it."""
    english = factories.locale("en")
    factories.locale("nl")
    chooser = Country.snippet_viewset.chooser_viewset
    html = client.get(reverse(chooser.get_url_name("choose")), {"locale": "en"}).json()[
        "html"
    ]
    assert 'name="code"' in html and 'name="name"' in html
    create = reverse(chooser.get_url_name("create"))
    assert f"{create}?locale=en" in html
    response = client.post(
        f"{create}?locale=en", {"name": "Burkina Faso", "code": "BF", "slug": ""}
    )
    assert response.status_code == 200
    data = response.json()
    assert data["step"] == "chosen", data
    country = Country.objects.get(code="BF")
    assert country.locale == english
    assert country.slug  # made from the name, as in the snippet form
    assert str(data["result"]["id"]) == str(country.pk)
    # A code already used in that language is refused in the tab.
    response = client.post(
        f"{create}?locale=en", {"name": "Burkina", "code": "BF", "slug": ""}
    )
    assert response.json()["step"] == "reshow_creation_form"
    assert Country.objects.filter(code="BF").count() == 1
