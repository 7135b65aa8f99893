"""Consent, recorded per use: what the defender agreed to, and until when.

A profile's ``consent_records`` inline holds one :class:`ConsentRecord` per use
(the story and name, the portrait, partner sites and apps through the API,
search engines, and each language), each with the day it was given, the day to
review it and, once withdrawn, the day it was withdrawn.

The records decide the safety switches (:func:`switches_from_consent`): once a
profile has any record, a use without consent in force has its switch set, and
the editor is told why. A profile without records (one made before consent was
recorded per use) keeps the switches its editor set. Withdrawing consent acts
when the profile is published (:mod:`wagtail_defenders.consent`).

Records belong to the person, not to a language: they are never copied into a
translation (``exclude_fields_in_copy``) nor given to translators
(:class:`~wagtail_defenders.translation.NotTranslatedField`); a translation
follows the source's switches.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class ConsentUse(models.TextChoices):
    STORY = "story", _("The story and the name")
    PORTRAIT = "portrait", _("The portrait")
    API = "api", _("Partner sites and apps (the API)")
    SEARCH_ENGINES = "search_engines", pgettext_lazy("consent use", "Search engines")
    LANGUAGE = "language", pgettext_lazy("consent use", "A language")


#: The switch each use sets when its consent is not in force.
SWITCH_OF_USE = {
    ConsentUse.PORTRAIT: "withhold_portrait",
    ConsentUse.API: "hide_from_api",
    ConsentUse.SEARCH_ENGINES: "hide_from_search_engines",
}


class ConsentRecord(Orderable):
    """The defender's consent to one use of their profile."""

    page = ParentalKey(
        "wagtail_defenders.DefenderPage",
        on_delete=models.CASCADE,
        related_name="consent_records",
    )
    use = models.CharField(
        pgettext_lazy("consent record", "use"),
        max_length=20,
        choices=ConsentUse.choices,
    )
    language = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=pgettext_lazy("consent record", "language"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Only for the use 'A language': which one."),
    )
    given_on = models.DateField(
        pgettext_lazy("consent record", "given on"), null=True, blank=True
    )
    review_on = models.DateField(
        pgettext_lazy("consent record", "review on"), null=True, blank=True
    )
    withdrawn_on = models.DateField(
        pgettext_lazy("consent record", "withdrawn on"),
        null=True,
        blank=True,
        help_text=_(
            "Withdrawing acts when you publish: the story takes the profile down "
            "in every language, a language takes that translation down, the "
            "portrait is withheld everywhere."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("use"), FieldPanel("language")]),
        FieldRowPanel(
            [
                FieldPanel("given_on"),
                FieldPanel("review_on"),
                FieldPanel("withdrawn_on"),
            ]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def clean(self) -> None:
        super().clean()
        if self.use == ConsentUse.LANGUAGE and not self.language_id:
            raise ValidationError({"language": _("Choose the language.")})
        if self.use != ConsentUse.LANGUAGE and self.language_id:
            raise ValidationError(
                {"language": _("A language is only chosen for the use 'A language'.")}
            )

    def is_withdrawn(self, today: datetime.date | None = None) -> bool:
        today = today or datetime.date.today()
        return self.withdrawn_on is not None and self.withdrawn_on <= today

    def in_force(self, today: datetime.date | None = None) -> bool:
        return self.given_on is not None and not self.is_withdrawn(today)


def switches_from_consent(
    records: Iterable[ConsentRecord], today: datetime.date | None = None
) -> dict[str, Any]:
    """The switches the records set, each with the reason to tell the editor.

    ``{}`` when there are no records: the editor's switches stand. Otherwise each
    use of :data:`SWITCH_OF_USE` without a record in force sets its switch.
    """
    records = list(records)
    if not records:
        return {}
    reasons: dict[str, Any] = {}
    for use, switch in SWITCH_OF_USE.items():
        of_use = [record for record in records if record.use == use]
        if any(record.in_force(today) for record in of_use):
            continue
        withdrawn = [r for r in of_use if r.is_withdrawn(today)]
        if withdrawn:
            reasons[switch] = _("consent for “%(use)s” was withdrawn on %(day)s") % {
                "use": ConsentUse(use).label,
                "day": withdrawn[0].withdrawn_on,
            }
        else:
            reasons[switch] = _("there is no consent for “%(use)s”") % {
                "use": ConsentUse(use).label
            }
    return reasons


def story_withdrawn(records: Iterable[ConsentRecord], today=None) -> bool:
    """Whether consent for the story is withdrawn (and none in force)."""
    of_story = [r for r in records if r.use == ConsentUse.STORY]
    return any(r.is_withdrawn(today) for r in of_story) and not any(
        r.in_force(today) for r in of_story
    )


def withdrawn_languages(records: Iterable[ConsentRecord], today=None) -> set[int]:
    """The locales whose consent is withdrawn (and none in force)."""
    records = [r for r in records if r.use == ConsentUse.LANGUAGE and r.language_id]
    in_force = {r.language_id for r in records if r.in_force(today)}
    return {
        r.language_id
        for r in records
        if r.is_withdrawn(today) and r.language_id not in in_force
    }


#: How long a review holds: "mark as reviewed" sets the next review this far on.
REVIEW_PERIOD = datetime.timedelta(days=365)


def profiles_due_for_review(today: datetime.date | None = None):
    """The profiles with a consent review past due: their ``consent_review_by``,
    or a record's ``review_on`` (of a consent not withdrawn), before ``today``."""
    from .pages import DefenderPage

    today = today or datetime.date.today()
    due = DefenderPage.objects.filter(
        models.Q(consent_review_by__lt=today)
        | models.Q(
            consent_records__review_on__lt=today,
            consent_records__withdrawn_on__isnull=True,
        )
    )
    return DefenderPage.objects.filter(pk__in=due.values("pk"))


def due_records(records: Iterable[ConsentRecord], today=None) -> list[ConsentRecord]:
    """The records whose review is past due (withdrawn ones need none)."""
    today = today or datetime.date.today()
    return [
        r
        for r in records
        if r.review_on is not None and r.review_on < today and r.withdrawn_on is None
    ]
