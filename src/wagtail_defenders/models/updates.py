"""Dated updates of a defender's case: the history a profile shows over time.

A :class:`DefenderUpdate` is a translatable inline of a profile, like its themes
(DESIGN.md, decision 1): wagtail-localize copies it into a translation, makes
a public update's heading and text segments to translate and maps its status
onto the target language's. An update that is not public is an editor's note: it
stays in the admin (the edit form, revisions), its words are no segment of any
translation source (so no translator or translation service sees them), a
translation keeps the note's words it has, and no output reads it
(:meth:`DefenderPage.public_updates <wagtail_defenders.models.DefenderPage.public_updates>`
is what templates and APIs use).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin

from ..translation import LocalizedRelationField, PublicTextField, SynchronizedField

#: What an update's text may hold: emphasis and links, no headings or images.
UPDATE_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class DefenderUpdate(TranslatableMixin, Orderable):
    """One dated update of a profile: what happened, and the status it led to."""

    page = ParentalKey(
        "wagtail_defenders.DefenderPage",
        on_delete=models.CASCADE,
        related_name="updates",
    )
    date = models.DateField(
        pgettext_lazy("defender update", "date"),
        help_text=_("The day it happened, or the day you learnt of it."),
    )
    status = models.ForeignKey(
        "wagtail_defenders.Status",
        verbose_name=pgettext_lazy("defender's situation", "status"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="defender_updates",
        help_text=_(
            "Optional. The defender's situation after this update. The newest "
            "public update with a status sets the profile's status when you publish."
        ),
    )
    heading = models.CharField(
        pgettext_lazy("defender update", "heading"),
        max_length=255,
        help_text=_("A line that says what happened, such as 'Released on bail'."),
    )
    text = RichTextField(
        pgettext_lazy("defender update", "text"),
        blank=True,
        features=UPDATE_TEXT_FEATURES,
    )
    is_public = models.BooleanField(
        pgettext_lazy("defender update", "public"),
        default=False,
        help_text=_(
            "Shown on the profile and in the API. Leave unticked for a note that "
            "only editors see: it never leaves the admin."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("status")]),
        FieldPanel("heading"),
        FieldPanel("text"),
        FieldPanel("is_public"),
    ]

    # A public update's words are translated; a note's never leave the site
    # (no segment: not in the translation editor, a PO file, the translation
    # memory or a machine translator) and a translation keeps its own (see
    # wagtail_defenders.translation_sync). The day, and whether the update is
    # public, are the source's in every language (a translator cannot publish a
    # note); the status follows the source's, in the target language.
    override_translatable_fields = [
        PublicTextField("heading"),
        PublicTextField("text"),
        SynchronizedField("date", overridable=False),
        SynchronizedField("is_public", overridable=False),
        LocalizedRelationField("status"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = pgettext_lazy("defender update", "update")
        verbose_name_plural = pgettext_lazy("defender update", "updates")

    def __str__(self) -> str:
        return self.heading


def newest_first(updates: Iterable[DefenderUpdate]) -> list[DefenderUpdate]:
    """``updates`` newest first: by date, then the later in the editor's list."""
    ordered = list(enumerate(updates))
    ordered.sort(key=lambda pair: (pair[1].date, pair[0]), reverse=True)
    return [update for _position, update in ordered]


def status_from_updates(updates: Iterable[DefenderUpdate]):
    """The status of the newest public update that records one, or ``None``."""
    for update in newest_first(u for u in updates if u.is_public and u.date):
        if update.status_id is not None:
            return update.status
    return None
