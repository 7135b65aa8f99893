"""A translator's work through wagtail-localize's own API, the way its admin does it.

Submitting an object (``translate_object``, or the admin's "Translate" view)
creates a ``TranslationSource`` with segments and a ``Translation`` per locale; a
translator fills ``StringTranslation`` rows for the segments;
``Translation.save_target`` publishes the translated object; "Sync translated
pages" is ``TranslationSource.update_from_db`` followed by ``save_target`` for each
translation. Dutch is the source language, English is under ``/en/``.
"""

from __future__ import annotations

from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import translate_object

from wagtail_defenders.models import (
    City,
    Country,
    DefenderPage,
    DefenderPageTheme,
    Theme,
)

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


def sync_in_the_admin(client, page: Page, admin) -> TranslationSource:
    """The admin's "Sync translated pages" view, publishing the translations, as
    ``admin`` (logged in here); returns the page's source."""
    source = TranslationSource.objects.get_for_instance(page)
    client.force_login(admin)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )
    assert response.status_code == 302
    return source


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
