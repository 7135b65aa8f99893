"""The package's own strings are all marked for translation and translated into Dutch.

Two independent routes find the strings. ``scripts/messages.py`` reads the source
the way ``makemessages`` does (Python calls, Django's ``templatize`` for templates).
The tests here also walk what the running site shows editors and visitors: model
fields, ``Meta`` names, StreamField blocks, admin panels and menu labels, and every
template's plain text. So a label that is not marked fails, and so does a marked
string that the Dutch catalogue (``locale/nl``) lacks, or a stale ``.mo`` file.
When a test here fails after you added a string: run
``.venv/bin/python scripts/messages.py``, translate the new entries in
``src/wagtail_defenders/locale/nl/LC_MESSAGES/django.po``, and run it again.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.db import models
from django.template.base import Lexer, TokenType
from django.utils import translation
from django.utils.functional import Promise
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.models import Orderable, Page, TranslatableMixin

from wagtail_defenders.blocks import DefenderBodyBlock
from wagtail_defenders.models import DefenderIndexPage, DefenderPage

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "wagtail_defenders"


def _load_messages_script():
    spec = importlib.util.spec_from_file_location(
        "defenders_messages", ROOT / "scripts" / "messages.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


messages_script = _load_messages_script()


def dutch_catalogue() -> dict[tuple[str | None, str], polib.POEntry]:
    po_path, _mo_path = messages_script.catalogue_paths("nl")
    return {
        (entry.msgctxt or None, entry.msgid): entry
        for entry in polib.pofile(str(po_path))
        if not entry.obsolete
    }


def msgid(text: Promise) -> str:
    """The untranslated id behind a lazy ``gettext_lazy`` string."""
    return text._args[0]


# -- the catalogue itself -----------------------------------------------------------


def test_every_extracted_string_is_translated_and_compiled():
    assert messages_script.problems("nl") == []


def test_extraction_finds_python_and_template_strings():
    found = messages_script.extract()
    assert (None, "host city") in found  # a model field
    assert (None, "Defender taxonomies") in found  # an admin menu
    assert (None, "Clear filters") in found  # {% translate %}
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
        "{% load i18n %}{% translate 'Next' %}"
        "{% blocktranslate trimmed with n=3 %}\n  {{ n }} pages\n{% endblocktranslate %}"
    )
    messages_script.update_po("nl", messages_script.extract(package), package)
    po_path, mo_path = messages_script.catalogue_paths("nl", package)
    po = polib.pofile(str(po_path))
    assert {entry.msgid for entry in po} == {
        "Theme",
        "A brand new label",
        "Next",
        "%(n)s pages",
    }
    for entry in po:
        entry.msgstr = "" if entry.msgid == "A brand new label" else "x"
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


def test_django_uses_the_dutch_catalogue():
    from wagtail_defenders.models import City, Theme

    with translation.override("nl"):
        assert str(Theme._meta.verbose_name_plural) == "thema's"
        assert str(City._meta.verbose_name) == "stad"
        assert str(DefenderPage._meta.get_field("city").verbose_name) == "gaststad"
        assert translation.gettext("Human rights defender") == "Mensenrechtenverdediger"
        assert (
            translation.ngettext("%(counter)s defender", "%(counter)s defenders", 3)
            % {"counter": 3}
            == "3 verdedigers"
        )


# -- what the running site shows: everything must be marked -------------------------


def _wagtail_field_names() -> set[str]:
    names = {field.name for field in Page._meta.get_fields()}
    for mixin in (TranslatableMixin, Orderable):
        names |= {field.name for field in mixin._meta.get_fields()}
    return names


def _package_models() -> list[type[models.Model]]:
    return list(apps.get_app_config("wagtail_defenders").get_models())


def model_labels() -> list[tuple[str, object]]:
    """Verbose names and help texts of the package's own fields and models."""
    labels: list[tuple[str, object]] = []
    inherited = _wagtail_field_names()
    for model in _package_models():
        where = model.__name__
        labels.append((f"{where}.Meta.verbose_name", model._meta.verbose_name))
        labels.append(
            (f"{where}.Meta.verbose_name_plural", model._meta.verbose_name_plural)
        )
        for field in model._meta.get_fields():
            if (
                field.auto_created
                or field.name in inherited
                or isinstance(field, ParentalKey)
                or not getattr(field, "editable", False)
            ):
                continue
            labels.append((f"{where}.{field.name}.verbose_name", field.verbose_name))
            if field.help_text:
                labels.append((f"{where}.{field.name}.help_text", field.help_text))
            # CountryField's choices are django-countries' names, translated there.
            choices = [] if isinstance(field, CountryField) else field.flatchoices
            for value, label in choices or []:
                if value not in ("", None):
                    labels.append((f"{where}.{field.name}.choice {value}", label))
    return labels


def block_labels(block: blocks.Block, path: str) -> list[tuple[str, object]]:
    labels = [(f"{path}.label", block.label)]
    if getattr(block.meta, "help_text", None):
        labels.append((f"{path}.help_text", block.meta.help_text))
    if getattr(block.meta, "description", None):
        labels.append((f"{path}.description", block.meta.description))
    if isinstance(block, blocks.ChoiceBlock):
        for value, label in block.field.choices:
            if value:
                labels.append((f"{path}.choice {value}", label))
    for name, child in getattr(block, "child_blocks", {}).items():
        labels.extend(block_labels(child, f"{path}.{name}"))
    return labels


def panel_labels(panel, path: str) -> list[tuple[str, object]]:
    labels = []
    for attribute in ("heading", "label", "help_text"):
        value = getattr(panel, attribute, "")
        if value:
            labels.append((f"{path}.{attribute}", value))
    for index, child in enumerate(getattr(panel, "children", [])):
        labels.extend(panel_labels(child, f"{path}[{index}]"))
    return labels


def admin_labels() -> list[tuple[str, object]]:
    from wagtail_defenders import wagtail_hooks

    labels = [
        (
            "AppConfig.verbose_name",
            apps.get_app_config("wagtail_defenders").verbose_name,
        )
    ]
    group = wagtail_hooks.DefenderTaxonomyGroup
    labels.append(("DefenderTaxonomyGroup.menu_label", group.menu_label))
    for viewset in group.items:
        labels.append((f"{viewset.__name__}.menu_label", viewset.menu_label))
    for page_model in (DefenderIndexPage, DefenderPage):
        handler = page_model.get_edit_handler()
        labels.extend(panel_labels(handler, page_model.__name__))
    return labels


def all_labels() -> list[tuple[str, object]]:
    labels = model_labels() + admin_labels()
    labels += block_labels(DefenderBodyBlock(), "DefenderBodyBlock")
    return labels


def test_every_label_is_marked_for_translation():
    unmarked = [
        (where, value)
        for where, value in all_labels()
        if value and not isinstance(value, Promise)
    ]
    assert unmarked == []


def test_every_label_is_in_the_dutch_catalogue():
    catalogue = dutch_catalogue()
    own_strings = set(messages_script.extract())
    missing = []
    for where, value in all_labels():
        if not isinstance(value, Promise):
            continue
        key = (None, msgid(value))
        if key in own_strings and not messages_script.is_translated(
            catalogue.get(key, polib.POEntry())
        ):
            missing.append((where, key[1]))
        elif key not in own_strings and not _from_another_catalogue(value):
            missing.append((where, key[1]))
    assert missing == []


def _from_another_catalogue(value: Promise) -> bool:
    """True when Django or Wagtail translate this label (it is not the package's)."""
    with translation.override("nl"):
        translated = str(value)
    return translated != msgid(value)


# -- templates: no visible text outside translation tags ----------------------------

_TAG = re.compile(r"<[^>]*>", re.DOTALL)
_WORD = re.compile(r"[A-Za-z]{2,}")
_TEXT_ATTRIBUTE = re.compile(
    r"""\b(?:aria-label|alt|title|placeholder)=["']([^"']*)["']""", re.IGNORECASE
)


def untranslated_template_text(source: str) -> list[str]:
    """Words a visitor would see that are not inside a translation tag.

    Template tags and variables become a placeholder without letters, so what is
    left after removing HTML tags (which may span several tokens) is plain text.
    Attribute values that people read (``alt``, ``aria-label``, ...) count too.
    """
    text: list[str] = []
    in_comment = in_translation = False
    for token in Lexer(source).tokenize():
        contents = token.contents.strip()
        if token.token_type == TokenType.BLOCK:
            name = contents.split()[0] if contents else ""
            if name == "comment":
                in_comment = True
            elif name == "endcomment":
                in_comment = False
            elif name in ("blocktranslate", "blocktrans"):
                in_translation = True
            elif name in ("endblocktranslate", "endblocktrans"):
                in_translation = False
            text.append("\x00")
        elif token.token_type == TokenType.TEXT and not (in_comment or in_translation):
            text.append(token.contents)
        else:
            text.append("\x00")
    markup = "".join(text)
    found = [value for value in _TEXT_ATTRIBUTE.findall(markup) if _WORD.search(value)]
    found.extend(_WORD.findall(_TAG.sub(" ", markup)))
    return found


TEMPLATES = sorted((PACKAGE / "templates").rglob("*.html"))


@pytest.mark.parametrize(
    "template", TEMPLATES, ids=[str(p.relative_to(PACKAGE)) for p in TEMPLATES]
)
def test_template_text_is_marked_for_translation(template):
    assert untranslated_template_text(template.read_text(encoding="utf-8")) == []


def test_template_check_catches_plain_text():
    source = (
        '{% load i18n %}<nav aria-label="Pages"><p>{% translate "Next" %}</p>'
        "<p>Previous page</p>{% comment %}not shown{% endcomment %}</nav>"
    )
    assert untranslated_template_text(source) == ["Pages", "Previous", "page"]
