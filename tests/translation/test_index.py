"""The index page in each locale, and the aliases of locale synchronisation."""

from __future__ import annotations

import pytest
from wagtail_localize.synctree import synchronize_tree

from tests import factories
from tests.translation.workflow import (
    publish_changes,
    submit,
    term,
    theme_names,
    translate,
    translated,
)
from wagtail_defenders.models import (
    DefenderIndexPage,
    DefenderPage,
)

# -- the index page per locale -------------------------------------------------------


def listed(client, index_page: DefenderIndexPage, query: str = "") -> list[str]:
    response = client.get(f"{index_page.url}{query}")
    assert response.status_code == 200
    return sorted(profile.title for profile in response.context["profiles"].object_list)


def test_each_index_lists_its_own_locale(client, translated_profiles, en):
    dutch, english = translated_profiles["nl"], translated_profiles["en"]
    assert english.url.startswith("/en/")
    nl_page = client.get(dutch.url).context["profiles"].object_list
    en_page = client.get(english.url).context["profiles"].object_list
    assert {p.locale.language_code for p in nl_page} == {"nl"}
    assert sorted(p.title for p in nl_page) == ["Alassane", "Fatima"]
    assert [(p.title, p.locale.language_code) for p in en_page] == [("Alassane", "en")]


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("nl", "?theme=lhbti", ["Alassane"]),
        ("en", "?theme=lgbti", ["Alassane"]),
        ("nl", "?theme=persvrijheid", ["Alassane", "Fatima"]),
        ("en", "?theme=press-freedom", ["Alassane"]),
        ("nl", "?city=den-haag", ["Alassane"]),
        ("en", "?city=the-hague", ["Alassane"]),
        ("nl", "?country=mali", ["Alassane"]),
        ("en", "?country=ml", ["Alassane"]),
        ("en", "?theme=lgbti&city=the-hague&country=mali", ["Alassane"]),
        # A value from the other language matches nothing, and is not an error.
        ("nl", "?theme=lgbti", []),
        ("en", "?theme=lhbti", []),
        ("en", "?city=den-haag", []),
        ("nl", "?theme=press-freedom,lgbti", []),
    ],
)
def test_index_filters_take_the_locale_slugs(
    client, translated_profiles, language, query, expected
):
    assert listed(client, translated_profiles[language], query) == expected


def test_filter_options_are_in_the_index_language(client, translated_profiles):
    response = client.get(translated_profiles["en"].url)
    options = response.context["filter_options"]
    assert {(t.name, t.slug) for t in options.themes} == {
        ("LGBTI", "lgbti"),
        ("Press freedom", "press-freedom"),
    }
    assert [c.name for c in options.cities] == ["The Hague"]
    html = response.content.decode()
    assert 'value="lgbti"' in html
    assert 'value="lhbti"' not in html


# -- locale synchronisation (aliases) ------------------------------------------------


def test_synchronised_tree_aliases_list_filter_and_follow_the_source(
    client, index, alassane, terms, en
):
    """A synchronised English tree mirrors the Dutch one, and filters in English."""
    for dutch_term in (terms["lhbti"], terms["pers"], terms["mali"], terms["den-haag"]):
        submit(dutch_term, en)
        translate(dutch_term, en)
    nl = alassane.locale
    synchronize_tree(nl, en)
    english_index = DefenderIndexPage.objects.get(
        translation_key=index.translation_key, locale=en
    )
    alias = translated(alassane, en)
    assert alias.alias_of_id == alassane.pk

    assert listed(client, english_index) == ["Alassane"]
    assert listed(client, english_index, "?theme=lgbti&city=the-hague") == ["Alassane"]
    assert listed(client, english_index, "?theme=lhbti") == []
    options = client.get(english_index.url).context["filter_options"]
    assert {t.name for t in options.themes} == {"LGBTI", "Press freedom"}

    # A new profile in the source tree gets an alias with the next sync.
    fatima = factories.profile(
        index,
        "Fatima",
        slug="fatima",
        country=terms["nl"],
        city=terms["utrecht"],
        themes=[terms["pers"]],
    )
    synchronize_tree(nl, en)
    assert listed(client, english_index, "?theme=press-freedom") == [
        "Alassane",
        "Fatima",
    ]

    # Publishing the source updates its alias: the theme that was removed is gone.
    source = DefenderPage.objects.get(pk=alassane.pk)
    publish_changes(source, themes=[terms["pers"]], city=terms["utrecht"])
    alias = translated(alassane, en)
    assert [link.theme_id for link in alias.defender_themes.all()] == [terms["pers"].pk]
    assert listed(client, english_index, "?theme=lgbti") == []
    assert listed(client, english_index, "?theme=press-freedom") == [
        "Alassane",
        "Fatima",
    ]
    assert fatima.get_translation(en).alias_of_id == fatima.pk

    # Translating an alias turns it into a real translation with English terms.
    submit(alassane, en)
    translate(alassane, en)
    page = translated(alassane, en)
    assert page.alias_of_id is None
    assert theme_names(page) == [("Press freedom", "en")]
    assert term(page.country) == ("Mali", "en")
    assert term(page.city) == ("Utrecht", "en")
