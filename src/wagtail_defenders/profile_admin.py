"""The admin's listings of profiles: columns, filters and sorting for editors of
sites with hundreds of profiles in several languages.

Both listings show each profile's country, host city, year, language, live state
and next consent review, filter by them and sort by them:

- **the profiles of an index page** (the index page's children in the page
  explorer), on Wagtail 8 through its own extension point, a ``PageViewSet`` whose
  ``parent_models`` are the index page types (:class:`DefenderPageViewSet`).
  Wagtail 7 has no such extension point: its explorer keeps the stock columns,
  and the index page's header links to the flat listing of its profiles
  (:func:`profile_listing_header_button`);
- **every profile, in every language**, a flat listing in the admin menu
  (``PageListingViewSet``, Wagtail 7 and 8: :class:`DefenderProfilesViewSet`),
  which also filters by index page.

Every filter narrows the listing by ``pk__in`` a subquery of profiles: the search
backends can filter a search on the page id, not on a relation or an annotation
(DESIGN.md, "Search"), so a filtered listing can still be searched. Columns that
the search backends cannot sort by are not sortable while searching.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Least
from django.forms import CheckboxSelectMultiple, RadioSelect
from django.utils.text import capfirst
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column, DateColumn, LocaleColumn
from wagtail.admin.views.pages.listing import (
    ExplorableIndexView,
    IndexView,
    PageFilterSet,
)
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Locale

from .conf import wagtail_setting
from .models import (
    City,
    ConsentRecord,
    Country,
    DefenderIndexPage,
    DefenderPage,
    Status,
)

#: The annotation the listings sort and filter the next consent review by.
NEXT_REVIEW = "next_consent_review"

#: Sort keys the search backends cannot order by (relations and annotations).
_NOT_SORTABLE_WHILE_SEARCHING = {
    "country__name",
    "city__name",
    "status__name",
    NEXT_REVIEW,
}

#: The label of the defender's status (detained, released...), told apart from
#: Wagtail's own "Status" column, the live state.
SITUATION = pgettext_lazy("profile listing", "Situation")


def with_next_consent_review(profiles: QuerySet) -> QuerySet:
    """``profiles`` annotated with ``next_consent_review``: the earlier of the
    profile's "review consent by" day and the earliest review day of its consent
    records not withdrawn; ``None`` when there is neither.

    ``Least`` of two ``Coalesce`` so that one missing day does not make the
    result missing (databases disagree on ``LEAST`` with a ``NULL``).
    """
    record_review = Subquery(
        ConsentRecord.objects.filter(
            page_id=OuterRef("pk"),
            review_on__isnull=False,
            withdrawn_on__isnull=True,
        )
        .order_by("review_on")
        .values("review_on")[:1]
    )
    return profiles.annotate(
        **{
            NEXT_REVIEW: Least(
                Coalesce("consent_review_by", record_review),
                Coalesce(record_review, "consent_review_by"),
            )
        }
    )


def _profile_ids(**lookups: Any) -> QuerySet:
    return DefenderPage.objects.filter(**lookups).order_by().values("pk")


class TermFilter(django_filters.ModelMultipleChoiceFilter):
    """Profiles whose country (or city) is one of the chosen terms, in any
    language: matched by the term's ``translation_key``, so a Dutch term finds
    the English translations of its profiles too. Several terms: any of them."""

    def filter(self, qs, value):
        if not value:
            return qs
        keys = [term.translation_key for term in value]
        return qs.filter(
            pk__in=_profile_ids(**{f"{self.field_name}__translation_key__in": keys})
        )


class YearFilter(django_filters.MultipleChoiceFilter):
    """Profiles with one of the chosen years of the stay."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(pk__in=_profile_ids(year__in=[int(year) for year in value]))


class LiveStateFilter(django_filters.ChoiceFilter):
    """Published, published with changes not yet published, or not published."""

    def filter(self, qs, value):
        lookups = {
            "live": {"live": True},
            "changes": {"live": True, "has_unpublished_changes": True},
            "draft": {"live": False},
        }.get(value)
        if lookups is None:
            return qs
        return qs.filter(pk__in=_profile_ids(**lookups))


class NextReviewFilter(django_filters.DateFromToRangeFilter):
    """Profiles whose next consent review falls in the range (either end open)."""

    def filter(self, qs, value):
        if not value or (value.start is None and value.stop is None):
            return qs
        lookups = {}
        if value.start is not None:
            lookups[f"{NEXT_REVIEW}__gte"] = value.start
        if value.stop is not None:
            lookups[f"{NEXT_REVIEW}__lte"] = value.stop
        due = (
            with_next_consent_review(DefenderPage.objects.order_by())
            .filter(**lookups)
            .values("pk")
        )
        return qs.filter(pk__in=due)


class IndexPageFilter(django_filters.ModelChoiceFilter):
    """Profiles below one index page (the flat listing only)."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(pk__in=DefenderPage.objects.child_of(value).values("pk"))


def _years(request=None) -> list[tuple[str, str]]:
    years = (
        DefenderPage.objects.filter(year__isnull=False)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return [(str(year), str(year)) for year in years]


def _field_label(name: str):
    return capfirst(DefenderPage._meta.get_field(name).verbose_name)


class DefenderPageFilterSet(PageFilterSet):
    """The filters of the profile listings, after Wagtail's own (updated, owner,
    edited by, site, language).

    The country and city choices are the terms of the listing's language (the
    index page's, else the editor's), alphabetical in the editor's language
    (:mod:`wagtail_defenders.collation`); each matches its translations too.
    """

    country = TermFilter(
        label=_field_label("country"),
        queryset=Country.objects.none(),
        widget=CheckboxSelectMultiple,
    )
    city = TermFilter(
        label=_field_label("city"),
        queryset=City.objects.none(),
        widget=CheckboxSelectMultiple,
    )
    status = TermFilter(
        label=SITUATION,
        queryset=Status.objects.none(),
        widget=CheckboxSelectMultiple,
    )
    year = YearFilter(
        label=_field_label("year"),
        choices=_years,
        widget=CheckboxSelectMultiple,
    )
    live_state = LiveStateFilter(
        label=_("Live state"),
        empty_label=pgettext_lazy("live state filter", "Any"),
        choices=[
            ("live", pgettext_lazy("live state filter", "Published")),
            ("changes", _("Published, with unpublished changes")),
            ("draft", pgettext_lazy("live state filter", "Not published")),
        ],
        widget=RadioSelect,
    )
    next_consent_review = NextReviewFilter(
        label=_("Next consent review"),
        widget=DateRangePickerWidget,
    )

    class Meta:
        model = DefenderPage
        fields: list[str] = []

    def __init__(self, *args: Any, locale: Locale | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        locale_id = (locale or Locale.get_active()).pk
        language = get_language()
        for name, model in (("country", Country), ("city", City), ("status", Status)):
            self.filters[name].queryset = model.objects.filter(
                locale_id=locale_id
            ).in_alphabetical_order(language, sort_order_first=False)
        # Of Wagtail's filters, "has child pages" says nothing of a profile.
        self.filters.pop("has_child_pages", None)


class FlatDefenderPageFilterSet(DefenderPageFilterSet):
    """The flat listing's filters: those of an index page's, and the index page."""

    index = IndexPageFilter(
        label=pgettext_lazy("profile listing", "Index page"),
        queryset=DefenderIndexPage.objects.order_by("locale_id", "path"),
    )


def _term_name(attribute: str):
    def accessor(profile) -> str:
        term = getattr(profile, attribute, None)
        return str(term) if term is not None else ""

    return accessor


def profile_columns() -> list[Column]:
    """The columns the profile listings add to Wagtail's (title, updated, live
    status): country, host city, situation (the defender's status), year,
    language and next consent review."""
    # Widths that leave the title (and the result count Wagtail writes in its
    # heading when filtered) a third of the table at 1280 pixels; the terms
    # are short names.
    columns: list[Column] = [
        Column(
            "country",
            label=_field_label("country"),
            accessor=_term_name("country"),
            sort_key="country__name",
            width="9%",
        ),
        Column(
            "city",
            label=_field_label("city"),
            accessor=_term_name("city"),
            sort_key="city__name",
            width="9%",
        ),
        Column(
            "defender_status",
            label=SITUATION,
            accessor=_term_name("status"),
            sort_key="status__name",
            width="9%",
        ),
        Column(
            "year",
            label=pgettext_lazy("profile listing", "Year"),
            sort_key="year",
            width="6%",
        ),
    ]
    if wagtail_setting("WAGTAIL_I18N_ENABLED"):
        columns.append(
            LocaleColumn(label=pgettext_lazy("profile listing", "Language"), width="8%")
        )
    columns.append(
        DateColumn(
            NEXT_REVIEW,
            # Short: Wagtail keeps a sortable heading on one line.
            label=pgettext_lazy("profile listing", "Consent review"),
            sort_key=NEXT_REVIEW,
            width="10%",
        )
    )
    return columns


def listing_columns(base_columns: list[Column]) -> list[Column]:
    """Wagtail's ``base_columns`` with the profile columns before "Updated",
    without the page type column (every row is a profile)."""
    base_columns = [column for column in base_columns if column.name != "type"]
    names = [column.name for column in base_columns]
    at = (
        names.index("latest_revision_created_at")
        if "latest_revision_created_at" in names
        else len(names)
    )
    return [*base_columns[:at], *profile_columns(), *base_columns[at:]]


def _base_columns(view_class) -> list[Column]:
    # Wagtail 8 keeps a listing's stock columns in ``base_columns``; Wagtail 7 in
    # ``columns`` (a class property there).
    return list(getattr(view_class, "base_columns", None) or view_class.columns)


#: The columns whose empty values sort last in either direction.
_EMPTY_LAST = (NEXT_REVIEW, "year")


class ProfileListingMixin:
    """What the profile listings change in Wagtail's page listing views."""

    # The package's admin stylesheet keeps the title column readable by it.
    table_classname = "listing full-width defenders-profile-listing"

    def annotate_queryset(self, pages):
        pages = super().annotate_queryset(pages)  # type: ignore[misc]
        # For the country and city columns, on the specific rows Wagtail loads.
        pages = pages.select_related(
            "country", "city", "status", for_specific_subqueries=True
        )
        return with_next_consent_review(pages)

    def get_valid_orderings(self):
        orderings = super().get_valid_orderings()  # type: ignore[misc]
        if self.is_searching:  # type: ignore[attr-defined]
            orderings = [
                ordering
                for ordering in orderings
                if ordering.lstrip("-") not in _NOT_SORTABLE_WHILE_SEARCHING
            ]
        return orderings

    def order_queryset(self, queryset):
        # Profiles without a review day or a year last, whichever the direction
        # (PostgreSQL puts empty values first when descending, SQLite when
        # ascending). Search backends take no F() in order_by: while searching,
        # a year is sorted the backend's way.
        ordering: str = self.ordering or ""  # type: ignore[attr-defined]
        field = ordering.lstrip("-")
        if field in _EMPTY_LAST and not self.is_searching:  # type: ignore[attr-defined]
            value = F(field)
            order = value.desc if ordering.startswith("-") else value.asc
            return queryset.order_by(order(nulls_last=True), "title")
        return super().order_queryset(queryset)  # type: ignore[misc]

    def listing_locale(self) -> Locale | None:
        return None

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()  # type: ignore[misc]
        if issubclass(self.filterset_class, DefenderPageFilterSet):  # type: ignore[attr-defined]
            kwargs["locale"] = self.listing_locale()
        return kwargs


class DefenderProfilesIndexView(ProfileListingMixin, IndexView):
    """The flat listing of every profile."""


class DefenderProfilesViewSet(PageListingViewSet):
    """Every profile, in every language, in the admin menu (Wagtail 7 and 8)."""

    model = DefenderPage
    icon = "user"
    menu_label = _("Defender profiles")
    menu_order = 150
    add_to_admin_menu = True
    index_view_class = DefenderProfilesIndexView
    filterset_class = FlatDefenderPageFilterSet
    columns = listing_columns(_base_columns(IndexView))


try:  # Wagtail 8: a page type's viewset also lists the children of its parents.
    from wagtail.admin.viewsets.pages import PageViewSet
except ImportError:  # Wagtail 7
    PageViewSet = None


if PageViewSet is not None:

    class DefenderExplorableIndexView(ProfileListingMixin, ExplorableIndexView):
        """The children of an index page, in the page explorer (Wagtail 8)."""

        def listing_locale(self) -> Locale | None:
            parent = getattr(self, "parent_page", None)
            if parent is None or parent.is_root():
                return None
            return parent.locale

    class DefenderPageViewSet(PageViewSet):
        """The profile page type's admin views (Wagtail 8): Wagtail's own, with
        the profile columns and filters in the explorer of an index page."""

        model = DefenderPage
        icon = "user"
        index_view_class = DefenderExplorableIndexView
        filterset_class = DefenderPageFilterSet
        columns = listing_columns(_base_columns(ExplorableIndexView))

    defender_page_viewset: Any = DefenderPageViewSet()
else:
    defender_page_viewset = None


def explorer_has_profile_columns() -> bool:
    """Whether the page explorer of an index page shows the profile columns
    (Wagtail 8); otherwise its header links to the flat listing."""
    return defender_page_viewset is not None


def flat_listing_url(index: DefenderIndexPage | None = None) -> str:
    """The flat listing's address, filtered to the profiles of ``index``."""
    from django.urls import reverse

    url = reverse("defender_profiles:index")
    return f"{url}?index={index.pk}" if index is not None else url
