"""Everything the running site shows editors and visitors is marked for
translation and in the catalogues (``tests/test_locale_catalogue.py`` checks the
catalogues themselves): model fields, ``Meta`` names, StreamField blocks, admin
panels and menu labels, and every template's plain text.

When a test here fails after you added a string: run
``.venv/bin/python scripts/messages.py``, translate the new entries in each
``django.po``, and run it again."""

from __future__ import annotations

import re

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

from tests.catalogues import (
    LANGUAGES,
    PACKAGE,
    message_key,
    messages_script,
    package_catalogue,
)
from wagtail_defenders.blocks import DefenderBodyBlock
from wagtail_defenders.models import DefenderIndexPage, DefenderPage


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


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_label_is_in_the_catalogues(language):
    """Each label is the package's and translated, or one Django or Wagtail translate."""
    catalogue = package_catalogue(language)
    own_strings = set(messages_script.extract())
    missing = []
    for where, value in all_labels():
        if not isinstance(value, Promise):
            continue
        key = message_key(value)
        if key in own_strings and not messages_script.is_translated(
            catalogue.get(key, polib.POEntry())
        ):
            missing.append((where, key))
        elif key not in own_strings and not _from_another_catalogue(value):
            missing.append((where, key))
    assert missing == []


def _from_another_catalogue(value: Promise) -> bool:
    """True when Django or Wagtail translate this label (it is not the package's)."""
    with translation.override("nl"):
        translated = str(value)
    return translated != message_key(value)[1]


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
