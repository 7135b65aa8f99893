"""Nothing an editor wrote is overwritten by wagtail-localize (issue 13; issue 12, item 9).

Dutch is the source language. The English terms and profiles below were written
outside wagtail-localize (``copy_for_translation`` then edited, as the demo and
imports make them), or by hand after wagtail-localize made them. Every path an
editor takes is driven as the admin drives it: the Translate action
(``TranslationCreator``, and the admin's submit view with and without "include
subtree"), the translation editor (its string API and its Publish), "Sync
translated pages" and locale synchronisation. Each asserts that the English
words survive, and that a new profile translation is a draft until published.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import (
    LocaleSynchronization,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator

from tests import factories
from tests.translation.workflow import sync_in_the_admin
from wagtail_defenders.models import City, Country, DefenderPage, Theme

BODY = [
    {
        "type": "section",
        "value": {
            "kind": "about",
            "heading": "Over Amina",
            "text": "<p>Amina leidt een vrouwenorganisatie.</p>",
        },
    },
]


@pytest.fixture
def admin(db):
    return get_user_model().objects.create_superuser("admin", "a@example.org", "pw")


def english(term, name: str, slug: str):
    """The English version of a Dutch term, made outside wagtail-localize."""
    copy = term.copy_for_translation(factories.locale("en"))
    copy.name, copy.slug = name, slug
    copy.save()
    return copy


@pytest.fixture
def world(index, en):
    """Dutch terms with English versions written by an editor, and a Dutch profile."""
    womens = factories.theme("Vrouwenrechten")
    land = factories.theme("Land en milieu")
    cameroon = factories.country("Kameroen", "CM")
    douala = factories.city("Douala", cameroon)
    english_terms = {
        "womens": english(womens, "Women's rights", "womens-rights"),
        "land": english(land, "Land and environment", "land-and-environment"),
        "cameroon": english(cameroon, "Cameroon", "cameroon"),
        "douala": english(douala, "Douala", "douala"),
    }
    profile = factories.profile(
        index,
        "Amina",
        slug="amina",
        country=cameroon,
        city=douala,
        themes=[womens, land],
        introduction="Een verdediger van vrouwenrechten.",
        body=BODY,
    )
    return {"profile": profile, "english": english_terms, "index": index}


def english_words() -> set[tuple[str, str]]:
    return {
        (term.name, term.slug)
        for model in (Theme, Country, City)
        for term in model.objects.filter(locale__language_code="en")
    }


EXPECTED_TERMS = {
    ("Women's rights", "womens-rights"),
    ("Land and environment", "land-and-environment"),
    ("Cameroon", "cameroon"),
    ("Douala", "douala"),
}


def english_profile(profile) -> DefenderPage:
    return DefenderPage.objects.get(
        translation_key=profile.translation_key, locale__language_code="en"
    )


def body_texts(page: DefenderPage) -> list:
    return [(block["type"], block["value"]) for block in page.body.get_prep_value()]


# -- the Translate action -------------------------------------------------------------


def test_translate_action_keeps_the_english_terms(world, en, admin):
    """``TranslationCreator`` submits the terms too: their English is kept."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        TranslationCreator(admin, [en]).create_translations(world["profile"])

    assert english_words() == EXPECTED_TERMS
    page = english_profile(world["profile"])
    # The new translation points at the English terms...
    assert sorted(theme.name for theme in page.themes) == [
        "Land and environment",
        "Women's rights",
    ]
    assert page.country.name == "Cameroon"
    assert page.city.name == "Douala"
    # ... and wagtail-localize manages the terms from their English words.
    translated = StringTranslation.objects.filter(
        locale=en, context__object_id=world["english"]["womens"].translation_key
    )
    assert set(translated.values_list("data", flat=True)) == {
        "Women's rights",
        "womens-rights",
    }


def test_a_second_submission_and_a_sync_keep_the_terms(world, en, admin):
    with TestCase.captureOnCommitCallbacks(execute=True):
        TranslationCreator(admin, [en]).create_translations(world["profile"])
    for term in world["english"].values():
        dutch = type(term).objects.get(
            translation_key=term.translation_key, locale__language_code="nl"
        )
        source = TranslationSource.objects.get_for_instance(dutch)
        source.update_from_db()
        with TestCase.captureOnCommitCallbacks(execute=True):
            for translation in source.translations.filter(enabled=True):
                translation.save_target(user=admin, publish=True)
    with TestCase.captureOnCommitCallbacks(execute=True):
        TranslationCreator(admin, [en]).create_translations(world["profile"])
    assert english_words() == EXPECTED_TERMS


def test_admin_submit_view_with_subtree_keeps_terms_and_makes_drafts(
    client, world, en, admin
):
    """Translating the index with "include subtree", as the admin does it."""
    client.force_login(admin)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse(
                "wagtail_localize:submit_page_translation", args=[world["index"].pk]
            ),
            {"locales": [en.pk], "include_subtree": "on"},
        )
    assert response.status_code == 302
    assert english_words() == EXPECTED_TERMS
    page = english_profile(world["profile"])
    assert not page.live, "a new profile translation is a draft until published"
    assert page.has_unpublished_changes


def test_admin_submit_view_makes_a_draft_and_publish_publishes(
    client, world, en, admin, settings
):
    """Issue 12, item 9, whatever WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE says."""
    settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = True
    client.force_login(admin)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse(
                "wagtail_localize:submit_page_translation",
                args=[world["profile"].pk],
            ),
            {"locales": [en.pk]},
        )
    assert response.status_code == 302
    page = english_profile(world["profile"])
    assert not page.live
    assert client.get(page.url).status_code == 404 if page.url else True
    assert english_words() == EXPECTED_TERMS

    # The translator types a translation in the translation editor, then publishes.
    translation = Translation.objects.get(
        source__object_id=world["profile"].translation_key, target_locale=en
    )
    segment = StringSegment.objects.get(
        source=translation.source, string__data="Een verdediger van vrouwenrechten."
    )
    response = client.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.pk, segment.pk],
        ),
        urlencode({"value": "A defender of women's rights."}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}
        )
    assert response.status_code == 302
    page = english_profile(world["profile"])
    assert page.live
    assert page.introduction == "A defender of women's rights."
    assert english_words() == EXPECTED_TERMS


def test_translation_creator_on_a_draft_source_and_setting_off(world, en, admin):
    """A live profile's translation is a draft with the setting on and off."""
    for setting in (True, False):
        DefenderPage.objects.filter(locale=en).delete()
        with override_settings(WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE=setting):
            with TestCase.captureOnCommitCallbacks(execute=True):
                TranslationCreator(admin, [en]).create_translations(world["profile"])
        assert not english_profile(world["profile"]).live, setting


# -- a profile translated by hand --------------------------------------------------------


def hand_made_translation(profile) -> DefenderPage:
    """An English profile written by an editor: another body, own words."""
    copy = profile.copy_for_translation(factories.locale("en"), copy_parents=True)
    copy.title = "Amina"
    copy.introduction = "A defender of women's rights in Cameroon."
    copy.body = [
        {
            "type": "section",
            "value": {
                "kind": "about",
                "heading": "About Amina",
                "text": "<p>Amina leads a women's organisation in Douala.</p>",
            },
        },
        {"type": "quote", "value": {"quote": "We carry on.", "attribution": ""}},
    ]
    copy.save_revision().publish()
    return english_profile(profile)


def test_hand_made_profile_translation_survives_submission_and_sync(
    client, world, en, admin
):
    hand_made = hand_made_translation(world["profile"])
    before = (hand_made.title, hand_made.slug, hand_made.introduction)
    body_before = body_texts(hand_made)

    with TestCase.captureOnCommitCallbacks(execute=True):
        TranslationCreator(admin, [en]).create_translations(world["profile"])
    page = english_profile(world["profile"])
    assert (page.title, page.slug, page.introduction) == before
    assert body_texts(page) == body_before
    assert page.live, "a live translation stays live"

    # The source changes; "Sync translated pages" with publishing.
    source_page = DefenderPage.objects.get(pk=world["profile"].pk)
    source_page.introduction = "Een verdediger van vrouwenrechten in Kameroen."
    source_page.save_revision().publish()
    sync_in_the_admin(client, source_page, admin)
    page = english_profile(world["profile"])
    assert (page.title, page.slug, page.introduction) == before
    assert body_texts(page) == body_before
    assert english_words() == EXPECTED_TERMS


def test_sync_after_a_hand_edit_keeps_the_edit(client, world, en, admin):
    """Made by wagtail-localize, then edited by hand: the next sync keeps the edit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        TranslationCreator(admin, [en]).create_translations(world["profile"])
    page = english_profile(world["profile"])
    page.introduction = "Written by hand in English."
    page.save_revision().publish()

    source = sync_in_the_admin(client, world["profile"], admin)
    page = english_profile(world["profile"])
    assert page.introduction == "Written by hand in English."
    # The translation editor now shows the editor's words for that segment.
    assert StringTranslation.objects.filter(
        locale=en,
        translation_of__data="Een verdediger van vrouwenrechten.",
        data="Written by hand in English.",
    ).exists()

    # A translator's later change in the translation editor is applied at Publish.
    translation = Translation.objects.get(source=source, target_locale=en)
    segment = StringSegment.objects.get(
        source=source, string__data="Een verdediger van vrouwenrechten."
    )
    client.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.pk, segment.pk],
        ),
        urlencode({"value": "Reviewed by the translator."}),
        content_type="application/x-www-form-urlencoded",
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}
        )
    assert english_profile(world["profile"]).introduction == (
        "Reviewed by the translator."
    )


def test_term_edited_by_hand_survives_the_terms_sync(world, en, admin):
    """A term wagtail-localize manages, renamed by hand in the snippet editor."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        TranslationCreator(admin, [en]).create_translations(world["profile"])
    womens = Theme.objects.get(pk=world["english"]["womens"].pk)
    womens.name = "Rights of women"
    womens.save()
    dutch = Theme.objects.get(
        translation_key=womens.translation_key, locale__language_code="nl"
    )
    source = TranslationSource.objects.get_for_instance(dutch)
    source.update_from_db()
    with TestCase.captureOnCommitCallbacks(execute=True):
        Translation.objects.get(source=source, target_locale=en).save_target(
            user=admin, publish=True
        )
    assert Theme.objects.get(pk=womens.pk).name == "Rights of women"


def test_locale_synchronisation_keeps_the_english(world, en, admin):
    """wagtail-localize's locale sync (``LocaleSynchronization``) adds aliases only."""
    hand_made = hand_made_translation(world["profile"])
    before = (hand_made.title, hand_made.introduction, body_texts(hand_made))
    other = factories.profile(
        world["index"],
        "Bilal",
        country=Country.objects.get(code="CM", locale__language_code="nl"),
        city=City.objects.get(name="Douala", locale__language_code="nl"),
        themes=[Theme.objects.get(name="Vrouwenrechten")],
    )
    nl = factories.locale("nl")
    with TestCase.captureOnCommitCallbacks(execute=True):
        LocaleSynchronization.objects.create(locale=en, sync_from=nl)
    page = english_profile(world["profile"])
    assert (page.title, page.introduction, body_texts(page)) == before
    alias = english_profile(other)
    assert alias.alias_of_id == other.pk
    assert english_words() == EXPECTED_TERMS

    # Translating the alias converts it; the terms still keep their English.
    with TestCase.captureOnCommitCallbacks(execute=True):
        TranslationCreator(admin, [en]).create_translations(
            Page.objects.get(pk=other.pk)
        )
    assert english_words() == EXPECTED_TERMS
    converted = english_profile(other)
    assert converted.alias_of_id is None
    # The alias was live: the converted page is published, not a live row with a
    # newer draft revision beside it.
    assert converted.live and not converted.has_unpublished_changes


def test_related_news_submitted_with_a_profile_keeps_its_english(index, en, admin):
    """The Translate action submits a profile's related news too (any app's pages)."""
    home = index.get_parent()
    news = factories.news(home, "Amina vrijgelaten")
    copy = news.copy_for_translation(en, copy_parents=True)
    copy.title = "Amina released"
    copy.save_revision().publish()
    country = factories.country("Kameroen", "CM")
    profile = factories.profile(
        index,
        "Amina",
        country=country,
        city=factories.city("Douala", country),
        themes=[],
        related_news=[news],
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        TranslationCreator(admin, [en]).create_translations(profile)
    assert Page.objects.get(pk=copy.pk).title == "Amina released"


def test_a_text_nobody_translated_follows_the_source_when_it_changes(
    client, world, en, admin
):
    """The source's words a translation shows as a fallback are nobody's: after
    the source changes them, a sync brings the new words (they were kept, and
    recorded as the English translation of the new Dutch text)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        TranslationCreator(admin, [en]).create_translations(world["profile"])
    assert english_profile(world["profile"]).introduction == (
        "Een verdediger van vrouwenrechten."
    )
    source_page = DefenderPage.objects.get(pk=world["profile"].pk)
    source_page.introduction = "Een verdediger van vrouwenrechten in Kameroen."
    source_page.save_revision().publish()
    sync_in_the_admin(client, source_page, admin)
    assert english_profile(world["profile"]).introduction == (
        "Een verdediger van vrouwenrechten in Kameroen."
    )
    assert not StringTranslation.objects.filter(
        locale=en, data="Een verdediger van vrouwenrechten."
    ).exists()
