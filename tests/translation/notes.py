"""An editor's note in a profile and the ways wagtail-localize writes a
translation, for the notes tests (``tests/translation/test_notes*.py``): the
note's words, the profile's updates as an editor writes them, and each write
(publish, "Sync translated pages", the Translate action)."""

from __future__ import annotations

import datetime

from django.test import TestCase
from django.urls import reverse
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator

from tests.translation.workflow import fresh
from wagtail_defenders.models import DefenderPage, DefenderUpdate

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
