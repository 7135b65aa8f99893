"""The profile of one human rights defender: ``DefenderPage``.

Its editor (:mod:`.profile_panels`), what Wagtail's page APIs show of it
(:mod:`.profile_api`), how it translates (:mod:`.profile_translation`) and how it
reads its themes, updates and related news (:mod:`.profile_relations`) are
declared beside it; its queries are :class:`~..querysets.DefenderPageQuerySet`.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index

from ... import blocks as body_blocks
from ... import cache
from ...blocks import DefenderBodyBlock
from ...headless_preview import HeadlessPreviewSupport
from ...page_forms import DefenderPageForm
from ...response_cache import mark_cacheable
from ..consent import switches_from_consent
from ..detail_loading import UPDATES_ATTR
from ..indexes import NullsLastIndex
from ..profile_details import ProfileDetailsMixin
from ..querysets import DefenderPageManager
from ..revision_content import RevisionWithoutMissingTerms
from ..taxonomy import City, Country, Status
from ..updates import status_from_updates
from ..visibility import ANY_SITE, Output, view_restrictions
from . import profile_api, profile_panels, profile_translation
from .profile_relations import ProfileRelationsMixin
from .routes import RESERVED_PROFILE_SLUGS

logger = logging.getLogger(__name__)


def _sitemap_profiles(request: Any) -> set[int]:
    """The ids of the profiles search engines may see, once per ``request``."""
    cached = getattr(request, "_wagtail_defenders_sitemap_profiles", None)
    if cached is None:
        cached = set(
            DefenderPage.objects.visible(
                site=ANY_SITE, output=Output.SEARCH_ENGINES
            ).values_list("pk", flat=True)
        )
        if request is not None:
            request._wagtail_defenders_sitemap_profiles = cached
    return cached


class DefenderPage(
    HeadlessPreviewSupport,
    RevisionWithoutMissingTerms,
    ProfileDetailsMixin,
    ProfileRelationsMixin,
    Page,
):
    """The profile of one human rights defender.

    The page title is the public name. The profile belongs to one country, one host
    city and one or more themes; its body is a StreamField of sections
    (:mod:`wagtail_defenders.blocks`). What its outputs show beyond its own row
    is read with :class:`~..profile_details.ProfileDetailsMixin`'s methods.
    """

    portrait = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("portrait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional. Only use a picture the defender agreed to, in which they "
            "cannot be recognised if that puts them at risk."
        ),
    )
    portrait_alt_text = models.CharField(
        _("portrait description"),
        max_length=255,
        blank=True,
        help_text=_(
            "Describe the portrait for people who cannot see it, for example "
            "'Alassane speaking at a meeting'."
        ),
    )
    introduction = models.TextField(
        _("introduction"),
        max_length=1000,
        help_text=_(
            "A few sentences about the defender, shown on the list and at the top."
        ),
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        null=True,
        on_delete=models.PROTECT,
        related_name="defender_pages",
        help_text=_("The country where the defender does their work."),
    )
    city = models.ForeignKey(
        City,
        verbose_name=_("host city"),
        null=True,
        on_delete=models.PROTECT,
        related_name="defender_pages",
        help_text=_("The city that hosted the defender."),
    )
    status = models.ForeignKey(
        Status,
        verbose_name=pgettext_lazy("defender's situation", "status"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="defender_pages",
        help_text=_(
            "Optional. The defender's situation now, such as detained or released. "
            "Publishing sets it from the newest public update that records a status."
        ),
    )
    year = models.PositiveSmallIntegerField(
        _("year of the stay"),
        null=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text=_("The year the defender stayed in the host city, such as 2024."),
    )
    stay_start_date = models.DateField(
        _("start of the stay"),
        null=True,
        blank=True,
        help_text=_("Optional. The day the stay began."),
    )
    stay_end_date = models.DateField(
        _("end of the stay"),
        null=True,
        blank=True,
        help_text=_("Optional. The day the stay ended."),
    )
    body = StreamField(
        DefenderBodyBlock(),
        blank=True,
        verbose_name=_("body"),
        help_text=_(
            "The story in sections: about the defender, the human rights situation "
            "in the country, the threats they face."
        ),
    )

    naming = models.CharField(
        _("how the defender is named"),
        max_length=20,
        choices=[
            ("full_name", _("Full name")),
            ("first_name", _("First name only")),
            ("pseudonym", _("Pseudonym")),
        ],
        default="first_name",
        help_text=_(
            "What the page title is: the defender's full name, their first name "
            "only, or a pseudonym. Their real name is never stored here."
        ),
    )
    show_pseudonym_notice = models.BooleanField(
        _("say that the name is a pseudonym"),
        default=False,
        help_text=_("Shows 'This name is a pseudonym' on the profile."),
    )
    withhold_portrait = models.BooleanField(
        _("withhold the portrait"),
        default=False,
        help_text=_(
            "Keep the portrait off the site, the lists, the API, social media "
            "previews and search results, without removing it from the page. "
            "Set for you when the consent records give no consent for the portrait."
        ),
    )
    hide_from_search_engines = models.BooleanField(
        _("keep out of search engines"),
        default=False,
        help_text=_(
            "Asks search engines not to index the profile and leaves it out of the "
            "sitemap. Set for you when the consent records give no consent for "
            "search engines."
        ),
    )
    hide_from_api = models.BooleanField(
        _("keep out of the API"),
        default=False,
        help_text=_(
            "Leaves the profile out of the API and GraphQL, for partner sites and "
            "apps. Set for you when the consent records give no consent for them."
        ),
    )
    consent_given_on = models.DateField(
        _("consent given on"),
        null=True,
        blank=True,
        help_text=_("Editors only. The day the defender agreed to this profile."),
    )
    consent_scope = models.TextField(
        _("what the consent covers"),
        blank=True,
        help_text=_(
            "Editors only, never shown or served. For example: name and story, no "
            "portrait, Dutch and English."
        ),
    )
    consent_review_by = models.DateField(
        _("review consent by"),
        null=True,
        blank=True,
        help_text=_(
            "Editors only. The day to check with the defender again; the "
            "'Consent reviews due' report lists profiles past this day."
        ),
    )

    objects = DefenderPageManager()

    # Says which page holds a slug already in use, and links to it.
    base_form_class = DefenderPageForm

    content_panels = profile_panels.content_panels
    taxonomy_panels = profile_panels.taxonomy_panels
    case_panels = profile_panels.case_panels
    safety_panels = profile_panels.safety_panels
    related_news_panels = profile_panels.related_news_panels
    edit_handler = profile_panels.edit_handler

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("year"),
    ]

    api_fields = profile_api.api_fields

    override_translatable_fields = profile_translation.override_translatable_fields
    exclude_fields_in_copy = profile_translation.exclude_fields_in_copy

    parent_page_types = ["wagtail_defenders.DefenderIndexPage"]
    subpage_types: list[str] = []

    template = "wagtail_defenders/defender_page.html"

    class Meta:
        verbose_name = _("defender page")
        verbose_name_plural = _("defender pages")
        indexes = [
            # The listings' order (DefenderPageQuerySet.for_card_ordering) starts
            # with the year, most recent first and the profiles without one
            # last: a top-N page reads the profiles by this index and sorts only
            # within a year by title.
            NullsLastIndex(fields=["-year"], name="wagtail_defenders_year_desc"),
        ]

    def consent_reasons(self) -> dict[str, Any]:
        """The switches the consent records set, with why (empty: none do)."""
        return switches_from_consent(self.consent_records.all())

    def apply_consent(self) -> None:
        """Set the switches the consent records call for
        (:func:`~.consent.switches_from_consent`); never unsets one."""
        for switch in self.consent_reasons():
            setattr(self, switch, True)

    def apply_updates(self) -> None:
        """Set ``status`` from the newest public update that records one
        (:func:`~.updates.status_from_updates`); without such an update the
        editor's choice stays."""
        status = status_from_updates(self.updates.all())
        if status is not None:
            self.status = status

    #: ``(before, after)`` status ids when the last save changed the live
    #: status; the ``page_published`` receiver records it in the history.
    status_change: tuple[int | None, int | None] | None = None

    def save(self, *args, **kwargs):
        self.apply_consent()
        update_fields = kwargs.get("update_fields")
        self.status_change = None
        if update_fields is None or "status" in update_fields:
            self.apply_updates()
            before = None
            if self.pk is not None:
                row = (
                    DefenderPage.objects.filter(pk=self.pk)
                    .values_list("live", "status_id")
                    .first()
                )
                # A page that was not live had no public status.
                before = row[1] if row and row[0] else None
            if before != self.status_id:
                self.status_change = (before, self.status_id)
        return super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self.apply_consent()
        if self.slug in RESERVED_PROFILE_SLUGS:
            raise ValidationError(
                {"slug": _("This address is the list's feed. Choose another slug.")}
            )
        self.apply_updates()
        if (
            self.stay_start_date
            and self.stay_end_date
            and self.stay_end_date < self.stay_start_date
        ):
            raise ValidationError(
                {"stay_end_date": _("The end of the stay cannot be before its start.")}
            )

    @property
    def shown_portrait(self):
        """The portrait to show anywhere, or ``None`` when there is none or it is withheld."""
        if self.withhold_portrait or not self.portrait_id:
            return None
        return self.portrait

    @property
    def shows_pseudonym_notice(self) -> bool:
        """True when the page should say that its name is a pseudonym."""
        return self.naming == "pseudonym" and self.show_pseudonym_notice

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict]:
        """Only a profile search engines may see is in a sitemap.

        Kept out of search engines, or private by the visibility rule (which
        Wagtail's own sitemap does not know: it lists an alias of a private
        profile). One query per sitemap request, for all its profiles.
        """
        if self.hide_from_search_engines or self.pk not in _sitemap_profiles(request):
            return []
        return super().get_sitemap_urls(request)

    def get_view_restrictions(self):
        """Wagtail's restrictions of this page, and those of the pages its aliases
        lead to and their ancestors (:func:`~.visibility.view_restrictions`).

        Wagtail checks these before it serves the page, so a profile is private
        wherever the listings treat it as private: an alias of a profile in a
        section that was made private after the alias was made asks for the
        login or password too.
        """
        return view_restrictions(self)

    def get_route_paths(self) -> list[str]:
        """None: Wagtail makes no automatic redirect to a profile.

        ``wagtail.contrib.redirects`` (``WAGTAILREDIRECTS_AUTO_CREATE``) makes one
        redirect per route path from a page's old address when its slug changes
        or it (or an ancestor) moves, and it asks nothing else. An editor renames
        a profile to replace a real name with a pseudonym: a redirect would keep
        the old name answering, pointing at the profile, and Wagtail 8's v3
        ``redirects/`` lists redirects to anyone. Every version of a profile
        (translations, aliases) is a ``DefenderPage``, so none gets one either.
        The profile is still served at its one address.
        """
        return []

    def serve(self, request: HttpRequest, *args, **kwargs):
        """The page, with every page link of its body looked up in one query
        (:mod:`wagtail_defenders.links`), and kept out of search engines when
        the editor chose so."""
        from ...links import links_for, rich_text_in

        response = super().serve(request, *args, **kwargs)
        if hasattr(response, "render"):
            rich_text = [
                *rich_text_in(self.body.raw_data),
                # Updates loaded with the page (for_detail); read later, their
                # links are looked up as they render (not to query them here,
                # outside the cached fragment that shows them).
                *(update.text for update in getattr(self, UPDATES_ATTR, None) or ()),
            ]
            with links_for(Output.SITE, rich_text=rich_text):
                response.render()
        if self.hide_from_search_engines:
            response["X-Robots-Tag"] = "noindex, nofollow"
        return mark_cacheable(response, [cache.page_tag(self.pk)])

    @property
    def portrait_alt(self) -> str:
        """The text alternative for the portrait: the editor's, else the image's."""
        if self.portrait_alt_text:
            return self.portrait_alt_text
        return getattr(self.portrait, "description", "") or ""

    def get_index_url(self, request: HttpRequest | None = None) -> str | None:
        """The address of the index page that lists this profile (its parent),
        from the profile's own address: no query. ``None`` when the profile has
        no address."""
        url = self.get_url(request)
        suffix = f"{self.slug}/"
        if url and url.endswith(suffix):
            return url[: -len(suffix)]
        return None

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(
            # The facets link to the index filtered by them; the header links
            # back to the index.
            index_url=self.get_index_url(request),
            # Lazy, so that a cached fragment (wagtail_defenders.cache) saves the
            # queries: read when the facets or the related news are rendered.
            themes=SimpleLazyObject(self.shown_themes),
            updates=SimpleLazyObject(lambda: self.public_updates),
            # The body's cache varies on it: a call to action closes at its deadline.
            today=body_blocks.today(),
            related_news=SimpleLazyObject(self.get_related_news),
        )
        return context
