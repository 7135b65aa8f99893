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

import datetime
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail_localize.machine_translators.dummy import DummyTranslator
from wagtail_localize.models import (
    LocaleSynchronization,
    OverridableSegment,
    RelatedObjectSegment,
    String,
    StringSegment,
    StringTranslation,
    TemplateSegment,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator, translate_page_subtree

from tests import factories
from tests.translation.workflow import fresh
from wagtail_defenders.models import DefenderPage, DefenderUpdate

pytestmark = pytest.mark.django_db

NOTE_HEADING = "Bron in de gevangenis: verhoor gepland"
NOTE_TEXT = "<p>Advocaat Diallo kent het adres van het onderduikhuis.</p>"
NOTE_WORDS = ("gevangenis", "Diallo", "onderduikhuis")
ENGLISH_NOTE = ("Our contact: questioning planned", "<p>Ask the lawyer first.</p>")
PUBLIC_HEADING = "Gearresteerd in Bamako"
PUBLIC_TEXT = "<p>Zij werd op straat gearresteerd.</p>"
MACHINE_TRANSLATOR = {
    "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"
}


def update(day: str, heading: str, text: str, *, public: bool) -> dict:
    return {
        "date": datetime.date.fromisoformat(day),
        "heading": heading,
        "text": text,
        "is_public": public,
    }


@pytest.fixture
def admin(db):
    return get_user_model().objects.create_superuser("admin", "a@example.org", "pw")


@pytest.fixture
def amina(index, terms) -> DefenderPage:
    """A Dutch profile with a public update and an editor's note."""
    return fresh(
        factories.profile(
            index,
            "Amina",
            slug="amina",
            country=terms["mali"],
            city=terms["utrecht"],
            themes=[terms["lhbti"]],
            introduction="Een verdediger van vrouwenrechten.",
            updates=[
                update("2024-03-01", PUBLIC_HEADING, PUBLIC_TEXT, public=True),
                update("2024-04-02", NOTE_HEADING, NOTE_TEXT, public=False),
            ],
        )
    )


def note_of(page: DefenderPage) -> DefenderUpdate:
    return page.updates.get(is_public=False)


def english_of(page: DefenderPage, en) -> DefenderPage:
    return DefenderPage.objects.get(translation_key=page.translation_key, locale=en)


def words(page: DefenderPage) -> dict[str, tuple[str, str, bool]]:
    """Each update of ``page`` by translation key: heading, text, public; the
    stored rows (what the site serves) and the latest revision must agree."""
    stored = {
        str(u.translation_key): (u.heading, u.text, u.is_public)
        for u in DefenderUpdate.objects.filter(page=page)
    }
    revision = page.get_latest_revision_as_object()
    assert {
        str(u.translation_key): (u.heading, u.text, u.is_public)
        for u in revision.updates.all()
    } == stored
    return stored


def publish(client, page: DefenderPage, admin) -> None:
    """Publish ``page`` from its edit view (for a translation: the translation editor)."""
    client.force_login(admin)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action": "publish"}
        )
    assert response.status_code == 302


def sync_in_the_admin(client, page: DefenderPage, admin) -> None:
    """ "Sync translated pages", publishing the translations."""
    source = TranslationSource.objects.get_for_instance(page)
    client.force_login(admin)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )
    assert response.status_code == 302


def translate_action(page: DefenderPage, en, admin) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        TranslationCreator(admin, [en]).create_translations(fresh(page))


def rewrite_update(
    page: DefenderPage, translation_key, heading: str, text: str, *, publish=True
):
    """An editor rewrites one update of ``page`` in its edit form."""
    page = page.get_latest_revision_as_object()
    updates = list(page.updates.all())
    for each in updates:
        if each.translation_key == translation_key:
            each.heading, each.text = heading, text
    page.updates = updates
    revision = page.save_revision()
    if publish:
        revision.publish()


def segment_texts(source: TranslationSource) -> list[str]:
    strings = list(
        StringSegment.objects.filter(source=source).values_list(
            "string__data", flat=True
        )
    )
    strings += OverridableSegment.objects.filter(source=source).values_list(
        "data_json", flat=True
    )
    return strings


def assert_no_note_words(texts) -> None:
    leaked = [text for text in texts if any(word in text for word in NOTE_WORDS)]
    assert not leaked


# -- never a segment ------------------------------------------------------------------


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


# -- a translation keeps its own note -------------------------------------------------


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


# -- a note made public, a public update made a note ---------------------------------


def make_public(page: DefenderPage, translation_key, public: bool, **words) -> None:
    page = fresh(page)
    updates = list(page.updates.all())
    for each in updates:
        if each.translation_key == translation_key:
            each.is_public = public
            for name, value in words.items():
                setattr(each, name, value)
    page.updates = updates
    page.save_revision().publish()


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
