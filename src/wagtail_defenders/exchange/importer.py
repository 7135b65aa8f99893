"""Writing imported profiles (``manage.py import_defenders``).

:class:`Importer` takes :class:`~.records.ProfileRecord`\\ s from a reader and
writes each in a transaction of its own: a record with any problem changes
nothing and never stops the others. What it promises:

- **drafts** unless ``publish``: nobody has checked an imported profile's safety
  settings yet. A live profile that is imported again gets a new draft revision,
  its published version stays until an editor publishes (or ``publish``);
- **idempotent**: every profile and image remembers its source and id
  (:class:`~wagtail_defenders.models.SourceRecord`); the same record again is
  left alone, a changed one updated, nothing made twice; a profile deleted (or
  erased) since is never made again: its record is skipped;
- **linked translations**: records of one translation group become the same
  profile's languages (one ``translation_key``, as Wagtail and wagtail-localize
  link them), each below the index page's version in its language;
- **cleaned on the way in**: rich text through ``clean_rich_text``
  (:mod:`.body`), portraits through the metadata stripping of
  :mod:`wagtail_defenders.images` before they are stored;
- ``dry_run``: every check and every write, rolled back; no file is stored.
"""

from __future__ import annotations

import datetime
import io
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Locale

from ..images.metadata import ImageMetadataError, strip_image_metadata
from ..models import (
    DefenderIndexPage,
    DefenderPage,
    DefenderPageTheme,
    DefenderUpdate,
    SourceRecord,
)
from ..models.pages import RESERVED_PROFILE_SLUGS
from ..models.updates import UPDATE_TEXT_FEATURES
from ..richtext import clean_rich_text
from .records import Problem, ProfileRecord
from .terms import TermFinder, TermProblem

#: The namespace of the translation keys an import gives a translation group.
TRANSLATION_NAMESPACE = uuid.UUID("0d7a4b52-5f6e-4c38-9a51-7a1f3e2f6c11")


class RecordProblems(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(problem) for problem in problems))


@dataclass
class Outcome:
    """What became of one record: ``created``, ``updated``, ``unchanged``,
    ``skipped`` (its profile was deleted since an earlier import) or ``failed``."""

    row: str
    source_id: str
    locale: str
    action: str
    page_id: int | None = None
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Known:
    record: SourceRecord
    page: DefenderPage | None


class Importer:
    """Imports records from one ``source`` below ``index`` (and its translations)."""

    def __init__(
        self,
        *,
        source: str,
        index: DefenderIndexPage,
        publish: bool = False,
        dry_run: bool = False,
        images: Path | None = None,
    ) -> None:
        self.source = source
        self.index = index
        self.publish = publish
        self.dry_run = dry_run
        self.images = _files_by_name(images) if images else None
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}

    def run(
        self,
        records: Iterable[ProfileRecord],
        progress: Callable[[Outcome], None] | None = None,
    ) -> list[Outcome]:
        outcomes = []
        for record in records:
            outcome = self.import_record(record)
            outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
        return outcomes

    def import_record(self, record: ProfileRecord) -> Outcome:
        """Write one record in its own transaction; its problems, if any, instead."""
        outcome = Outcome(record.row, record.source_id, record.locale, "failed")
        try:
            with transaction.atomic():
                self._write(record, outcome)
                if self.dry_run:
                    transaction.set_rollback(True)
        except RecordProblems as error:
            outcome.action = "failed"
            outcome.problems = error.problems
        return outcome

    def _write(self, record: ProfileRecord, outcome: Outcome) -> None:
        problems = list(record.problems)

        def problem(column: str, message: str) -> None:
            problems.append(Problem(record.row, column, message))

        if record.body.dropped_shortcodes:
            outcome.notes.append(
                "shortcodes dropped: " + ", ".join(record.body.dropped_shortcodes)
            )
        if not record.source_id:
            problem("source_id", "needed, so that the import can run again.")
        code = record.locale.lower()
        locale = self.locales.get(code) or self.locales.get(code.split("-")[0])
        if locale is None:
            problem("locale", f"use one of: {', '.join(sorted(self.locales))}.")
        title = record.title.strip()
        if not title or len(title) > 255:
            problem("title", "needed, at most 255 characters.")
        introduction = record.introduction.strip()
        if not introduction or len(introduction) > 1000:
            problem("introduction", "needed, at most 1000 characters.")
        year = _year(record.year, problem)
        start = _date(record.stay_start_date, "stay_start_date", problem)
        end = _date(record.stay_end_date, "stay_end_date", problem)
        if start and end and end < start:
            problem("stay_end_date", "cannot be before stay_start_date.")
        if locale is None:
            raise RecordProblems(problems)

        known = self._known(record.source_id)
        digest = record.digest()
        existing: DefenderPage | None = None
        if known is not None:
            if known.page is None:
                # Deleted (or erased) since: an import never brings it back.
                outcome.action = "skipped"
                outcome.notes.append(
                    "its profile was deleted; delete its source record to "
                    "import it again"
                )
                return
            if known.record.digest == digest:
                outcome.action, outcome.page_id = "unchanged", known.page.pk
                return
            existing = known.page

        parent = self.index.get_translation_or_none(locale)
        if parent is None:
            problem(
                "locale",
                f"the index page {self.index.pk} has no {locale.language_code} "
                "version: translate it first.",
            )
        terms = TermFinder()
        country = city = None
        themes = []
        if record.country:
            try:
                country = terms.country(record.country.strip(), locale)
            except TermProblem as error:
                problem("country", str(error))
        if record.city:
            try:
                city = terms.city(record.city.strip(), locale, country)
            except TermProblem as error:
                problem("city", str(error))
        for name in dict.fromkeys(name.strip() for name in record.themes):
            if name:
                themes.append(terms.theme(name, locale))
        status = None
        if record.status:
            try:
                status = terms.status(record.status.strip(), locale)
            except TermProblem as error:
                problem("status", str(error))
        updates = self._updates(record, locale, terms, problem)
        portrait = self._portrait(record, problem)
        if problems or parent is None:
            raise RecordProblems(problems)

        key = self._translation_key(record, locale, existing, problem)
        if problems:
            raise RecordProblems(problems)

        if existing is None:
            page = DefenderPage(
                title=title,
                slug=_free_slug(parent, record.slug or title),
                locale=locale,
                translation_key=key,
                live=False,
            )
        else:
            page = existing
        page.title = title
        page.draft_title = title
        page.introduction = introduction
        page.country, page.city, page.year = country, city, year
        page.status = status
        page.stay_start_date, page.stay_end_date = start, end
        if self.images is not None:  # without a folder, portraits stay as they are
            page.portrait = portrait
        page.portrait_alt_text = record.portrait_alt[:255]
        page.body = record.body.blocks
        page.defender_themes = [
            DefenderPageTheme(theme=theme, sort_order=position)
            for position, theme in enumerate(themes)
        ]
        # The source's public updates; the editors' notes (non-public updates)
        # made in Wagtail since the last import stay.
        notes = [update for update in page.updates.all() if not update.is_public]
        for position, update in enumerate([*notes, *updates]):
            update.sort_order = position
        page.updates = [*notes, *updates]
        if existing is None:
            parent.refresh_from_db(fields=["path", "depth", "numchild"])
            parent.add_child(instance=page)
            outcome.action = "created"
        else:
            if not page.live:
                page.save()  # a draft's row holds what its listings show
            outcome.action = "updated"
        revision = page.save_revision()
        if self.publish:
            revision.publish()
        self._remember(DefenderPage, record.source_id, page.pk, digest)
        outcome.page_id = page.pk
        outcome.notes += [
            f"new {type(term).__name__.lower()}: {term.name!r} ({locale.language_code})"
            for term in terms.created
        ]

    def _updates(
        self,
        record: ProfileRecord,
        locale: Locale,
        terms: TermFinder,
        problem: Callable[[str, str], None],
    ) -> list[DefenderUpdate]:
        """The record's updates as public ``DefenderUpdate``\\ s, oldest first."""
        updates = []
        for number, raw in enumerate(record.updates, start=1):
            column = f"updates[{number}]"
            day = _date(raw.get("date", ""), f"{column}.date", problem)
            if day is None:
                if not raw.get("date"):
                    problem(f"{column}.date", "needed, as YYYY-MM-DD.")
                continue
            heading = (raw.get("heading") or "").strip()
            if not heading:
                problem(f"{column}.heading", "needed, at most 255 characters.")
                continue
            status = None
            if raw.get("status"):
                try:
                    status = terms.status(raw["status"], locale)
                except TermProblem as error:
                    problem(f"{column}.status", str(error))
            updates.append(
                DefenderUpdate(
                    date=day,
                    heading=heading[:255],
                    text=clean_rich_text(raw.get("text") or "", UPDATE_TEXT_FEATURES),
                    status=status,
                    is_public=True,
                )
            )
        updates.sort(key=lambda update: update.date)
        return updates

    def _known(self, source_id: str) -> _Known | None:
        """The record of an earlier import of ``source_id``, with its profile
        (``None`` when it was deleted since)."""
        found = (
            SourceRecord.objects.of(self.source, DefenderPage)
            .filter(source_id=source_id)
            .first()
        )
        if found is None:
            return None
        return _Known(found, DefenderPage.objects.filter(pk=found.object_id).first())

    def _translation_key(
        self,
        record: ProfileRecord,
        locale: Locale,
        existing: DefenderPage | None,
        problem: Callable[[str, str], None],
    ) -> uuid.UUID:
        if existing is not None:
            return existing.translation_key
        if not record.translation_group:
            return uuid.uuid4()
        key = uuid.uuid5(
            TRANSLATION_NAMESPACE, f"{self.source}\x00{record.translation_group}"
        )
        if DefenderPage.objects.filter(translation_key=key, locale=locale).exists():
            problem(
                "translation_key",
                f"the group already has a {locale.language_code} profile: give "
                "each language of a profile one row.",
            )
        return key

    def _remember(
        self, model, source_id: str, object_id: int, digest: str = ""
    ) -> None:
        SourceRecord.objects.update_or_create(
            source=self.source,
            content_type=_content_type(model),
            source_id=source_id,
            defaults={"object_id": object_id, "digest": digest},
        )

    def _portrait(self, record: ProfileRecord, problem) -> Any:
        """The portrait's image: the one imported before, else the file from the
        images folder, stripped of its metadata before it is stored."""
        if not record.portrait:
            return None
        name = Path(urlparse(record.portrait).path).name
        if self.images is None:
            return None  # no folder given: portraits are left as they are
        image_model = get_image_model()
        image_key = f"image:{record.portrait_source_id or name}"
        known = SourceRecord.objects.of(self.source, image_model).filter(
            source_id=image_key
        )
        found = known.first()
        if found is not None:
            image = image_model.objects.filter(pk=found.object_id).first()
            if image is not None:
                return image
        path = self.images.get(name)
        if path is None:
            problem("portrait", f"no file named {name!r} in the images folder.")
            return None
        try:
            stripped = strip_image_metadata(io.BytesIO(path.read_bytes()))
        except (OSError, ImageMetadataError) as error:
            problem("portrait", f"{name!r} could not be cleaned: {error}")
            return None
        if stripped.format is None:
            problem("portrait", f"{name!r} is not an image (JPEG, PNG, GIF, WebP).")
            return None
        if self.dry_run:
            return None  # no file is written in a dry run
        image = image_model(
            title=path.stem[:255],
            file=ImageFile(io.BytesIO(stripped.content), name=name),
        )
        image.save()
        self._remember(image_model, image_key, image.pk)
        return image


def _content_type(model):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model, for_concrete_model=False)


def _files_by_name(folder: Path) -> dict[str, Path]:
    """Every file below ``folder`` by its name (WordPress keeps year/month folders)."""
    files: dict[str, Path] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            files.setdefault(path.name, path)
    return files


def _free_slug(parent, wanted: str) -> str:
    """A slug for a new profile below ``parent`` that no sibling has."""
    base = slugify(wanted, allow_unicode=True)[:240] or "defender"
    taken = set(parent.get_children().values_list("slug", flat=True))
    taken |= set(RESERVED_PROFILE_SLUGS)
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _year(raw: str, problem) -> int | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    if raw.isdigit() and 1900 <= int(raw) <= 2100:
        return int(raw)
    problem("year", "a year such as 2024 (1900 to 2100), or empty.")
    return None


def _date(raw: str, column: str, problem) -> datetime.date | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        problem(column, "a date as YYYY-MM-DD, such as 2024-03-01, or empty.")
        return None
