"""The package's own strings are all marked for translation and translated.

English is the source; the catalogues translate it into Dutch, French, Spanish and
Arabic (``scripts/messages.LANGUAGES``), for the package (``src/wagtail_defenders/
locale/``) and for the example site (``example_project/locale/``).

Two independent routes find the strings. ``scripts/messages.py`` reads the source
the way ``makemessages`` does (Python calls, Django's ``templatize`` for templates).
``tests/test_interface_text_translated.py`` also walks what the running site shows
editors and visitors: model fields, ``Meta`` names, StreamField blocks, admin panels
and menu labels, and every template's plain text. So a label that is not marked fails, and so does a marked
string that a catalogue lacks, a translation whose placeholders differ from the
English, a plural with the wrong number of forms, or a stale ``.mo`` file.

A msgid without context that Wagtail, Django or another installed app also
translates fails too: Django merges every app's catalogue into one, so the
package's "Search" would replace Wagtail's "Search" all over the admin. Give such a
word a context (``pgettext_lazy("defender filters", "Search")``,
``{% translate "Search" context "defender filters" %}``).

When a test here fails after you added a string: run
``.venv/bin/python scripts/messages.py``, translate the new entries in each
``django.po``, and run it again.
"""

from __future__ import annotations

import gettext
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.utils import translation

from tests.catalogues import (
    CATALOGUES,
    LANGUAGES,
    messages_script,
)
from wagtail_defenders.models import DefenderPage


@pytest.fixture(params=CATALOGUES)
def catalogue(request):
    if not request.param.root.exists():
        pytest.skip(f"{request.param.root.name}/ is not part of this checkout")
    return request.param


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_extracted_string_is_translated_and_compiled(catalogue, language):
    assert messages_script.problems(language, catalogue.root) == []


def test_the_catalogues_are_the_five_interface_languages():
    assert set(LANGUAGES) == {"nl", "fr", "es", "ar"}  # and English, the source
    for language in LANGUAGES:
        po_path, mo_path = messages_script.catalogue_paths(language)
        assert po_path.exists() and mo_path.exists()


def _wagtail_plural_forms(language: str) -> str:
    import wagtail

    path = Path(wagtail.__file__).parent / "admin" / "locale" / language
    return polib.pofile(str(path / "LC_MESSAGES" / "django.po")).metadata[
        "Plural-Forms"
    ]


#: Numbers that tell every CLDR plural rule of the five languages apart.
PLURAL_SAMPLES = [*range(0, 250), 1000, 1001, 1_000_000, 2_000_000, 2_000_001]


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_forms_are_valid_and_agree_with_wagtail(catalogue, language):
    """The header parses, every form is reachable, and n picks the form Wagtail's
    own catalogue of that language picks (so "3 defenders" and "3 pages" agree)."""
    po_path, mo_path = messages_script.catalogue_paths(language, catalogue.root)
    header = polib.pofile(str(po_path)).metadata["Plural-Forms"]
    nplurals, plural = messages_script.plural_function(header)
    assert nplurals == messages_script.LANGUAGES[language].nplurals
    assert {plural(n) for n in PLURAL_SAMPLES} == set(range(nplurals))
    wagtail_nplurals, wagtail_plural = messages_script.plural_function(
        _wagtail_plural_forms(language)
    )
    assert nplurals == wagtail_nplurals
    assert [plural(n) for n in PLURAL_SAMPLES] == [
        wagtail_plural(n) for n in PLURAL_SAMPLES
    ]
    with mo_path.open("rb") as compiled:
        assert gettext.GNUTranslations(compiled).plural(21) == plural(21)
    for entry in polib.pofile(str(po_path)):
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == list(range(nplurals)), entry.msgid


def test_arabic_has_six_plural_forms():
    _nplurals, plural = messages_script.plural_function(
        messages_script.LANGUAGES["ar"].plural_forms
    )
    assert [plural(n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111)] == [
        0, 1, 2, 3, 3, 4, 4, 5, 5, 3, 4,
    ]  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_match_the_english(catalogue, language):
    po_path, _mo_path = messages_script.catalogue_paths(language, catalogue.root)
    found = []
    for entry in polib.pofile(str(po_path)):
        found.extend(messages_script.placeholder_problems(entry))
    assert found == []


def test_placeholder_check_catches_a_dropped_or_renamed_placeholder():
    entry = polib.POEntry(msgid="Take down %(title)s", msgstr="%(titel)s offline halen")
    assert len(messages_script.placeholder_problems(entry)) == 1
    entry.msgstr = "Offline halen"
    assert len(messages_script.placeholder_problems(entry)) == 1
    entry.msgstr = "%(title)s offline halen (100%%)"
    assert messages_script.placeholder_problems(entry) == []
    plural = polib.POEntry(
        msgid="%(counter)s defender",
        msgid_plural="%(counter)s defenders",
        msgstr_plural={0: "%(counter)s verdediger", 1: "verdedigers"},
    )
    assert len(messages_script.placeholder_problems(plural)) == 1


def test_extraction_finds_python_and_template_strings():
    found = messages_script.extract()
    assert (None, "host city") in found  # a model field
    assert (None, "Defender taxonomies") in found  # an admin menu
    assert (None, "Clear filters") in found  # {% translate %}
    assert ("pagination", "Next") in found  # {% translate ... context %}
    assert ("taxonomy term", "name") in found  # pgettext_lazy
    plural = found[(None, "%(counter)s defender")]  # {% blocktranslate count %}
    assert plural.msgid_plural == "%(counter)s defenders"
    assert (None, "Page %(number)s of %(total)s") in found


def test_a_missing_translation_is_reported(tmp_path):
    """The check fails for an untranslated string and for a stale .mo file."""
    package = tmp_path / "wagtail_defenders"
    (package / "templates").mkdir(parents=True)
    (package / "labels.py").write_text(
        "from django.utils.translation import gettext_lazy as _\n"
        "LABELS = [_('Theme'), _('A brand new label')]\n"
    )
    (package / "templates" / "page.html").write_text(
        "{% load i18n %}{% translate 'Next' context 'pagination' %}"
        "{% blocktranslate trimmed with n=3 %}\n  {{ n }} pages\n{% endblocktranslate %}"
    )
    messages_script.update_po("nl", messages_script.extract(package), package)
    po_path, mo_path = messages_script.catalogue_paths("nl", package)
    po = polib.pofile(str(po_path))
    assert {(entry.msgctxt, entry.msgid) for entry in po} == {
        (None, "Theme"),
        (None, "A brand new label"),
        ("pagination", "Next"),
        (None, "%(n)s pages"),
    }
    for entry in po:
        entry.msgstr = "" if entry.msgid == "A brand new label" else "x"
    po.find("%(n)s pages").msgstr = "%(n)s pagina's"
    po.save()
    messages_script.compile_mo("nl", package)
    assert messages_script.problems("nl", package) == [
        "'A brand new label' has no nl translation."
    ]
    po = polib.pofile(str(po_path))
    po.find("Theme").msgstr = "Thema"
    po.save()
    assert messages_script.problems("nl", package)[-1] == (
        "django.mo is out of date with django.po."
    )


def test_an_arabic_plural_needs_all_six_forms(tmp_path):
    package = tmp_path / "wagtail_defenders"
    package.mkdir()
    (package / "counts.py").write_text(
        "from django.utils.translation import ngettext\n"
        "ngettext('%(n)s city', '%(n)s cities', 3)\n"
    )
    po = messages_script.update_po("ar", messages_script.extract(package), package)
    (entry,) = po
    assert sorted(entry.msgstr_plural) == [0, 1, 2, 3, 4, 5]
    assert po.metadata["Plural-Forms"].startswith("nplurals=6;")
    entry.msgstr_plural = {form: f"%(n)s مدينة {form}" for form in range(5)}
    po.save()
    messages_script.compile_mo("ar", package)
    assert messages_script.problems("ar", package) == [
        "'%(n)s city' has no ar translation."
    ]
    entry.msgstr_plural[5] = "%(n)s مدينة"
    po.save()
    messages_script.compile_mo("ar", package)
    assert messages_script.problems("ar", package) == []


def test_django_uses_the_catalogues():
    from wagtail_defenders.models import City, Theme

    def defenders(count: int) -> str:
        return translation.ngettext(
            "%(counter)s defender", "%(counter)s defenders", count
        ) % {"counter": count}

    with translation.override("nl"):
        assert str(Theme._meta.verbose_name_plural) == "thema's"
        assert str(City._meta.verbose_name) == "stad"
        assert str(DefenderPage._meta.get_field("city").verbose_name) == "gaststad"
        assert translation.gettext("Human rights defender") == "Mensenrechtenverdediger"
        assert defenders(3) == "3 verdedigers"
    with translation.override("fr"):
        assert translation.gettext("Human rights defender") == (
            "Défenseur·e des droits humains"
        )
        assert translation.pgettext("pagination", "Next") == "Suivant"
        assert [defenders(n) for n in (0, 1, 2)] == [
            "0 défenseur·e",
            "1 défenseur·e",
            "2 défenseur·es",
        ]
    with translation.override("es"):
        assert translation.gettext("Human rights defender") == (
            "Defensor(a) de derechos humanos"
        )
        assert str(DefenderPage._meta.get_field("city").verbose_name) == (
            "ciudad de acogida"
        )
    with translation.override("ar"):
        assert translation.get_language_bidi()
        assert translation.gettext("Human rights defenders") == (
            "المدافعون عن حقوق الإنسان"
        )
        assert [defenders(n) for n in (0, 1, 2, 3, 11, 100)] == [
            "0 مدافع",
            "1 مدافع",
            "2 مدافعان",
            "3 مدافعين",
            "11 مدافعًا",
            "100 مدافع",
        ]


def _other_catalogue_dirs() -> list[Path]:
    """The ``locale`` directories of Django and of every installed app but ours."""
    import django

    directories = [Path(django.__file__).parent / "conf" / "locale"]
    for app_config in apps.get_app_configs():
        if app_config.name == "wagtail_defenders":
            continue
        directory = Path(app_config.path) / "locale"
        if directory.is_dir():
            directories.append(directory)
    return directories


def other_msgids() -> dict[str, str]:
    """Every msgid without context that another catalogue translates -> its app.

    The English catalogue lists all of an app's msgids; an app without one is read
    from all its languages.
    """
    found: dict[str, str] = {}
    for directory in _other_catalogue_dirs():
        english = directory / "en" / "LC_MESSAGES" / "django.po"
        paths = [english] if english.exists() else directory.glob("*/LC_MESSAGES/*.po")
        for path in paths:
            if path.name != "django.po":
                continue
            for entry in polib.pofile(str(path)):
                if not entry.msgctxt:
                    found.setdefault(entry.msgid, str(directory.parent))
    return found


def test_no_msgid_without_context_is_also_in_wagtails_or_djangos(catalogue):
    """Django merges every app's catalogue: without a context, the package's (or
    the example site's) "Search" would replace Wagtail's "Search" in the admin."""
    others = other_msgids()
    assert "Search" in others and "Next" in others  # the check sees Wagtail's words
    colliding = sorted(
        (msgid, others[msgid])
        for context, msgid in messages_script.extract(catalogue.root)
        if context is None and msgid in others
    )
    assert colliding == []


def test_the_example_site_does_not_override_the_package():
    """The example site's ``LOCALE_PATHS`` catalogue comes first: it may not
    translate the package's own msgids (in another wording)."""
    if not messages_script.EXAMPLE_PROJECT.exists():
        pytest.skip("example_project/ is not part of this checkout")
    package = set(messages_script.extract())
    example = set(messages_script.extract(messages_script.EXAMPLE_PROJECT))
    assert package & example == set()


def test_the_package_leaves_wagtails_words_to_wagtail():
    """Wagtail's own "Promote" tab keeps Wagtail's Dutch, not the package's."""
    import wagtail

    wagtail_dutch = polib.mofile(
        str(Path(wagtail.__file__).parent / "admin/locale/nl/LC_MESSAGES/django.mo")
    ).find("Promote")
    with translation.override("nl"):
        assert translation.gettext("Search") == "Zoeken"
        assert translation.gettext("Promote") == wagtail_dutch.msgstr
        assert translation.pgettext("defender filters", "Search") == "Zoeken"
