"""Translating profiles and taxonomy terms with wagtail-localize (issue 4).

The tests drive wagtail-localize's own API, the way its admin does: submitting
an object (``translate_object``, or the admin's "Translate" view) creates a
``TranslationSource`` with segments and a ``Translation`` per locale; a translator
fills ``StringTranslation`` rows for the segments; ``Translation.save_target``
publishes the translated object; "Sync translated pages" is
``TranslationSource.update_from_db`` followed by ``save_target`` for each
translation. Dutch is the source language, English is under ``/en/``.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.fields import (
    SynchronizedField,
    TranslatableField,
    get_translatable_fields,
)
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import translate_object
from wagtail_localize.synctree import synchronize_tree

from tests import factories
from wagtail_defenders.models import (
    City,
    Country,
    DefenderIndexPage,
    DefenderPage,
    DefenderPageTheme,
    Theme,
)
from wagtail_defenders.translation import LocalizedRelationField

# What a translator types for the Dutch source texts used below.
ENGLISH = {
    "LHBTI": "LGBTI",
    "lhbti": "lgbti",
    "Persvrijheid": "Press freedom",
    "persvrijheid": "press-freedom",
    "Nederland": "The Netherlands",
    "nederland": "netherlands",
    "Den Haag": "The Hague",
    "den-haag": "the-hague",
    "Bedreigingen": "Threats and harassment",
    "Hij wordt bedreigd om zijn werk.": "He is threatened because of his work.",
    "Over Alassane": "About Alassane",
    "Alassane leidt een organisatie in Bamako.": "Alassane leads an organisation in Bamako.",
    "Een verdediger van LHBTI-rechten uit Mali.": "A defender of LGBTI rights from Mali.",
    "We gaan door.": "We carry on.",
    "Nieuws over Alassane": "News about Alassane",
    "Vrijheid van meningsuiting": "Freedom of expression",
    "vrijheid-van-meningsuiting": "freedom-of-expression",
    "Utrecht": "Utrecht",
}

BODY = [
    {
        "type": "section",
        "value": {
            "kind": "about",
            "heading": "Over Alassane",
            "text": "<p>Alassane leidt een organisatie in Bamako.</p>",
        },
    },
    {
        "type": "section",
        "value": {
            "kind": "threats",
            "heading": "Bedreigingen",
            "text": "<p>Hij wordt bedreigd om zijn werk.</p>",
        },
    },
    {"type": "quote", "value": {"quote": "We gaan door.", "attribution": ""}},
]


# -- the translator's workflow, through wagtail-localize's API ---------------------


def fresh(instance):
    """The object as the admin would load it (test variables can be out of date)."""
    return type(instance).objects.get(pk=instance.pk)


def submit(instance, locale: Locale) -> None:
    """The admin's "Translate" action: also submits the terms the object uses."""
    instance = fresh(instance)
    with TestCase.captureOnCommitCallbacks(execute=True):
        translate_object(instance, [locale])


def start_translation(instance, locale: Locale) -> Translation:
    """Create a translation of ``instance`` alone, without submitting its terms."""
    source, _created = TranslationSource.get_or_create_from_instance(fresh(instance))
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale
    )
    return translation


def translate(instance, locale: Locale, strings: dict[str, str] = ENGLISH) -> None:
    """Enter the translator's strings for every segment they know, then publish.

    Segments without an entry in ``strings`` stay untranslated and fall back to
    the source text, as in the admin.
    """
    source = TranslationSource.objects.get_for_instance(instance)
    for segment in StringSegment.objects.filter(source=source).select_related(
        "string", "context"
    ):
        if segment.string.data in strings:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": strings[segment.string.data]},
            )
    with TestCase.captureOnCommitCallbacks(execute=True):
        Translation.objects.get(source=source, target_locale=locale).save_target(
            publish=True
        )


def sync(instance) -> None:
    """The admin's "Sync translated pages": refresh the source, publish every translation."""
    source = TranslationSource.objects.get_for_instance(instance)
    source.update_from_db()
    with TestCase.captureOnCommitCallbacks(execute=True):
        for translation in source.translations.filter(enabled=True):
            translation.save_target(publish=True)


def publish_changes(page: DefenderPage, **changes) -> None:
    """An editor changes the source profile and publishes it."""
    themes = changes.pop("themes", None)
    for name, value in changes.items():
        setattr(page, name, value)
    if themes is not None:
        page.defender_themes = [
            DefenderPageTheme(theme=theme, sort_order=position)
            for position, theme in enumerate(themes)
        ]
    page.save_revision().publish()


def translated(page: Page, locale: Locale) -> DefenderPage:
    return DefenderPage.objects.get(translation_key=page.translation_key, locale=locale)


def theme_names(page: DefenderPage) -> list[tuple[str, str]]:
    """(name, language) of each theme of ``page``, as stored, in the editor's order."""
    return [
        (link.theme.name, link.theme.locale.language_code)
        for link in DefenderPageTheme.objects.filter(page=page)
        .select_related("theme__locale")
        .order_by("sort_order")
    ]


def term(term: Theme | Country | City) -> tuple[str, str]:
    return (term.name, term.locale.language_code)


# -- fixtures -----------------------------------------------------------------------


@pytest.fixture
def en(db) -> Locale:
    return factories.locale("en")


@pytest.fixture
def alassane(index, terms) -> DefenderPage:
    """A Dutch profile with every relation filled, and related news."""
    home = index.get_parent()
    profile = factories.profile(
        index,
        "Alassane",
        slug="alassane",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"], terms["pers"]],
        introduction="Een verdediger van LHBTI-rechten uit Mali.",
        body=BODY,
        related_news=[
            factories.news(home, "Nieuws over Alassane"),
            factories.news(home, "Nog niet vertaald"),
        ],
    )
    # As the admin does, store the editor's order of the themes.
    publish_changes(fresh(profile), themes=[terms["lhbti"], terms["pers"]])
    return fresh(profile)


# -- what wagtail-localize extracts -------------------------------------------------


def test_translatable_fields_of_the_models():
    """Words are translated, identities are synchronised, relations follow the source."""
    fields = {f.field_name: f for f in get_translatable_fields(DefenderPage)}
    assert isinstance(fields["country"], LocalizedRelationField)
    assert isinstance(fields["city"], LocalizedRelationField)
    assert type(fields["defender_themes"]) is TranslatableField
    assert type(fields["related_news"]) is TranslatableField
    assert type(fields["body"]) is TranslatableField
    assert type(fields["introduction"]) is TranslatableField
    assert type(fields["year"]) is SynchronizedField

    for model in (Theme, Country, City):
        fields = {f.field_name: f for f in get_translatable_fields(model)}
        for name in ("name", "slug", "description"):
            assert type(fields[name]) is TranslatableField, (model, name)
        assert type(fields["sort_order"]) is SynchronizedField
    code = {f.field_name: f for f in get_translatable_fields(Country)}["code"]
    assert type(code) is SynchronizedField
    assert not code.overridable
    city_country = {f.field_name: f for f in get_translatable_fields(City)}["country"]
    assert isinstance(city_country, LocalizedRelationField)


def test_profile_segments(alassane):
    """Headings and texts are segments; the relations are references, not text."""
    source, _created = TranslationSource.get_or_create_from_instance(alassane)
    strings = {
        segment.context.path: segment.string.data
        for segment in StringSegment.objects.filter(source=source).select_related(
            "string", "context"
        )
    }
    texts = set(strings.values())
    assert {
        "Over Alassane",
        "Alassane leidt een organisatie in Bamako.",
        "Bedreigingen",
        "Hij wordt bedreigd om zijn werk.",
        "We gaan door.",
        "Een verdediger van LHBTI-rechten uit Mali.",
    } <= texts
    assert any(
        path.startswith("body.") and path.endswith(".heading") for path in strings
    )
    # The section kinds are structure, copied as they are, never sent to translators.
    assert not texts & {"about", "threats"}

    related = {
        segment.context.path: segment.object.get_instance(alassane.locale)
        for segment in RelatedObjectSegment.objects.filter(
            source=source
        ).select_related("context", "object")
    }
    assert related["country"] == alassane.country
    assert related["city"] == alassane.city
    theme_paths = [path for path in related if path.startswith("defender_themes.")]
    assert sorted(related[path].pk for path in theme_paths) == sorted(
        theme.pk for theme in alassane.themes
    )


def test_term_segments(terms):
    """A city's name, slug and description are segments; its country a reference."""
    terms["den-haag"].description = "Zetel van de regering."
    terms["den-haag"].save()
    source, _created = TranslationSource.get_or_create_from_instance(terms["den-haag"])
    assert set(
        StringSegment.objects.filter(source=source).values_list(
            "string__data", flat=True
        )
    ) == {"Den Haag", "den-haag", "Zetel van de regering."}
    [reference] = RelatedObjectSegment.objects.filter(source=source)
    assert reference.context.path == "country"
    assert reference.object.translation_key == terms["nl"].translation_key
    assert not OverridableSegment.objects.filter(source=source).exists()

    country_source, _created = TranslationSource.get_or_create_from_instance(
        terms["mali"]
    )
    paths = set(
        StringSegment.objects.filter(source=country_source).values_list(
            "context__path", flat=True
        )
    )
    assert paths == {"name", "slug"}  # the ISO code is neither text nor overridable
    assert not OverridableSegment.objects.filter(source=country_source).exists()


# -- a full round trip --------------------------------------------------------------


def test_round_trip_through_the_admin(client, alassane, terms, en):
    """Submit in the admin, translate the segments, publish: everything is English."""
    news_translated, news_untranslated = (
        link.news_page for link in alassane.related_news.all()
    )
    submit(news_translated, en)
    translate(news_translated, en)

    admin = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(admin)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[alassane.pk]),
            {"locales": [en.pk]},
        )
    assert response.status_code == 302
    client.logout()

    # Submitting the page submitted its terms too: translate those first.
    for dutch_term in (
        terms["lhbti"],
        terms["pers"],
        terms["mali"],
        terms["den-haag"],
    ):
        translate(dutch_term, en)
    translate(alassane, en)

    page = translated(alassane, en)
    assert page.live
    assert page.locale == en
    assert term(page.country) == ("Mali", "en")
    assert page.country.code == "ML"
    assert term(page.city) == ("The Hague", "en")
    assert page.city.slug == "the-hague"
    assert theme_names(page) == [("LGBTI", "en"), ("Press freedom", "en")]
    assert page.introduction == "A defender of LGBTI rights from Mali."
    sections = [
        (block.value["kind"], block.value["heading"])
        for block in page.body
        if block.block_type == "section"
    ]
    assert sections == [
        ("about", "About Alassane"),
        ("threats", "Threats and harassment"),
    ]
    assert page.body[1].value["text"].source == (
        "<p>He is threatened because of his work.</p>"
    )
    assert page.body[2].value["quote"] == "We carry on."
    # Related news: the English version where there is one, the Dutch page otherwise.
    english_news = news_translated.get_translation(en)
    assert page.get_related_news() == [english_news, news_untranslated]

    html = client.get(page.url).content.decode()
    assert page.url.startswith("/en/")
    assert "Threats and harassment" in html
    assert "LGBTI" in html
    assert "The Hague" in html
    assert english_news.title in html


# -- fallback and re-sync ------------------------------------------------------------


def test_untranslated_terms_fall_back_and_are_picked_up_on_sync(alassane, terms, en):
    """A term without a translation keeps the source term until a later sync."""
    start_translation(alassane, en)
    translate(alassane, en)
    page = translated(alassane, en)
    assert theme_names(page) == [("LHBTI", "nl"), ("Persvrijheid", "nl")]
    assert term(page.country) == ("Mali", "nl")
    assert term(page.city) == ("Den Haag", "nl")

    # The terms get translated through the same flow; the page follows on its next sync.
    for dutch_term in (terms["lhbti"], terms["mali"], terms["den-haag"]):
        submit(dutch_term, en)
        translate(dutch_term, en)
    sync(alassane)
    page = translated(alassane, en)
    assert theme_names(page) == [("LGBTI", "en"), ("Persvrijheid", "nl")]
    assert term(page.country) == ("Mali", "en")
    assert term(page.city) == ("The Hague", "en")
    # The page's own texts stay translated through the sync.
    assert page.body[1].value["heading"] == "Threats and harassment"


def test_sync_after_the_source_changes_its_terms_leaves_nothing_stale(
    alassane, terms, en
):
    """Replacing or removing themes, country and city on the source reaches the translation."""
    submit(alassane, en)
    for dutch_term in (terms["lhbti"], terms["pers"], terms["mali"], terms["den-haag"]):
        translate(dutch_term, en)
    translate(alassane, en)
    utrecht = terms["utrecht"]
    submit(utrecht, en)
    translate(utrecht, en)
    senegal = factories.country("Senegal", "SN")  # no English version yet
    expression = factories.theme("Vrijheid van meningsuiting")  # idem

    source = DefenderPage.objects.get(pk=alassane.pk)
    publish_changes(
        source, themes=[expression, terms["lhbti"]], country=senegal, city=utrecht
    )
    sync(alassane)
    page = translated(alassane, en)
    assert theme_names(page) == [("Vrijheid van meningsuiting", "nl"), ("LGBTI", "en")]
    assert term(page.country) == ("Senegal", "nl")  # the source's, not the old Mali
    assert term(page.city) == ("Utrecht", "en")
    assert DefenderPageTheme.objects.filter(page=page).count() == 2

    # Removing a theme removes it from the translation.
    source = DefenderPage.objects.get(pk=alassane.pk)
    publish_changes(source, themes=[expression])
    sync(alassane)
    page = translated(alassane, en)
    assert theme_names(page) == [("Vrijheid van meningsuiting", "nl")]

    # Once the new terms are translated, the next sync picks them up.
    for dutch_term in (senegal, expression):
        submit(dutch_term, en)
        translate(dutch_term, en)
    sync(alassane)
    page = translated(alassane, en)
    assert theme_names(page) == [("Freedom of expression", "en")]
    assert term(page.country) == ("Senegal", "en")
    # What visitors see is the published revision: it agrees.
    live = page.get_latest_revision_as_object()
    assert [link.theme.name for link in live.defender_themes.all()] == [
        "Freedom of expression"
    ]
    assert live.country_id == page.country_id


def test_why_country_and_city_are_localized_relation_fields(
    monkeypatch, alassane, terms, en
):
    """With wagtail-localize's default field, the sync above would leave Mali behind."""
    monkeypatch.setattr(DefenderPage, "override_translatable_fields", [])
    submit(alassane, en)
    translate(terms["mali"], en)
    translate(alassane, en)
    source = fresh(alassane)
    publish_changes(source, country=factories.country("Senegal", "SN"))
    sync(alassane)
    assert term(translated(alassane, en).country) == ("Mali", "en")  # stale


# -- translating terms ---------------------------------------------------------------


def test_term_translation_keeps_code_and_country_link_in_sync(terms, en):
    """Names, slugs and descriptions are translated; code and city-country link synced."""
    mali = terms["mali"]
    mali.description = "West-Afrikaans land."
    mali.sort_order = 3
    mali.save()
    submit(mali, en)
    translate(mali, en, {"West-Afrikaans land.": "A country in West Africa."})
    english_mali = mali.get_translation(en)
    assert (english_mali.name, english_mali.slug, english_mali.code) == (
        "Mali",
        "mali",
        "ML",
    )
    assert english_mali.description == "A country in West Africa."
    assert english_mali.sort_order == 3

    # The city's country: the source's until that country is translated.
    den_haag = terms["den-haag"]
    start_translation(den_haag, en)
    translate(den_haag, en)
    english_den_haag = den_haag.get_translation(en)
    assert (english_den_haag.name, english_den_haag.slug) == ("The Hague", "the-hague")
    assert term(english_den_haag.country) == ("Nederland", "nl")
    submit(terms["nl"], en)
    translate(terms["nl"], en)
    sync(den_haag)
    english_den_haag.refresh_from_db()
    assert term(english_den_haag.country) == ("The Netherlands", "en")

    # Moving the source city to another country moves the translation too.
    den_haag.country = mali
    den_haag.save()
    sync(den_haag)
    english_den_haag.refresh_from_db()
    assert english_den_haag.country == english_mali

    # The synchronised fields follow the source; the translated words stay.
    mali.sort_order = 7
    mali.save()
    sync(mali)
    english_mali.refresh_from_db()
    assert english_mali.sort_order == 7
    assert english_mali.description == "A country in West Africa."
    assert english_mali.code == "ML"


def test_translated_slug_that_clashes_is_refused(terms, en):
    """Two English themes cannot share a slug: the translation is not saved."""
    lhbti, pers = terms["lhbti"], terms["pers"]
    submit(lhbti, en)
    translate(lhbti, en)
    start_translation(pers, en)
    with pytest.raises(ValidationError) as refused:
        translate(pers, en, {"persvrijheid": "lgbti"})
    assert "slug" in refused.value.message_dict
    assert not Theme.objects.filter(
        locale=en, translation_key=pers.translation_key
    ).exists()
    # wagtail-localize shows the error on the translator's string.
    string = StringTranslation.objects.get(
        locale=en, context__object_id=pers.translation_key, context__path="slug"
    )
    assert string.has_error


# -- the index page per locale -------------------------------------------------------


@pytest.fixture
def translated_profiles(index, alassane, terms, en):
    """Alassane in Dutch and English, and a Dutch-only profile."""
    submit(alassane, en)
    for dutch_term in (terms["lhbti"], terms["pers"], terms["mali"], terms["den-haag"]):
        translate(dutch_term, en)
    translate(alassane, en)
    dutch_only = factories.profile(
        index,
        "Fatima",
        slug="fatima",
        country=terms["nl"],
        city=terms["utrecht"],
        themes=[terms["pers"]],
    )
    english_index = DefenderIndexPage.objects.get(
        translation_key=index.translation_key, locale=en
    )
    return {"nl": index, "en": english_index, "dutch_only": dutch_only}


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
