"""A translation keeps its own words of an editor's note on every write
wagtail-localize makes: the Translate action (again, or on a subtree), the
translation editor's Publish, "Sync translated pages" and locale
synchronisation; a note drafted in the translation, or in a hand-made one, is
kept; a note made public is translated from the translation's words, and a
public update rewritten in the translation keeps its words."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

import pytest
from django.test import TestCase
from django.urls import reverse
from wagtail_localize.models import (
    LocaleSynchronization,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import translate_page_subtree

from tests import factories
from tests.translation.notes import (
    ENGLISH_NOTE,
    NOTE_HEADING,
    NOTE_TEXT,
    PUBLIC_HEADING,
    english_of,
    make_public,
    note_of,
    publish,
    rewrite_update,
    segment_texts,
    translate_action,
    words,
)
from tests.translation.workflow import fresh, sync_in_the_admin
from wagtail_defenders.models import DefenderUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated_with_a_note(client, amina, en, admin):
    """Amina translated through the Translate action; the English editor then
    wrote the note in English and published. The Dutch note changes afterwards,
    and the Dutch editor adds a second note."""
    translate_action(amina, en, admin)
    english = english_of(amina, en)
    note_key = note_of(amina).translation_key
    rewrite_update(english, note_key, *ENGLISH_NOTE)

    source = fresh(amina)
    updates = list(source.updates.all())
    for each in updates:
        if each.translation_key == note_key:
            each.heading = "Bron in de gevangenis: verhoor verplaatst"
    updates.append(
        DefenderUpdate(
            date=datetime.date(2024, 5, 3),
            heading="Tweede notitie: gevangenis",
            text="<p>Nog een bron.</p>",
            is_public=False,
        )
    )
    source.updates = updates
    source.save_revision().publish()
    return {"note_key": str(note_key), "english": english}


def translate_again(client, amina, en, admin):
    translate_action(amina, en, admin)


def translate_the_subtree(client, amina, en, admin):
    """What the submit view runs for "include subtree" (the index is translated)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        translate_page_subtree(amina.get_parent().id, [en], None, admin)


def sync_translated_pages(client, amina, en, admin):
    sync_in_the_admin(client, amina, admin)


def publish_in_the_translation_editor(client, amina, en, admin):
    TranslationSource.objects.get_for_instance(amina).update_from_db()
    publish(client, english_of(amina, en), admin)


def synchronise_the_locale(client, amina, en, admin):
    """Locale synchronisation (it leaves a translation as it is), then a sync."""
    before = words(english_of(amina, en))
    with TestCase.captureOnCommitCallbacks(execute=True):
        LocaleSynchronization.objects.create(locale=en, sync_from=factories.locale())
    assert words(english_of(amina, en)) == before
    sync_in_the_admin(client, amina, admin)


@pytest.mark.parametrize(
    ("write", "reads_the_source_anew"),
    [
        # The Translate action writes from the source wagtail-localize has
        # (it refreshes it only when it has none).
        (translate_again, False),
        (translate_the_subtree, False),
        (sync_translated_pages, True),
        (publish_in_the_translation_editor, True),
        (synchronise_the_locale, True),
    ],
)
def test_the_translations_note_keeps_its_words(
    client, write, reads_the_source_anew, amina, en, admin, translated_with_a_note
):
    write(client, amina, en, admin)
    english = words(english_of(amina, en))
    note_key = translated_with_a_note["note_key"]
    assert english[note_key] == (*ENGLISH_NOTE, False)
    if reads_the_source_anew:
        # A note new to the translation reaches it with the source's words.
        source = {str(u.translation_key): u for u in fresh(amina).updates.all()}
        assert set(english) == set(source)
        [new_key] = (
            set(source) - {note_key} - {key for key, u in source.items() if u.is_public}
        )
        assert english[new_key] == (
            "Tweede notitie: gevangenis",
            "<p>Nog een bron.</p>",
            False,
        )
    else:
        assert len(english) == 2
    segments = segment_texts(TranslationSource.objects.get_for_instance(amina))
    assert PUBLIC_HEADING in segments
    assert not [text for text in segments if "gevangenis" in text]


def test_a_note_drafted_in_the_translation_is_kept(client, amina, en, admin):
    """The English editor saved the note as a draft: a sync keeps the draft's words."""
    translate_action(amina, en, admin)
    english = english_of(amina, en)
    publish(client, english, admin)
    note_key = note_of(amina).translation_key
    rewrite_update(english_of(amina, en), note_key, *ENGLISH_NOTE, publish=False)
    sync_in_the_admin(client, amina, admin)
    assert words(english_of(amina, en))[str(note_key)] == (*ENGLISH_NOTE, False)


def test_a_note_in_a_hand_made_translation_is_kept(client, amina, en, admin):
    """An English profile made with ``copy_for_translation`` and edited by hand."""
    copy = amina.copy_for_translation(en, copy_parents=True)
    copy.save_revision().publish()
    note_key = note_of(amina).translation_key
    rewrite_update(english_of(amina, en), note_key, *ENGLISH_NOTE)
    translate_action(amina, en, admin)
    assert words(english_of(amina, en))[str(note_key)] == (*ENGLISH_NOTE, False)
    sync_in_the_admin(client, amina, admin)
    assert words(english_of(amina, en))[str(note_key)] == (*ENGLISH_NOTE, False)


def test_a_note_made_public_is_translated_from_the_translations_words(
    client, amina, en, admin
):
    """The English note the editor wrote becomes the translation of the new
    segment (as for any text written outside wagtail-localize); a translator's
    later translation replaces it at the next Publish."""
    translate_action(amina, en, admin)
    note_key = note_of(amina).translation_key
    rewrite_update(english_of(amina, en), note_key, *ENGLISH_NOTE)
    make_public(amina, note_key, True)
    sync_in_the_admin(client, amina, admin)

    english = words(english_of(amina, en))
    assert english[str(note_key)] == (*ENGLISH_NOTE, True)
    source = TranslationSource.objects.get_for_instance(amina)
    segment = StringSegment.objects.get(
        source=source, context__path=f"updates.{note_key}.heading"
    )
    assert segment.string.data == NOTE_HEADING
    assert (
        StringTranslation.objects.get(
            translation_of=segment.string, context=segment.context, locale=en
        ).data
        == ENGLISH_NOTE[0]
    )

    translation = Translation.objects.get(source=source, target_locale=en)
    client.force_login(admin)
    response = client.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.pk, segment.pk],
        ),
        urlencode({"value": "Questioning planned"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201)
    publish(client, english_of(amina, en), admin)
    assert words(english_of(amina, en))[str(note_key)][:1] == ("Questioning planned",)


def test_a_copied_note_made_public_is_translated_normally(client, amina, en, admin):
    """A note the translation only has as a copy of the source's words follows
    the source once public: untranslated it shows the source's words, translated
    the translator's."""
    translate_action(amina, en, admin)
    note_key = note_of(amina).translation_key
    make_public(amina, note_key, True, heading="Verhoor gepland")
    sync_in_the_admin(client, amina, admin)
    assert words(english_of(amina, en))[str(note_key)][0] == "Verhoor gepland"

    source = TranslationSource.objects.get_for_instance(amina)
    segment = StringSegment.objects.get(
        source=source, context__path=f"updates.{note_key}.heading"
    )
    StringTranslation.objects.create(
        translation_of=segment.string,
        context=segment.context,
        locale=en,
        data="Questioning planned",
    )
    publish(client, english_of(amina, en), admin)
    assert words(english_of(amina, en))[str(note_key)] == (
        "Questioning planned",
        NOTE_TEXT,
        True,
    )


def test_a_public_update_rewritten_in_the_translation_is_kept(client, amina, en, admin):
    """Inline texts follow the same rule as the profile's own: the English
    editor's words survive a sync and become the segment's translation."""
    translate_action(amina, en, admin)
    public = amina.updates.get(is_public=True)
    rewrite_update(
        english_of(amina, en),
        public.translation_key,
        "Arrested in Bamako",
        "<p>She was arrested in the street.</p>",
    )
    sync_in_the_admin(client, amina, admin)
    assert words(english_of(amina, en))[str(public.translation_key)] == (
        "Arrested in Bamako",
        "<p>She was arrested in the street.</p>",
        True,
    )
    assert StringTranslation.objects.filter(
        locale=en,
        translation_of__data=PUBLIC_HEADING,
        context__path=f"updates.{public.translation_key}.heading",
        data="Arrested in Bamako",
    ).exists()
