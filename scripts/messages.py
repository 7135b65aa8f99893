#!/usr/bin/env python3
"""Keep the package's Dutch message catalogue in step with its source.

    .venv/bin/python scripts/messages.py           update locale/nl: extract, merge, compile
    .venv/bin/python scripts/messages.py --check   only report; exit 1 if anything is off

Pure Python (Django and polib, both installed with the package), so no GNU gettext
is needed. Strings are extracted the way ``makemessages`` finds them:

- Python: calls of ``_``, ``gettext``, ``gettext_lazy``, ``pgettext``, ``ngettext``
  (and their ``_lazy`` / ``_noop`` forms) with literal arguments, in every module of
  ``src/wagtail_defenders`` except migrations;
- templates: Django's own ``templatize`` (what ``makemessages`` runs) turns
  ``{% translate %}`` and ``{% blocktranslate %}`` into gettext calls, read here
  with :mod:`ast`.

Updating keeps every existing translation, adds new strings with an empty
translation (fill them in, then run the script again to compile), and drops
strings the source no longer uses. ``tests/test_locale_catalogue.py`` fails while
a string is untranslated or the ``.mo`` file is stale.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "wagtail_defenders"
LANGUAGES = ("nl",)

#: Function name -> (index of the context argument or None, number of message arguments).
KEYWORDS: dict[str, tuple[int | None, int]] = {}
for _name in ("_", "gettext", "gettext_lazy", "gettext_noop"):
    KEYWORDS[_name] = (None, 1)
for _name in ("pgettext", "pgettext_lazy"):
    KEYWORDS[_name] = (0, 1)
for _name in ("ngettext", "ngettext_lazy"):
    KEYWORDS[_name] = (None, 2)
for _name in ("npgettext", "npgettext_lazy"):
    KEYWORDS[_name] = (0, 2)

HEADER = {
    "nl": {
        "Project-Id-Version": "wagtail-defenders",
        "Report-Msgid-Bugs-To": "",
        "Last-Translator": "wagtail-defenders developers",
        "Language-Team": "Dutch",
        "Language": "nl",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
}


@dataclass(frozen=True)
class Message:
    """One translatable string: its id, plural id and context, as gettext keys them."""

    msgid: str
    msgid_plural: str = ""
    msgctxt: str | None = None

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)


def _call_messages(tree: ast.AST) -> list[Message]:
    messages = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in KEYWORDS:
            continue
        context_index, count = KEYWORDS[name]
        first = 0 if context_index is None else 1
        arguments = node.args[: first + count]
        if len(arguments) < first + count or not all(
            isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            for arg in arguments
        ):
            continue  # not a literal: nothing makemessages could extract either
        values = [arg.value for arg in arguments]
        messages.append(
            Message(
                msgid=values[first],
                msgid_plural=values[first + 1] if count == 2 else "",
                msgctxt=values[0] if context_index is not None else None,
            )
        )
    return messages


def python_messages(path: Path) -> list[Message]:
    """The translatable strings of one Python module."""
    return _call_messages(ast.parse(path.read_text(encoding="utf-8"), str(path)))


_TEMPLATE_CALL = re.compile(r"\b(?:npgettext|ngettext|pgettext|gettext|_)\(")


def template_messages(path: Path) -> list[Message]:
    """The translatable strings of one template, found by Django's ``templatize``."""
    from django.utils.translation.template import templatize

    text = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    messages: list[Message] = []
    for match in _TEMPLATE_CALL.finditer(text):
        # Everything but the emitted calls is blanked out to letters, so the
        # first closing parenthesis that makes a valid call ends this one.
        for end in range(match.end(), len(text)):
            if text[end] != ")":
                continue
            try:
                expression = ast.parse(text[match.start() : end + 1], mode="eval")
            except SyntaxError:
                continue
            messages.extend(_call_messages(expression))
            break
    return messages


def extract(package: Path = PACKAGE) -> dict[tuple[str | None, str], Message]:
    """Every translatable string of the package, keyed by ``(msgctxt, msgid)``."""
    found: dict[tuple[str | None, str], Message] = {}
    for path in sorted(package.rglob("*.py")):
        if "migrations" in path.relative_to(package).parts:
            continue
        for message in python_messages(path):
            found.setdefault(message.key, message)
    for path in sorted((package / "templates").rglob("*.html")):
        for message in template_messages(path):
            found.setdefault(message.key, message)
    return found


def catalogue_paths(language: str, package: Path = PACKAGE) -> tuple[Path, Path]:
    directory = package / "locale" / language / "LC_MESSAGES"
    return directory / "django.po", directory / "django.mo"


def _entry_key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt or None, entry.msgid)


def is_translated(entry: polib.POEntry) -> bool:
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def update_po(language: str, messages: dict, package: Path = PACKAGE) -> polib.POFile:
    """Merge ``messages`` into the language's ``.po`` file, keeping translations."""
    po_path, _mo_path = catalogue_paths(language, package)
    old = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
    previous = {_entry_key(entry): entry for entry in old if not entry.obsolete}
    po = polib.POFile(wrapwidth=79)
    po.metadata = {
        **HEADER[language],
        **{
            key: value
            for key, value in old.metadata.items()
            if key not in HEADER[language]
        },
    }
    for key in sorted(messages, key=lambda key: (key[1].lower(), key[1], key[0] or "")):
        message = messages[key]
        entry = polib.POEntry(
            msgid=message.msgid,
            msgctxt=message.msgctxt,
            msgid_plural=message.msgid_plural,
        )
        if "%(" in message.msgid or "%s" in message.msgid or "%d" in message.msgid:
            entry.flags.append("python-format")
        known = previous.get(key)
        if known is not None:
            entry.msgstr = known.msgstr
            entry.msgstr_plural = dict(known.msgstr_plural)
            entry.tcomment = known.tcomment
            if "fuzzy" in known.flags:
                entry.flags.append("fuzzy")
        elif message.msgid_plural:
            entry.msgstr_plural = {0: "", 1: ""}
        po.append(entry)
    po_path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(po_path))
    return po


def compile_mo(language: str, package: Path = PACKAGE) -> None:
    """Write the ``.mo`` file from the ``.po`` file (translated entries only)."""
    po_path, mo_path = catalogue_paths(language, package)
    po = polib.pofile(str(po_path))
    compiled = polib.POFile()
    compiled.metadata = po.metadata
    for entry in po:
        if is_translated(entry):
            compiled.append(entry)
    compiled.save_as_mofile(str(mo_path))


def problems(language: str, package: Path = PACKAGE) -> list[str]:
    """What is wrong with a language's catalogue, as sentences; empty when all is well."""
    po_path, mo_path = catalogue_paths(language, package)
    if not po_path.exists():
        return [f"{po_path} is missing."]
    po = polib.pofile(str(po_path))
    entries = {_entry_key(entry): entry for entry in po if not entry.obsolete}
    found: list[str] = []
    for key, message in extract(package).items():
        entry = entries.get(key)
        where = f"{message.msgid!r}" + (f" (context {key[0]!r})" if key[0] else "")
        if entry is None:
            found.append(f"{where} is not in {po_path.name}.")
        elif not is_translated(entry):
            found.append(f"{where} has no {language} translation.")
    if not mo_path.exists():
        return [*found, f"{mo_path} is missing."]
    compiled = {
        _entry_key(entry): (entry.msgstr, entry.msgstr_plural)
        for entry in polib.mofile(str(mo_path))
        if entry.msgid
    }
    expected = {
        key: (entry.msgstr, entry.msgstr_plural)
        for key, entry in entries.items()
        if is_translated(entry)
    }
    if compiled != expected:
        found.append(f"{mo_path.name} is out of date with {po_path.name}.")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="report only; change nothing"
    )
    arguments = parser.parse_args()
    status = 0
    for language in LANGUAGES:
        if not arguments.check:
            update_po(language, extract())
            compile_mo(language)
        for problem in problems(language):
            print(f"{language}: {problem}")
            status = 1
    if status == 0:
        print("The message catalogues are complete and compiled.")
    return status


if __name__ == "__main__":
    sys.exit(main())
