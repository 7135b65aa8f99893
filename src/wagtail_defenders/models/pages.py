"""The two page types: the index that lists and filters profiles, and a profile."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from .. import blocks as body_blocks
from .. import cache
from ..api.fields import (
    BodyField,
    CountryTermField,
    LastUpdatedField,
    PlainTextField,
    PortraitField,
    RelatedNewsField,
    StatusTermField,
    StayField,
    TermField,
    ThemesField,
    TranslationsField,
    UpdatesField,
)
from ..blocks import DefenderBodyBlock
from ..conf import defenders_settings
from ..filters import FilterSpec, parse_filters
from ..page_forms import DefenderPageForm
from ..panels import NamedTab
from ..response_cache import mark_cacheable
from ..translation import (
    LocalizedRelationField,
    NotTranslatedField,
    SynchronizedField,
)
from .consent import switches_from_consent
from .querysets import (
    RELATED_NEWS_ATTR,
    THEMES_ATTR,
    UPDATES_ATTR,
    DefenderPageManager,
    DefenderPageQuerySet,
    FilterOptions,
    attach_themes,
    show_terms_in_own_language,
)
from .revision_content import MissingTerm, without_missing_terms
from .taxonomy import City, Country, Status, Theme
from .updates import DefenderUpdate, newest_first, status_from_updates
from .visibility import ANY_SITE, Output, view_restrictions, visible_pages

logger = logging.getLogger(__name__)

#: The identifier of a profile's Safety tab: ``<edit URL>#tab-safety`` opens it.
SAFETY_TAB = "safety"


def clamp_page_number(raw: Any, num_pages: int) -> int:
    """The nearest valid page number for whatever was sent as ``page``."""
    try:
        number = int(str(raw).strip())
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), max(num_pages, 1))


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


class DefenderIndexPage(Page):
    """Lists the live, public profiles below it, with filters, search and pages.

    Query parameters (DESIGN.md): ``theme``, ``country``, ``city``, ``status``,
    ``year``, ``q``, ``order`` and ``page``. Odd input never fails: malformed filters give an empty result
    with a message, and a bad ``page`` gives the nearest valid page.
    """

    introduction = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Optional. A few sentences shown above the list of defenders."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    subpage_types = ["wagtail_defenders.DefenderPage"]

    template = "wagtail_defenders/defender_index_page.html"

    class Meta:
        verbose_name = _("defender index page")
        verbose_name_plural = _("defender index pages")

    def get_profiles(self, output: Output = Output.SITE) -> DefenderPageQuerySet:
        """The profiles below this index that a visitor may see in ``output``
        (unfiltered): the page itself, its feeds (``Output.FEEDS``), its
        open-data downloads (``Output.API``).

        :mod:`~wagtail_defenders.models.visibility` decides; the site needs no
        check: an index's children are in its site.
        """
        return DefenderPage.objects.child_of(self).visible(site=ANY_SITE, output=output)

    def get_cached_paths(self) -> list[str]:
        """The page, its feeds and its downloads: a front-end cache purges them
        together (:mod:`wagtail_defenders.frontend_cache`)."""
        return ["/", "/feed/", "/feed/atom/", "/export.csv", "/export.json"]

    def feed_url(self, params: Any, kind: str = "rss") -> str:
        """This index page's ``kind`` feed (``"rss"``, ``"atom"``) following the
        filters in ``params`` (a ``QueryDict``), as a path."""
        from ..feeds import feed_query

        query = feed_query(params)
        path = f"{self.url}feed/" + ("atom/" if kind == "atom" else "")
        return f"{path}?{query}" if query else path

    def paginate(self, profiles: models.QuerySet, raw_page: Any) -> PaginatorPage:
        """One page of ``profiles``, loaded for cards
        (:meth:`~.querysets.DefenderPageQuerySet.cards`: the page of ids first);
        ``raw_page`` may be anything a visitor sent."""
        paginator = Paginator(profiles, defenders_settings.PER_PAGE)
        page = paginator.page(clamp_page_number(raw_page, paginator.num_pages))
        if isinstance(profiles, DefenderPageQuerySet):
            start = (page.number - 1) * paginator.per_page
            page.object_list = profiles.cards(start, start + paginator.per_page)
        return page

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        spec: FilterSpec = parse_filters(request.GET)
        profiles = self.get_profiles()
        matching = profiles.apply_filters(spec, self.locale_id).in_listing_order(spec)
        # Lazy: a template whose fragments come from the cache (wagtail_defenders.cache)
        # never runs these queries.
        context.update(
            filters=spec,
            feed_url=self.feed_url(request.GET),
            atom_feed_url=self.feed_url(request.GET, "atom"),
            filter_options=SimpleLazyObject(lambda: self.get_filter_options(profiles)),
            profiles=SimpleLazyObject(
                lambda: self.paginate(matching, request.GET.get("page"))
            ),
        )
        return context

    def get_filter_options(self, profiles: DefenderPageQuerySet) -> FilterOptions:
        """What the filters offer: the terms and years of the live, public profiles.

        The same whatever the visitor filters by, so kept in the cache (under the
        cache generation, for ``CACHE_TIMEOUT``) for every filter combination: a
        combination not seen before renders its results without reading every
        profile again.
        """
        return cache.cached_data(
            "filter-options",
            (self.pk, self.locale_id),
            lambda: profiles.filter_options(self.locale_id),
            tags=[cache.page_tag(self.pk)],
        )

    def route(self, request: HttpRequest, path_components: list[str]):
        """Find a child profile with what serving it needs, in one query.

        Stock routing fetches the child and then its specific row. Here the
        profile comes in one query, with the rows joined that the page shows
        outside its cached fragments (the portrait) or that are one row each
        (locale, country, city, status); its themes, related news and updates
        are read only when
        a fragment that shows them is rendered, not cached (``get_context``),
        so a cached profile page does not pay for them. Anything that is not a
        plain ``DefenderPage`` is routed the stock way.
        """
        from ..feeds import FEED_PATHS

        feed = FEED_PATHS.get(tuple(path_components))
        if feed is not None:
            if not self.live:
                raise Http404
            return RouteResult(self, kwargs={FEED_KWARG: feed})
        if path_components:
            child_slug, *remaining = path_components
            profile = (
                DefenderPage.objects.child_of(self)
                .filter(slug=child_slug)
                .select_related("locale", "country", "city", "status", "portrait")
                .first()
            )
            if profile is not None and profile.specific_class is DefenderPage:
                profile.relations_from_database = True
                # No query unless a term is in another language (an alias's).
                show_terms_in_own_language([profile])
                return profile.route(request, remaining)
        return super().route(request, path_components)

    def serve(self, request: HttpRequest, *args, **kwargs):
        """The page, or one of its feeds (:mod:`wagtail_defenders.feeds`)."""
        feed = kwargs.pop(FEED_KWARG, None)
        if feed is not None:
            from ..feeds import serve_feed

            return serve_feed(self, request, feed)
        response = super().serve(request, *args, **kwargs)
        return mark_cacheable(response, [cache.page_tag(self.pk)])


#: The keyword of a route result that asks for one of an index page's feeds.
FEED_KWARG = "wagtail_defenders_feed"

#: Slugs a profile cannot have: the index page's own routes.
RESERVED_PROFILE_SLUGS = ("feed",)


class DefenderPage(Page):
    """The profile of one human rights defender.

    The page title is the public name. The profile belongs to one country, one host
    city and one or more themes; its body is a StreamField of sections
    (:mod:`wagtail_defenders.blocks`).
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

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("portrait"), FieldPanel("portrait_alt_text")],
            heading=_("Portrait"),
        ),
        FieldPanel("body"),
    ]
    taxonomy_panels = [
        FieldPanel("country"),
        FieldPanel("city"),
        MultipleChooserPanel(
            "defender_themes",
            chooser_field_name="theme",
            heading=_("Themes"),
            label=_("Theme"),
            min_num=1,
        ),
        MultiFieldPanel(
            [
                FieldPanel("year"),
                FieldRowPanel(
                    [FieldPanel("stay_start_date"), FieldPanel("stay_end_date")]
                ),
            ],
            heading=_("Stay"),
        ),
    ]
    case_panels = [
        FieldPanel("status"),
        InlinePanel(
            "updates",
            heading=pgettext_lazy("defender update", "Updates"),
            label=pgettext_lazy("defender update", "Update"),
            help_text=_(
                "What happened, day by day: an arrest, a hearing, a release. Public "
                "updates show on the profile, newest first; the others are notes "
                "for editors only."
            ),
        ),
    ]
    safety_panels = [
        MultiFieldPanel(
            [FieldPanel("naming"), FieldPanel("show_pseudonym_notice")],
            heading=pgettext_lazy("safety settings", "Name"),
        ),
        # In a group of its own: a lone boolean FieldPanel heads its section with
        # Wagtail's "ticked" icon, which reads as "on" beside an unticked box.
        MultiFieldPanel(
            [
                FieldPanel("withhold_portrait"),
                HelpPanel(template="wagtail_defenders/admin/faceless_panel.html"),
            ],
            heading=_("Portrait"),
        ),
        MultiFieldPanel(
            [FieldPanel("hide_from_search_engines"), FieldPanel("hide_from_api")],
            heading=pgettext_lazy("safety settings", "Visibility"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("consent_given_on"),
                FieldPanel("consent_scope"),
                FieldPanel("consent_review_by"),
            ],
            heading=_("Consent (editors only)"),
        ),
        InlinePanel(
            "consent_records",
            heading=_("Consent per use (editors only)"),
            label=pgettext_lazy("consent record", "Consent"),
            help_text=_(
                "One line per use the defender agreed to: the story and name, the "
                "portrait, partner sites and apps, search engines, each language. "
                "Once there is a line, a use without consent in force keeps the "
                "portrait withheld, or the profile out of the API or search engines."
            ),
        ),
    ]
    related_news_panels = [
        MultipleChooserPanel(
            "related_news",
            chooser_field_name="news_page",
            heading=_("Related news"),
            label=_("News page"),
            help_text=_(
                "News about this defender. Only published pages that everyone may "
                "see are shown to visitors."
            ),
        ),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(
                content_panels,
                heading=pgettext_lazy("defender page editor tab", "Content"),
            ),
            ObjectList(taxonomy_panels, heading=_("Taxonomy")),
            ObjectList(
                case_panels, heading=pgettext_lazy("defender page editor tab", "Case")
            ),
            ObjectList(related_news_panels, heading=_("Related news")),
            # Named "safety" in every admin language: the consent report links
            # to it (SAFETY_TAB).
            NamedTab(safety_panels, heading=_("Safety"), tab_name=SAFETY_TAB),
            ObjectList(
                Page.promote_panels,
                heading=pgettext_lazy("defender page editor tab", "Promote"),
            ),
            ObjectList(
                Page.settings_panels,
                heading=pgettext_lazy("defender page editor tab", "Settings"),
            ),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("year"),
    ]

    # What Wagtail's own page APIs (stock v2 "pages", v3) show of a profile: the
    # same shapes as the package's endpoints (wagtail_defenders.api.serializers),
    # portraits and body images as renditions only.
    api_fields = [
        APIField("introduction", serializer=PlainTextField()),
        APIField("portrait", serializer=PortraitField(source="*")),
        APIField("country", serializer=CountryTermField()),
        APIField("city", serializer=TermField()),
        APIField("status", serializer=StatusTermField()),
        APIField("themes", serializer=ThemesField()),
        APIField("stay", serializer=StayField(source="*")),
        APIField("body", serializer=BodyField(source="*")),
        APIField("updates", serializer=UpdatesField(source="*")),
        APIField("last_updated", serializer=LastUpdatedField(source="*")),
        APIField("related_news", serializer=RelatedNewsField(source="*")),
        APIField("translations", serializer=TranslationsField(source="*")),
    ]

    # A translation follows the source's country and city on every sync, mapped to
    # the target locale's terms (wagtail_defenders.translation). The themes inline
    # and the body are handled by wagtail-localize's defaults: the inline is copied
    # and each theme mapped, the body's texts become segments.
    override_translatable_fields = [
        LocalizedRelationField("country"),
        LocalizedRelationField("city"),
        LocalizedRelationField("status"),
        # The safety choices and the consent record belong to the person, not to
        # a language: every translation follows the source, and translators never
        # see the consent record as text to translate.
        SynchronizedField("naming", overridable=False),
        SynchronizedField("show_pseudonym_notice", overridable=False),
        SynchronizedField("withhold_portrait", overridable=False),
        SynchronizedField("hide_from_search_engines", overridable=False),
        SynchronizedField("hide_from_api", overridable=False),
        SynchronizedField("consent_given_on", overridable=False),
        SynchronizedField("consent_scope", overridable=False),
        SynchronizedField("consent_review_by", overridable=False),
        # The records stay on the source: never segments, never copied.
        NotTranslatedField("consent_records"),
    ]
    # Nor copied by Wagtail's copy_for_translation (wagtail-localize's first step)
    # or a plain copy, which is another profile.
    exclude_fields_in_copy = ["consent_records"]

    parent_page_types = ["wagtail_defenders.DefenderIndexPage"]
    subpage_types: list[str] = []

    template = "wagtail_defenders/defender_page.html"

    class Meta:
        verbose_name = _("defender page")
        verbose_name_plural = _("defender pages")
        indexes = [
            # The listings' order (DefenderPageQuerySet.for_card_ordering) starts
            # with the year, most recent first: a top-N page reads the profiles
            # by this index and sorts only within a year by title.
            models.Index(fields=["-year"], name="wagtail_defenders_year_desc"),
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
    def themes(self) -> list[Theme]:
        """The profile's themes in the editor's order (uses a prefetch if present)."""
        themes = getattr(self, THEMES_ATTR, None)
        if themes is not None:  # loaded with for_listing or for_detail
            return list(themes)
        return [link.theme for link in self.defender_themes.all() if link.theme_id]

    @property
    def public_updates(self) -> list[DefenderUpdate]:
        """The public updates, newest first (what every output shows; a
        non-public update never leaves the admin). Uses the prefetch of
        ``for_detail`` when present."""
        updates = getattr(self, UPDATES_ATTR, None)
        if updates is None:
            updates = self.updates.filter(is_public=True).select_related("status")
        return newest_first(update for update in updates if update.is_public)

    @property
    def last_updated(self):
        """The date of the newest public update, or ``None``."""
        updates = self.public_updates
        return updates[0].date if updates else None

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
        still asks for one before an editor publishes.
        """
        dropped = {term.field for term in self.terms_missing_from_revision}
        dropped &= {"country", "city"}
        if dropped:
            exclude = {*(exclude or ()), *dropped}
        super().full_clean(*args, exclude=exclude, **kwargs)

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
        from ..links import links_for, rich_text_in

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

    def get_related_news(self, output: Output = Output.SITE) -> list[Page]:
        """The related news pages to show, in the editor's order.

        Each target is resolved to its version in this profile's locale (the
        target itself when no translation exists yet). Targets a visitor may not
        see (:mod:`~wagtail_defenders.models.visibility`, on any site, in
        ``output``) are dropped. One query, plus one for the links unless they were prefetched
        (``DefenderPageQuerySet.for_detail``).
        """
        prefetched = getattr(self, RELATED_NEWS_ATTR, None)
        if prefetched is not None:
            links = list(prefetched)
        else:
            links = list(self.related_news.all().select_related("news_page"))
        targets = [link.news_page for link in links if link.news_page_id]
        if not targets:
            return []
        candidates = visible_pages(
            Page.objects.filter(
                Q(pk__in=[target.pk for target in targets])
                | Q(
                    translation_key__in=[target.translation_key for target in targets],
                    locale_id=self.locale_id,
                )
            ),
            site=ANY_SITE,
            output=output,
        )
        localized: dict[Any, Page] = {}
        originals: dict[int, Page] = {}
        for candidate in candidates:
            originals[candidate.pk] = candidate
            if candidate.locale_id == self.locale_id:
                localized[candidate.translation_key] = candidate
        news: list[Page] = []
        for target in targets:
            page = localized.get(target.translation_key) or originals.get(target.pk)
            if page is not None and page not in news:
                news.append(page)
        return news

    #: True on a profile read from the database to be served
    #: (``DefenderIndexPage.route``): its themes are then read in one query when
    #: first shown. A preview's come from its revision, in memory.
    relations_from_database = False

    def shown_themes(self) -> list[Theme]:
        """:attr:`themes`, read in one query (and in this profile's language,
        :func:`~.querysets.show_terms_in_own_language`) when not loaded yet."""
        if self.relations_from_database and getattr(self, THEMES_ATTR, None) is None:
            attach_themes([self])
            show_terms_in_own_language([self])
        return self.themes

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
