"""Alphabetical order as readers of a language expect it (collation).

The database's ``ORDER BY name`` follows its collation: byte order on SQLite, the
server's default on PostgreSQL and MySQL, so "Égypte" came after "Zambie" and
"eSwatini" after every capital. :func:`sort_key` gives a key for ``sorted()``
that follows the Unicode Collation Algorithm instead, from the best library
present:

1. **PyICU**, when the site has it installed: ICU's collation tailored to the
   language (Spanish "ñ" after "n", Swedish "ö" after "z").
2. **pyuca** (a dependency, pure Python): the algorithm's default order, which
   is what Dutch, English and French use, and close for the others: accents,
   case and other scripts in their alphabetical places.
3. Otherwise, the name case-folded with its accents removed: the fallback keeps
   "É" beside "E", though not every language's rules.

Keys are computed in Python, so the same order on every database backend.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

SortKey = Callable[[str], Any]


def sort_key(language: str | None) -> SortKey:
    """A key function that sorts names alphabetically in ``language`` (a
    language code such as ``"nl"``; ``None`` for no language in particular)."""
    return _icu_sort_key(language or "") or _uca_sort_key() or _folded


@lru_cache(maxsize=32)
def _icu_sort_key(language: str) -> SortKey | None:
    try:
        import icu
    except ImportError:
        return None
    collator = icu.Collator.createInstance(icu.Locale(language.replace("-", "_")))
    return collator.getSortKey


@lru_cache(maxsize=1)
def _uca_sort_key() -> SortKey | None:
    # Loading the collation table takes a moment: once per process.
    try:
        import pyuca
    except ImportError:
        return None
    collator = pyuca.Collator()
    return lambda name: (collator.sort_key(name), name)


def _folded(name: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    base = "".join(char for char in decomposed if not unicodedata.combining(char))
    return (base, name)
