"""Admin registration: the taxonomy snippets in one menu, and delete protection."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import City, Country, TaxonomyTerm, Theme
from .usage import cities_using, describe_usage, profiles_using


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "slug", "sort_order"]
    list_export = ["name", "slug", "description", "sort_order"]
    ordering = ["sort_order", "name"]


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "globe"
    menu_label = _("Countries")
    list_display = ["name", "code", "slug", "sort_order"]
    list_export = ["name", "code", "slug", "description", "sort_order"]
    ordering = ["sort_order", "name"]


class CityViewSet(SnippetViewSet):
    model = City
    icon = "home"
    menu_label = _("Cities")
    list_display = ["name", "country", "slug", "sort_order"]
    list_export = ["name", "country", "slug", "description", "sort_order"]
    list_filter = ["country"]
    ordering = ["sort_order", "name"]


class DefenderTaxonomyGroup(SnippetViewSetGroup):
    """The three taxonomies under one "Defender taxonomies" menu item."""

    items = (ThemeViewSet, CountryViewSet, CityViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Defender taxonomies")
    menu_name = "defender-taxonomies"


register_snippet(DefenderTaxonomyGroup)


@hooks.register("before_delete_snippet")
def refuse_deleting_terms_in_use(
    request: HttpRequest, instances: list
) -> HttpResponse | None:
    """Refuse to delete a theme, country or city that a profile or city uses.

    The foreign keys are ``PROTECT`` too; this hook turns that into a message that
    says where the term is used, for the delete view and the bulk action alike.
    """
    blocked = [
        term
        for term in instances
        if isinstance(term, TaxonomyTerm)
        and (profiles_using(term).exists() or cities_using(term).exists())
    ]
    if not blocked:
        return None
    for term in blocked:
        messages.error(
            request,
            _(
                "“%(term)s” cannot be deleted: it is used by %(used_by)s. "
                "Remove it there first."
            )
            % {"term": term, "used_by": ", ".join(describe_usage(term))},
        )
    return HttpResponseRedirect(
        reverse(type(blocked[0]).snippet_viewset.get_url_name("list"))
    )
