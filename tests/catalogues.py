"""The package's and the example site's message catalogues, as the translation
tests read them (``tests/test_locale_catalogue.py``,
``tests/test_interface_text_translated.py``): ``scripts/messages.py`` loaded
as a module, its languages and catalogues, and the keys of lazy strings."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import polib
import pytest
from django.utils.functional import Promise

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


LANGUAGES = tuple(messages_script.LANGUAGES)


CATALOGUES = [
    pytest.param(catalogue, id=catalogue.root.name)
    for catalogue in messages_script.CATALOGUES
]


def package_catalogue(language: str) -> dict[tuple[str | None, str], polib.POEntry]:
    po_path, _mo_path = messages_script.catalogue_paths(language)
    return {
        (entry.msgctxt or None, entry.msgid): entry
        for entry in polib.pofile(str(po_path))
        if not entry.obsolete
    }


def message_key(text: Promise) -> tuple[str | None, str]:
    """The ``(context, msgid)`` behind a lazy ``gettext_lazy`` or ``pgettext_lazy``."""
    if len(text._args) == 2:
        return text._args[0], text._args[1]
    return None, text._args[0]
