#!/usr/bin/env python3
"""Keep the message catalogues in step with their source.

    .venv/bin/python scripts/messages.py           extract, merge and compile every catalogue
    .venv/bin/python scripts/messages.py --check   only report; exit 1 if anything is off

Two catalogues, each in Dutch, French, Spanish and Arabic (English is the source):
the package's (``src/wagtail_defenders/locale/``) and the example site's
(``example_project/locale/``).

Pure Python (Django and polib, both installed with the package), so no GNU gettext
is needed. Strings are extracted the way ``makemessages`` finds them:

- Python: calls of ``_``, ``gettext``, ``gettext_lazy``, ``pgettext``, ``ngettext``
  (and their ``_lazy`` / ``_noop`` forms) with literal arguments, in every module of
  the source tree except migrations;
- templates: Django's own ``templatize`` (what ``makemessages`` runs) turns
  ``{% translate %}`` and ``{% blocktranslate %}`` into gettext calls, read here
  with :mod:`ast`.

Updating keeps every existing translation, adds new strings with an empty
translation (fill them in, then run the script again to compile), and drops
strings the source no longer uses. ``tests/test_locale_catalogue.py`` fails while
a string is untranslated, a placeholder differs from the English, a plural has
the wrong number of forms or a ``.mo`` file is stale.
"""

from __future__ import annotations

import argparse
import ast
import gettext
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "wagtail_defenders"
EXAMPLE_PROJECT = ROOT / "example_project"


@dataclass(frozen=True)
class Language:
    """A language the catalogues are translated into, with its gettext header."""

    code: str
    team: str
    #: The same plural rules as Wagtail's and Django's (6.x) catalogues (CLDR).
    plural_forms: str

    @property
    def nplurals(self) -> int:
        return int(re.search(r"nplurals\s*=\s*(\d+)", self.plural_forms).group(1))


LANGUAGES: dict[str, Language] = {
    language.code: language
    for language in (
        Language("nl", "Dutch", "nplurals=2; plural=(n != 1);"),
        Language(
            "fr",
            "French",
            "nplurals=3; plural=(n == 0 || n == 1) ? 0 : "
            "n != 0 && n % 1000000 == 0 ? 1 : 2;",
        ),
        Language(
            "es",
            "Spanish",
            "nplurals=3; plural=n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;",
        ),
        Language(
            "ar",
            "Arabic",
            "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
            "n%100>=3 && n%100<=10 ? 3 : n%100>=11 && n%100<=99 ? 4 : 5;",
        ),
    )
}


@dataclass(frozen=True)
class Catalogue:
    """One source tree and the ``locale/`` directory that translates it."""

    project: str
    root: Path

    @property
    def locale(self) -> Path:
        return self.root / "locale"


CATALOGUES = (
    Catalogue("wagtail-defenders", PACKAGE),
    Catalogue("wagtail-defenders example site", EXAMPLE_PROJECT),
)

#: Header fields an older tool wrote that this script does not keep up to date.
STALE_HEADER_FIELDS = frozenset({"POT-Creation-Date", "PO-Revision-Date"})


def header(language: str, project: str = "wagtail-defenders") -> dict[str, str]:
    return {
        "Project-Id-Version": project,
        "Report-Msgid-Bugs-To": "",
        "Last-Translator": "wagtail-defenders developers",
        "Language-Team": LANGUAGES[language].team,
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": LANGUAGES[language].plural_forms,
    }


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


#: Directories below a source root that hold no translatable source.
_SKIPPED = frozenset({"migrations", "locale", "static", "media", "__pycache__"})


def _source_files(root: Path, pattern: str) -> list[Path]:
    return sorted(
        path
        for path in root.rglob(pattern)
        if not _SKIPPED.intersection(path.relative_to(root).parts)
    )


def extract(root: Path = PACKAGE) -> dict[tuple[str | None, str], Message]:
    """Every translatable string below ``root``, keyed by ``(msgctxt, msgid)``.

    Python modules anywhere (but migrations), and the ``.html`` files inside a
    ``templates`` directory.
    """
    found: dict[tuple[str | None, str], Message] = {}
    for path in _source_files(root, "*.py"):
        for message in python_messages(path):
            found.setdefault(message.key, message)
    for path in _source_files(root, "*.html"):
        if "templates" not in path.relative_to(root).parts:
            continue
        for message in template_messages(path):
            found.setdefault(message.key, message)
    return found


def catalogue_paths(language: str, root: Path = PACKAGE) -> tuple[Path, Path]:
    directory = root / "locale" / language / "LC_MESSAGES"
    return directory / "django.po", directory / "django.mo"


def _entry_key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt or None, entry.msgid)


def is_translated(entry: polib.POEntry, nplurals: int | None = None) -> bool:
    """Whether ``entry`` has a translation (every plural form, when ``nplurals``)."""
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        forms = entry.msgstr_plural
        if nplurals is not None and sorted(forms) != list(range(nplurals)):
            return False
        return bool(forms) and all(forms.values())
    return bool(entry.msgstr)


_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?([sdifrx%])")


def placeholders(text: str) -> list[str]:
    """The ``%`` placeholders of a Python-format string, sorted (``%%`` left out)."""
    found = []
    for name, conversion in _PLACEHOLDER.findall(text):
        if conversion != "%":
            found.append(f"%({name}){conversion}" if name else f"%{conversion}")
    return sorted(found)


def placeholder_problems(entry: polib.POEntry) -> list[str]:
    """Translations whose placeholders differ from the English ones."""
    where = repr(entry.msgid) + (
        f" (context {entry.msgctxt!r})" if entry.msgctxt else ""
    )
    expected = placeholders(entry.msgid_plural or entry.msgid)
    if entry.msgid_plural:
        translations = [text for _form, text in sorted(entry.msgstr_plural.items())]
    else:
        translations = [entry.msgstr]
    found = []
    for text in translations:
        if text and placeholders(text) != expected:
            found.append(
                f"{where}: the translation {text!r} has the placeholders "
                f"{placeholders(text)}, not {expected}."
            )
    return found


def plural_function(plural_forms: str):
    """The ``n -> form`` function of a ``Plural-Forms`` header (raises if invalid)."""
    match = re.fullmatch(
        r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*", plural_forms
    )
    if match is None:
        raise ValueError(f"Not a Plural-Forms header: {plural_forms!r}")
    return int(match.group(1)), gettext.c2py(match.group(2))


def update_po(language: str, messages: dict, root: Path = PACKAGE, project=None):
    """Merge ``messages`` into the language's ``.po`` file, keeping translations."""
    po_path, _mo_path = catalogue_paths(language, root)
    old = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
    previous = {_entry_key(entry): entry for entry in old if not entry.obsolete}
    po = polib.POFile(wrapwidth=79)
    project = project or old.metadata.get("Project-Id-Version") or "wagtail-defenders"
    po.header = f"{LANGUAGES[language].team} translation of {project}."
    fields = header(language, project)
    po.metadata = {
        **fields,
        **{
            key: value
            for key, value in old.metadata.items()
            if key not in fields and key not in STALE_HEADER_FIELDS
        },
    }
    nplurals = LANGUAGES[language].nplurals
    for key in sorted(messages, key=lambda key: (key[1].lower(), key[1], key[0] or "")):
        message = messages[key]
        entry = polib.POEntry(
            msgid=message.msgid,
            msgctxt=message.msgctxt,
            msgid_plural=message.msgid_plural,
        )
        if placeholders(message.msgid) or placeholders(message.msgid_plural):
            entry.flags.append("python-format")
        known = previous.get(key)
        if known is not None:
            entry.msgstr = known.msgstr
            entry.msgstr_plural = dict(known.msgstr_plural)
            entry.tcomment = known.tcomment
            if "fuzzy" in known.flags:
                entry.flags.append("fuzzy")
        if message.msgid_plural:
            entry.msgstr_plural = {
                form: entry.msgstr_plural.get(form, "") for form in range(nplurals)
            }
        po.append(entry)
    po_path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(po_path))
    return po


def compile_mo(language: str, root: Path = PACKAGE) -> None:
    """Write the ``.mo`` file from the ``.po`` file (translated entries only)."""
    po_path, mo_path = catalogue_paths(language, root)
    po = polib.pofile(str(po_path))
    compiled = polib.POFile()
    compiled.metadata = po.metadata
    nplurals = LANGUAGES[language].nplurals
    for entry in po:
        if is_translated(entry, nplurals):
            compiled.append(entry)
    compiled.save_as_mofile(str(mo_path))


def problems(language: str, root: Path = PACKAGE) -> list[str]:
    """What is wrong with a language's catalogue, as sentences; empty when all is well."""
    po_path, mo_path = catalogue_paths(language, root)
    if not po_path.exists():
        return [f"{po_path} is missing."]
    po = polib.pofile(str(po_path))
    found: list[str] = []
    expected_forms = LANGUAGES[language].plural_forms
    if po.metadata.get("Plural-Forms") != expected_forms:
        found.append(
            f"{po_path.name} has the Plural-Forms {po.metadata.get('Plural-Forms')!r},"
            f" not {expected_forms!r}."
        )
    nplurals = LANGUAGES[language].nplurals
    entries = {_entry_key(entry): entry for entry in po if not entry.obsolete}
    for key, message in extract(root).items():
        entry = entries.get(key)
        where = f"{message.msgid!r}" + (f" (context {key[0]!r})" if key[0] else "")
        if entry is None:
            found.append(f"{where} is not in {po_path.name}.")
        elif not is_translated(entry, nplurals):
            found.append(f"{where} has no {language} translation.")
        else:
            found.extend(placeholder_problems(entry))
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
        if is_translated(entry, nplurals)
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
    for catalogue in CATALOGUES:
        messages = extract(catalogue.root)
        for language in LANGUAGES:
            if not arguments.check:
                update_po(language, messages, catalogue.root, catalogue.project)
                compile_mo(language, catalogue.root)
            for problem in problems(language, catalogue.root):
                where = catalogue.locale.relative_to(ROOT) / language
                print(f"{where}: {problem}")
                status = 1
    if status == 0:
        print("The message catalogues are complete and compiled.")
    return status


if __name__ == "__main__":
    sys.exit(main())
