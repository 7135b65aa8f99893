"""The taxonomy snippets' admin views: listings that show each term's language
and list terms alphabetically in the editor's language, and choosers that do too.

Wagtail adds the language filter to a translatable snippet's listing itself
(when the site has more than one content language), and a language column only
to a listing that keeps its default columns: :class:`TaxonomyViewSet` puts the
column back beside its own. Used by the viewsets in :mod:`.wagtail_hooks`.
"""

from __future__ import annotations

from typing import Any

from django.utils.text import capfirst
from django.utils.translation import get_language
from wagtail.admin.ui.tables import Column, LocaleColumn
from wagtail.models import Locale
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetCreateView,
)
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .conf import wagtail_setting
from .models import Country


class AlphabeticalIndexView(IndexView):
    """A term listing in alphabetical order in the editor's language, after the
    editors' sort order; sorted by name when the editor sorts by name."""

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        if self.is_searching:
            # The search backends order by relevance or by fields, never by
            # an expression: search results keep Wagtail's order.
            return queryset
        if self.ordering in ("name", "-name"):
            return queryset.in_alphabetical_order(
                get_language(),
                sort_order_first=False,
                descending=self.ordering == "-name",
            )
        if self.ordering == self.default_ordering:
            return queryset.in_alphabetical_order(get_language())
        return queryset


class _AlphabeticalChooserMixin:
    def apply_object_list_ordering(self, objects):
        return objects.in_alphabetical_order(get_language())


class AlphabeticalChooseView(_AlphabeticalChooserMixin, ChooseView):
    pass


class AlphabeticalChooseResultsView(_AlphabeticalChooserMixin, ChooseResultsView):
    pass


class AlphabeticalChooserViewSet(SnippetChooserViewSet):
    """The chooser of a taxonomy: its terms in the order of the listing."""

    choose_view_class = AlphabeticalChooseView
    choose_results_view_class = AlphabeticalChooseResultsView


def chooser_locale(request) -> Locale:
    """The language a chooser was opened in: the edited page's (Wagtail's
    choosers send it as ``?locale=``), else the default."""
    code = request.GET.get("locale") or request.POST.get("locale")
    return (
        Locale.objects.filter(language_code=code).first() if code else None
    ) or Locale.get_default()


class _CountryChooserMixin:
    """The country chooser: the ISO code beside each name, and a "Create" tab in
    the language the chooser was opened in."""

    @property
    def columns(self):
        columns = list(super().columns)  # type: ignore[misc]
        columns.insert(1, iso_code_column())
        return columns

    def get_creation_form_kwargs(self):
        kwargs = super().get_creation_form_kwargs()  # type: ignore[misc]
        kwargs["instance"] = Country(locale=chooser_locale(self.request))  # type: ignore[attr-defined]
        return kwargs


class CountryChooseView(_CountryChooserMixin, AlphabeticalChooseView):
    pass


class CountryChooseResultsView(_CountryChooserMixin, AlphabeticalChooseResultsView):
    pass


class CountryCreateView(_CountryChooserMixin, SnippetCreateView):
    pass


class CountryChooserViewSet(AlphabeticalChooserViewSet):
    """The country chooser: alphabetical, with ISO codes, and a country the
    editor misses can be created in it (name, code and slug)."""

    choose_view_class = CountryChooseView
    choose_results_view_class = CountryChooseResultsView
    create_view_class = CountryCreateView
    form_fields = ["name", "code", "slug"]
    # The "Create" tab posts with the chooser's language, for the new term.
    preserve_url_parameters = ["multiple", "locale"]


class TaxonomyViewSet(SnippetViewSet):
    """A taxonomy snippet's admin. A subclass lists its columns in ``columns``;
    the language column follows the first when the site is multilingual."""

    index_view_class = AlphabeticalIndexView
    chooser_viewset_class = AlphabeticalChooserViewSet
    columns: list[Any] = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]

    @property
    def list_display(self) -> list[Any]:
        columns = list(self.columns)
        if wagtail_setting("WAGTAIL_I18N_ENABLED"):
            columns.insert(1, LocaleColumn())
        return columns


def iso_code(country) -> str:
    """A country term's ISO 3166-1 alpha-2 code (``CountryField`` shows the name)."""
    return country.code.code or ""


def iso_code_column() -> Column:
    """The country listing's "country code" column, sortable."""
    return Column(
        "code",
        label=capfirst(Country._meta.get_field("code").verbose_name),
        accessor=iso_code,
        sort_key="code",
    )
