"""The terms a profile revision refers to, and the ones it refers to that are gone.

A revision stores a profile as JSON (Wagtail's ``serializable_data``), its
country, city, status, the themes of its theme links and the statuses of its
updates as plain ids. Those keys are
``PROTECT``, which django-modelcluster cannot restore when the term no longer
exists: it raises "can't currently handle on_delete types other than CASCADE,
SET_NULL and DO_NOTHING", so the edit, revision and compare views and
``publish_scheduled`` fail. The package protects the terms of a profile's row,
its draft and its scheduled revisions (:mod:`wagtail_defenders.usage`); older
revisions may lose a term, and :func:`without_missing_terms` is how they still
load: the missing term is left out, and named so the editor can be told.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..conf import defenders_settings
from ..page_forms import HOST_CITY_FIELDS
from .taxonomy import City, Country, Status, TaxonomyTerm, Theme

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from wagtail.models import Page as _PageBase
else:
    _PageBase = object

#: The keys of a profile's content that hold a term's id, with the term's model.
TERM_KEYS: dict[str, type[TaxonomyTerm]] = {
    "country": Country,
    "city": City,
    "status": Status,
}
#: The profile's theme links: a list of dicts, each with its theme's id.
THEME_LINKS = "defender_themes"
#: The profile's dated updates: a list of dicts, each with a status id or none.
UPDATES = "updates"


@dataclass(frozen=True)
class MissingTerm:
    """A term a revision refers to that no longer exists: which field, which id."""

    field: str  # "country", "city", "status" or "theme"
    pk: Any


def term_ids(content: dict) -> Iterator[tuple[type[TaxonomyTerm], Any]]:
    """Every (model, id) of a term that a profile revision's ``content`` uses."""
    for key, model in TERM_KEYS.items():
        if content.get(key) is not None:
            yield model, content[key]
    for link in content.get(THEME_LINKS) or []:
        if isinstance(link, dict) and link.get("theme") is not None:
            yield Theme, link["theme"]
    for update in content.get(UPDATES) or []:
        if isinstance(update, dict) and update.get("status") is not None:
            yield Status, update["status"]


def refers_to(content: dict, term: TaxonomyTerm) -> bool:
    """Whether a profile revision's ``content`` uses ``term``."""
    return any(
        isinstance(term, model) and _key(model, pk) == term.pk
        for model, pk in term_ids(content)
    )


def _key(model: type[TaxonomyTerm], pk: Any) -> Any:
    # An id as the database gives it back (JSON could hold "3" for 3).
    try:
        return model._meta.pk.to_python(pk)
    except Exception:  # not an id at all: it matches no term
        return pk


def _existing(model: type[TaxonomyTerm], ids: Iterable[Any]) -> set[Any]:
    wanted = {_key(model, pk) for pk in ids}
    if not wanted:
        return set()
    return set(
        model._default_manager.filter(pk__in=wanted).values_list("pk", flat=True)
    )


def without_missing_terms(content: dict) -> tuple[dict, list[MissingTerm]]:
    """``content`` without its references to terms that no longer exist, and those
    references. One query per kind of term it uses; ``content`` is not changed.
    """
    wanted: dict[type[TaxonomyTerm], set[Any]] = {}
    for model, pk in term_ids(content):
        wanted.setdefault(model, set()).add(pk)
    if not wanted:
        return content, []
    existing = {model: _existing(model, ids) for model, ids in wanted.items()}
    missing: list[MissingTerm] = []
    cleaned = dict(content)
    for key, model in TERM_KEYS.items():
        pk = content.get(key)
        if pk is not None and _key(model, pk) not in existing[model]:
            cleaned[key] = None
            missing.append(MissingTerm(key, pk))
    links = content.get(THEME_LINKS)
    if links:
        kept = []
        for link in links:
            pk = link.get("theme") if isinstance(link, dict) else None
            if pk is not None and _key(Theme, pk) not in existing.get(Theme, set()):
                missing.append(MissingTerm("theme", pk))
            else:
                kept.append(link)
        cleaned[THEME_LINKS] = kept
    updates = content.get(UPDATES)
    if updates:
        known = existing.get(Status, set())
        cleaned_updates = []
        for update in updates:
            pk = update.get("status") if isinstance(update, dict) else None
            if pk is not None and _key(Status, pk) not in known:
                # The update stays, without the status that is gone.
                missing.append(MissingTerm("status", pk))
                update = {**update, "status": None}
            cleaned_updates.append(update)
        cleaned[UPDATES] = cleaned_updates
    return cleaned, missing


class RevisionWithoutMissingTerms(_PageBase):
    """For a page model whose revisions refer to terms: a revision still loads,
    and still publishes, after one of its terms was deleted.

    ``DefenderPage`` mixes it in before ``Page``.
    """

    #: The terms the revision this object was loaded from referred to and that
    #: no longer exist (:func:`~.revision_content.without_missing_terms`).
    terms_missing_from_revision: list[MissingTerm] = []

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        """A profile from a revision's content, without the terms deleted since.

        django-modelcluster cannot restore a ``PROTECT`` key to a row that is
        gone, so a revision whose theme, country or city was deleted would not
        load anywhere (edit, revisions, compare, revert, ``publish_scheduled``).
        The missing terms are left out and listed in
        ``terms_missing_from_revision``, for the edit view to tell the editor.
        """
        missing: list[MissingTerm] = []
        if check_fks:
            data, missing = without_missing_terms(data)
            if missing:
                logger.warning(
                    "Profile %s: its revision refers to deleted terms, left out: %s",
                    data.get("pk"),
                    ", ".join(f"{term.field} {term.pk}" for term in missing),
                )
        obj = super().from_serializable_data(data, check_fks, strict_fks)
        if obj is not None:
            obj.terms_missing_from_revision = missing
        return obj

    def full_clean(self, *args: Any, exclude: Any = None, **kwargs: Any) -> None:
        """Wagtail's checks, without the country or city of a revision whose term
        was deleted since (``terms_missing_from_revision``).

        Publishing a revision cleans the page again: a scheduled revision whose
        country or city is gone would stop ``publish_scheduled`` (and every
        revision due after it) with a ``ValidationError``. It is published
        without the term instead, as the edit view shows it; the edit form
        still asks for one before an editor publishes. Where the site turns
        ``REQUIRE_HOST_CITY`` off, an empty host city or year of the stay is
        allowed too (the fields stay nullable in the database either way).
        """
        dropped = {term.field for term in self.terms_missing_from_revision}
        dropped &= {"country", "city"}
        if not defenders_settings.REQUIRE_HOST_CITY:
            # Optional on this site: an empty host city or year is no error.
            dropped |= {
                name for name in HOST_CITY_FIELDS if getattr(self, name) is None
            }
        if dropped:
            exclude = {*(exclude or ()), *dropped}
        super().full_clean(*args, exclude=exclude, **kwargs)
