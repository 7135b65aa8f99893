"""Editors' notes never leave the site through translation, and a translation
keeps its own (issue 13).

A profile's update that is not public is an editor's note. Its heading and text
are no segment of the profile's translation source: not in the translation
editor, a PO file, the translation memory or what a machine translator is sent.
A translation that already has the note (same translation key) keeps its own
words on every write wagtail-localize makes: the Translate action
(``TranslationCreator``, with and without the subtree), the translation
editor's Publish, "Sync translated pages" and locale synchronisation. A note
new to the translation is copied with the source's words (they stay in the
site's database, like the source's own revisions).
"""

from __future__ import annotations

import pytest
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail_localize.machine_translators.dummy import DummyTranslator
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    String,
    StringSegment,
    StringTranslation,
    TemplateSegment,
    Translation,
    TranslationSource,
)

from tests.translation.notes import (
    MACHINE_TRANSLATOR,
    NOTE_HEADING,
    NOTE_TEXT,
    PUBLIC_HEADING,
    assert_no_note_words,
    english_of,
    make_public,
    note_of,
    publish,
    segment_texts,
    translate_action,
    words,
)
from tests.translation.workflow import sync_in_the_admin

pytestmark = pytest.mark.django_db


def test_a_note_is_no_segment_of_the_source(amina):
    """The public update's words are segments; the note's are in no segment."""
    source, _created = TranslationSource.get_or_create_from_instance(amina)
    note_key = str(note_of(amina).translation_key)
    paths = set()
    for segment_model in (
        StringSegment,
        OverridableSegment,
        RelatedObjectSegment,
        TemplateSegment,
    ):
        paths |= set(
            segment_model.objects.filter(source=source).values_list(
                "context__path", flat=True
            )
        )
    public_key = str(amina.updates.get(is_public=True).translation_key)
    assert f"updates.{public_key}.heading" in paths
    assert f"updates.{public_key}.text" in paths
    assert not [path for path in paths if note_key in path]
    texts = segment_texts(source)
    assert PUBLIC_HEADING in texts
    assert "Zij werd op straat gearresteerd." in texts
    assert_no_note_words(texts)
    # Nor in the translation memory's strings.
    assert_no_note_words(String.objects.values_list("data", flat=True))


def test_the_po_file_and_the_editor_have_no_note(client, amina, en, admin):
    client.force_login(admin)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[amina.pk]),
            {"locales": [en.pk]},
        )
    assert response.status_code == 302
    translation = Translation.objects.get(
        source__object_id=amina.translation_key, target_locale=en
    )
    po = client.get(
        reverse("wagtail_localize:download_pofile", args=[translation.pk])
    ).content.decode()
    assert PUBLIC_HEADING in po
    assert_no_note_words([po])

    editor = client.get(
        reverse("wagtailadmin_pages:edit", args=[english_of(amina, en).pk])
    )
    assert editor.status_code == 200
    html = editor.content.decode()
    assert PUBLIC_HEADING in html
    assert_no_note_words([html])


@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=MACHINE_TRANSLATOR)
def test_the_machine_translator_is_never_sent_a_note(
    client, monkeypatch, amina, en, admin
):
    """wagtail-localize's dummy translator stands for DeepL or Google."""
    sent: list[str] = []
    dummy_translate = DummyTranslator.translate

    def recording_translate(self, source_locale, target_locale, strings):
        sent.extend(string.data for string in strings)
        return dummy_translate(self, source_locale, target_locale, strings)

    monkeypatch.setattr(DummyTranslator, "translate", recording_translate)
    client.force_login(admin)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            reverse("wagtail_localize:submit_page_translation", args=[amina.pk]),
            {"locales": [en.pk]},
        )
    translation = Translation.objects.get(
        source__object_id=amina.translation_key, target_locale=en
    )
    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk])
    )
    assert response.status_code == 302
    assert PUBLIC_HEADING in sent
    assert_no_note_words(sent)

    publish(client, english_of(amina, en), admin)
    english = words(english_of(amina, en))
    note_key = str(note_of(amina).translation_key)
    # The public update in the dummy's (reversed) words; the note new to the
    # translation is copied with the source's words, never sent anywhere.
    assert english[note_key] == (NOTE_HEADING, NOTE_TEXT, False)
    public = next(value for key, value in english.items() if key != note_key)
    assert public[0] == "Bamako in Gearresteerd"


def test_a_public_update_made_a_note_stops_being_a_segment(client, amina, en, admin):
    """The translation keeps the words it had; the note's new words are sent nowhere."""
    translate_action(amina, en, admin)
    public = amina.updates.get(is_public=True)
    source = TranslationSource.objects.get_for_instance(amina)
    for segment in StringSegment.objects.filter(
        source=source, context__path__startswith=f"updates.{public.translation_key}."
    ).select_related("string", "context"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            context=segment.context,
            locale=en,
            data={
                PUBLIC_HEADING: "Arrested in Bamako",
                "Zij werd op straat gearresteerd.": "She was arrested in the street.",
            }[segment.string.data],
        )
    publish(client, english_of(amina, en), admin)
    arrested = ("Arrested in Bamako", "<p>She was arrested in the street.</p>")
    assert words(english_of(amina, en))[str(public.translation_key)] == (
        *arrested,
        True,
    )

    make_public(
        amina,
        public.translation_key,
        False,
        heading="Gearresteerd in de gevangenis van Bamako",
        text="<p>Advocaat Diallo bezoekt haar.</p>",
    )
    sync_in_the_admin(client, amina, admin)
    english = words(english_of(amina, en))
    assert english[str(public.translation_key)] == (*arrested, False)
    assert list(english_of(amina, en).public_updates) == []
    segments = segment_texts(TranslationSource.objects.get_for_instance(amina))
    assert not [text for text in segments if "Bamako" in text]
    assert_no_note_words(segments)
