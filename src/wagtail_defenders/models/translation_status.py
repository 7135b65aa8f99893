"""Where each profile's translations stand: missing, a draft, up to date or out of date.

:func:`translation_statuses` answers, for every profile and every other locale,
one :class:`TranslationStatusRow`, in a fixed number of queries whatever the
number of profiles (one for the locales, one for the pages, two for
wagtail-localize's records). The "Profile translations" report
(:mod:`wagtail_defenders.translation_report`) shows and exports them.

The rule (also in ``docs/how-to/translation.md``):

- A profile is the set of pages that share a ``translation_key``. Its **source**
  is the page that wagtail-localize first took as a source (the oldest
  ``TranslationSource``), else the page in the default locale, else the oldest
  page of the set.
- **missing**: no page of the set is in that locale.
- **draft**: there is one, but it is not live.
- For a live translation that wagtail-localize manages (an enabled
  ``Translation`` of one of the set's sources into that locale), it is
  **out of date** when the source was published after wagtail-localize last read
  it (``TranslationSource.last_updated_at``: nobody synced the change yet), or when
  the translation was last published before that read (the synced change is not
  yet published in the translation). Otherwise **up to date**.
- For a live translation made without wagtail-localize (``copy_for_translation``,
  an import, by hand), it is **out of date** when the source was published after
  the translation was (their ``last_published_at``, the time of each one's live
  revision). Otherwise **up to date**.
- An alias follows its source on every publish: a live alias is **up to date**.

wagtail-localize's records are read only when its app is installed; without it
every translation counts as made by hand.
"""

from __future__ import annotations

import datetime
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from .pages import DefenderPage

__all__ = [
    "ProfileVersion",
    "TranslationStatus",
    "TranslationStatusRow",
    "translation_statuses",
]


class TranslationStatus(models.TextChoices):
    """Where one translation of a profile stands."""

    MISSING = "missing", pgettext_lazy("translation status", "Missing")
    DRAFT = "draft", _("Draft, not published")
    UP_TO_DATE = "up_to_date", _("Live and up to date")
    OUT_OF_DATE = "out_of_date", _("Out of date with its source")


@dataclass(frozen=True)
class ProfileVersion:
    """One page of a profile, as much of it as the report needs."""

    pk: int
    title: str
    locale_id: int
    live: bool
    last_published_at: datetime.datetime | None
    is_alias: bool


@dataclass(frozen=True)
class TranslationStatusRow:
    """A profile in one locale: its status and what it was decided from."""

    source: ProfileVersion
    source_locale: Locale
    locale: Locale
    status: TranslationStatus
    translation: ProfileVersion | None
    #: True when wagtail-localize manages this translation.
    managed_by_localize: bool = False
    #: When wagtail-localize last read the source (managed translations only).
    source_synced_at: datetime.datetime | None = None

    @property
    def title(self) -> str:
        return self.source.title

    @property
    def status_label(self) -> str:
        return str(self.status.label)

    @property
    def source_published_at(self) -> datetime.datetime | None:
        return self.source.last_published_at

    @property
    def translation_published_at(self) -> datetime.datetime | None:
        return self.translation.last_published_at if self.translation else None

    @property
    def page_id(self) -> int:
        """The page an editor opens: the translation, else the source."""
        return self.translation.pk if self.translation else self.source.pk


@dataclass(frozen=True)
class _LocalizeSource:
    pk: int
    locale_id: int
    created_at: datetime.datetime
    last_updated_at: datetime.datetime


def _before(earlier: datetime.datetime | None, later: datetime.datetime | None) -> bool:
    """True when ``earlier`` is known and before ``later`` (a known time)."""
    return earlier is not None and later is not None and earlier < later


def translation_statuses(
    profiles: models.QuerySet[DefenderPage] | None = None,
) -> list[TranslationStatusRow]:
    """Every profile among ``profiles`` (all, by default) in every other locale.

    A profile counts when any of its pages is among ``profiles``; its other
    pages are read too. Ordered by the source's title, then locale code.
    """
    locales = {locale.pk: locale for locale in Locale.objects.order_by("language_code")}
    pages = DefenderPage.objects.all()
    if profiles is not None:
        pages = pages.filter(translation_key__in=profiles.values("translation_key"))
    versions: dict[uuid.UUID, list[ProfileVersion]] = defaultdict(list)
    for row in pages.order_by("pk").values(
        "pk",
        "title",
        "locale_id",
        "live",
        "last_published_at",
        "alias_of_id",
        "translation_key",
    ):
        versions[row["translation_key"]].append(
            ProfileVersion(
                pk=row["pk"],
                title=row["title"],
                locale_id=row["locale_id"],
                live=row["live"],
                last_published_at=row["last_published_at"],
                is_alias=row["alias_of_id"] is not None,
            )
        )
    sources, translations = _localize_records(pages)
    default_locale_id = _default_locale_id(locales.values())
    rows = []
    for key, group in versions.items():
        in_locale = {version.locale_id: version for version in group}
        source = _source_of(group, in_locale, sources.get(key, []), default_locale_id)
        for locale in locales.values():
            if locale.pk == source.locale_id:
                continue
            translation = in_locale.get(locale.pk)
            # A translation that wagtail-localize manages is compared with its
            # own source, which may be another page than the profile's first.
            managed = translations.get((key, locale.pk))
            translation_source = source
            if managed is not None and managed.locale_id in in_locale:
                translation_source = in_locale[managed.locale_id]
            else:
                managed = None
            rows.append(
                TranslationStatusRow(
                    source=translation_source,
                    source_locale=locales[translation_source.locale_id],
                    locale=locale,
                    status=_status(translation_source, translation, managed),
                    translation=translation,
                    managed_by_localize=managed is not None,
                    source_synced_at=managed.last_updated_at if managed else None,
                )
            )
    rows.sort(key=lambda row: (row.source.title.casefold(), row.locale.language_code))
    return rows


def _default_locale_id(locales: Iterable[Locale]) -> int | None:
    try:
        code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        return None
    for locale in locales:
        if locale.language_code == code:
            return locale.pk
    return None


def _source_of(
    group: list[ProfileVersion],
    in_locale: dict[int, ProfileVersion],
    sources: list[_LocalizeSource],
    default_locale_id: int | None,
) -> ProfileVersion:
    for source in sorted(sources, key=lambda source: source.created_at):
        if source.locale_id in in_locale:
            return in_locale[source.locale_id]
    if default_locale_id in in_locale:
        return in_locale[default_locale_id]
    return group[0]


def _status(
    source: ProfileVersion,
    translation: ProfileVersion | None,
    managed: _LocalizeSource | None,
) -> TranslationStatus:
    """The module's rule for one translation of ``source``."""
    if translation is None:
        return TranslationStatus.MISSING
    if not translation.live:
        return TranslationStatus.DRAFT
    if translation.is_alias:
        return TranslationStatus.UP_TO_DATE
    if managed is not None:
        synced_at = managed.last_updated_at
        stale = _before(synced_at, source.last_published_at) or _before(
            translation.last_published_at, synced_at
        )
    else:
        stale = _before(translation.last_published_at, source.last_published_at)
    return TranslationStatus.OUT_OF_DATE if stale else TranslationStatus.UP_TO_DATE


def _localize_records(
    pages: models.QuerySet[DefenderPage],
) -> tuple[
    dict[uuid.UUID, list[_LocalizeSource]],
    dict[tuple[uuid.UUID, int], _LocalizeSource],
]:
    """wagtail-localize's sources of the pages' profiles (by translation key) and
    its enabled translations (by translation key and target locale)."""
    if not apps.is_installed("wagtail_localize"):
        return {}, {}
    from wagtail_localize.models import Translation, TranslationSource

    keys = pages.values("translation_key")
    sources: dict[uuid.UUID, list[_LocalizeSource]] = defaultdict(list)
    by_pk: dict[int, tuple[uuid.UUID, _LocalizeSource]] = {}
    for row in TranslationSource.objects.filter(object_id__in=keys).values(
        "pk", "object_id", "locale_id", "created_at", "last_updated_at"
    ):
        source = _LocalizeSource(
            pk=row["pk"],
            locale_id=row["locale_id"],
            created_at=row["created_at"],
            last_updated_at=row["last_updated_at"],
        )
        sources[row["object_id"]].append(source)
        by_pk[source.pk] = (row["object_id"], source)
    translations: dict[tuple[uuid.UUID, int], _LocalizeSource] = {}
    for source_id, target_locale_id in Translation.objects.filter(
        source_id__in=list(by_pk), enabled=True
    ).values_list("source_id", "target_locale_id"):
        key, source = by_pk[source_id]
        translations[(key, target_locale_id)] = source
    return sources, translations
