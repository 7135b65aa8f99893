"""Admin registration: the taxonomy snippets in one menu, delete protection, the
profile listings, the safety views (takedown, erasure, consent reviews, the
faceless tool), the profile translations report and the ``pixelate-N`` image filter."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from .conf import wagtail_setting
from .models import (
    City,
    Country,
    DefenderIndexPage,
    DefenderPage,
    DefenderPageTheme,
    Status,
    TaxonomyTerm,
    Theme,
)
from .taxonomy_admin import CountryChooserViewSet, TaxonomyViewSet, iso_code_column
from .usage import describe_usage, term_in_use


class ThemeViewSet(TaxonomyViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_export = ["name", "slug", "description", "sort_order"]


class CountryViewSet(TaxonomyViewSet):
    model = Country
    icon = "globe"
    menu_label = _("Countries")
    chooser_viewset_class = CountryChooserViewSet
    columns = ["name", iso_code_column(), "slug", "sort_order"]
    list_export = ["name", "code", "slug", "description", "sort_order"]


class CityViewSet(TaxonomyViewSet):
    model = City
    icon = "home"
    menu_label = _("Cities")
    columns = ["name", "country", "slug", "sort_order"]
    list_export = ["name", "country", "slug", "description", "sort_order"]
    list_filter = ["country"]


class StatusViewSet(TaxonomyViewSet):
    model = Status
    icon = "pick"
    menu_label = pgettext_lazy("defender's situation", "Statuses")
    columns = ["name", "code", "slug", "sort_order"]
    list_export = ["name", "code", "slug", "description", "sort_order"]


class DefenderTaxonomyGroup(SnippetViewSetGroup):
    """The four taxonomies under one "Defender taxonomies" menu item."""

    items = (ThemeViewSet, CountryViewSet, CityViewSet, StatusViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Defender taxonomies")
    menu_name = "defender-taxonomies"


register_snippet(DefenderTaxonomyGroup)


@hooks.register("insert_global_admin_css")
def admin_css() -> str:
    """The package's admin stylesheet (the profile listings' columns)."""
    return format_html(
        '<link rel="stylesheet" href="{}">', static("wagtail_defenders/css/admin.css")
    )


@hooks.register("register_admin_viewset")
def register_profile_listings():
    """The flat listing of every profile, and (Wagtail 8) the profile page
    type's viewset, whose columns and filters the explorer of an index page
    shows (:mod:`.profile_admin`)."""
    from .profile_admin import DefenderProfilesViewSet, defender_page_viewset

    viewsets = [DefenderProfilesViewSet("defender_profiles")]
    if defender_page_viewset is not None:
        viewsets.append(defender_page_viewset)
    return viewsets


@hooks.register("register_page_header_buttons")
def profile_listing_header_button(page, user, view_name=None, next_url=None):
    """Wagtail 7: the explorer of an index page links to the listing of its
    profiles with their columns and filters (Wagtail 8 shows them in place)."""
    from .profile_admin import explorer_has_profile_columns, flat_listing_url

    page_class = page.specific_class
    if (
        view_name == "index"
        and not explorer_has_profile_columns()
        and page_class
        and issubclass(page_class, DefenderIndexPage)
    ):
        yield Button(
            _("Profiles with filters"),
            flat_listing_url(page),
            icon_name="list-ul",
            priority=40,
        )


@hooks.register("before_delete_snippet")
def refuse_deleting_terms_in_use(
    request: HttpRequest, instances: list
) -> HttpResponse | None:
    """Refuse to delete a theme, country, city or status that a profile (or a profile's
    draft) or a city uses.

    The foreign keys are ``PROTECT`` too; this hook turns that into a message that
    says where the term is used, for the delete view and the bulk action alike.
    """
    blocked = [
        term
        for term in instances
        if isinstance(term, TaxonomyTerm) and term_in_use(term)
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


@hooks.register("register_admin_urls")
def register_chooser_urls():
    """The related news chooser's start (:mod:`.news_chooser`)."""
    from .news_chooser import RelatedNewsBrowseView, RelatedNewsSearchView

    return [
        path(
            "defenders/choose-related-news/",
            RelatedNewsBrowseView.as_view(),
            name="wagtail_defenders_choose_related_news",
        ),
        path(
            "defenders/choose-related-news/<int:parent_page_id>/",
            RelatedNewsBrowseView.as_view(),
            name="wagtail_defenders_choose_related_news_child",
        ),
        path(
            "defenders/choose-related-news/search/",
            RelatedNewsSearchView.as_view(),
            name="wagtail_defenders_choose_related_news_search",
        ),
    ]


@hooks.register("register_admin_urls")
def register_safety_urls():
    from .faceless.views import faceless_view, picture_view, preview_view
    from .translation_report import ProfileTranslationsView
    from .views import (
        ConsentReviewsDueView,
        erase_view,
        mark_reviewed_view,
        takedown_view,
    )

    return [
        path(
            "defenders/faceless/<int:image_id>/",
            faceless_view,
            name="wagtail_defenders_faceless",
        ),
        path(
            "defenders/faceless/<int:image_id>/picture/",
            picture_view,
            name="wagtail_defenders_faceless_picture",
        ),
        path(
            "defenders/faceless/<int:image_id>/preview/",
            preview_view,
            name="wagtail_defenders_faceless_preview",
        ),
        path(
            "reports/consent-reviews-due/<int:page_id>/reviewed/",
            mark_reviewed_view,
            name="wagtail_defenders_consent_reviewed",
        ),
        path(
            "defenders/<int:page_id>/erase/",
            erase_view,
            name="wagtail_defenders_erase",
        ),
        path(
            "defenders/<int:page_id>/takedown/",
            takedown_view,
            name="wagtail_defenders_takedown",
        ),
        path(
            "reports/consent-reviews-due/",
            ConsentReviewsDueView.as_view(),
            name="wagtail_defenders_consent_reviews",
        ),
        path(
            "reports/consent-reviews-due/results/",
            ConsentReviewsDueView.as_view(results_only=True),
            name="wagtail_defenders_consent_reviews_results",
        ),
        path(
            "reports/profile-translations/",
            ProfileTranslationsView.as_view(),
            name="wagtail_defenders_translations",
        ),
        path(
            "reports/profile-translations/results/",
            ProfileTranslationsView.as_view(results_only=True),
            name="wagtail_defenders_translations_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_consent_reviews_report():
    return MenuItem(
        _("Consent reviews due"),
        reverse("wagtail_defenders_consent_reviews"),
        icon_name="warning",
        order=900,
    )


@hooks.register("register_reports_menu_item")
def register_profile_translations_report():
    from .translation_report import ProfileTranslationsMenuItem

    return ProfileTranslationsMenuItem(
        _("Profile translations"),
        reverse("wagtail_defenders_translations"),
        icon_name="globe",
        order=910,
    )


def _takedown_buttons(page, user):
    page_class = page.specific_class
    if page_class and issubclass(page_class, DefenderPage) and page.live:
        if page.permissions_for_user(user).can_unpublish():
            yield Button(
                _("Take down"),
                reverse("wagtail_defenders_takedown", args=[page.pk]),
                icon_name="warning",
                priority=45,
            )


def _erase_buttons(page, user):
    from .views import can_erase

    page_class = page.specific_class
    if page_class and issubclass(page_class, DefenderPage) and can_erase(user):
        yield Button(
            pgettext_lazy("erase a profile", "Erase"),
            reverse("wagtail_defenders_erase", args=[page.pk]),
            icon_name="bin",
            priority=46,
        )


def _faceless_buttons(page, user):
    page_class = page.specific_class
    if not (page_class and issubclass(page_class, DefenderPage)):
        return
    portrait_id = getattr(page.specific_deferred, "portrait_id", None)
    if portrait_id and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Make the portrait faceless"),
            reverse("wagtail_defenders_faceless", args=[portrait_id])
            + f"?profile={page.pk}",
            icon_name="image",
            priority=44,
        )


@hooks.register("register_page_header_buttons")
def takedown_header_button(page, user, view_name=None, next_url=None):
    yield from _faceless_buttons(page, user)
    yield from _takedown_buttons(page, user)
    yield from _erase_buttons(page, user)


@hooks.register("register_page_listing_more_buttons")
def takedown_listing_button(page, user, next_url=None):
    yield from _takedown_buttons(page, user)
    yield from _erase_buttons(page, user)


# The profile's address when its edit view was opened, to tell after a publish
# whether it changed (the page the hooks get is the latest revision, not the row).
_URL_PATH_BEFORE = "_wagtail_defenders_url_path_before"


def _redirects_made_automatically() -> bool:
    return apps.is_installed("wagtail.contrib.redirects") and bool(
        wagtail_setting("WAGTAILREDIRECTS_AUTO_CREATE")
    )


def _tell_no_redirect(request: HttpRequest) -> None:
    # gettext, not a lazy string: messages are stored after the view, when the
    # editor's admin language is no longer active.
    messages.info(
        request,
        gettext(
            "No redirect was made from the profile's old address: it can carry a "
            "name the defender no longer uses, so the old address now finds "
            "nothing. Update links to the profile where you control them."
        ),
    )


@hooks.register("before_edit_page")
def remember_profile_address(request: HttpRequest, page) -> None:
    if isinstance(page, DefenderPage) and request.method == "POST":
        setattr(
            request,
            _URL_PATH_BEFORE,
            Page.objects.filter(pk=page.pk).values_list("url_path", flat=True).first(),
        )


@hooks.register("before_edit_page")
def tell_terms_missing_from_revision(request: HttpRequest, page) -> None:
    """Opening a profile (or reverting to a revision of it) whose version refers
    to a theme, country, city or status deleted since: say what was left out
    (:meth:`DefenderPage.from_serializable_data`)."""
    missing = getattr(page, "terms_missing_from_revision", None)
    if not missing or request.method != "GET":
        return
    labels = {
        "country": DefenderPage._meta.get_field("country").verbose_name,
        "city": DefenderPage._meta.get_field("city").verbose_name,
        "status": DefenderPage._meta.get_field("status").verbose_name,
        "theme": DefenderPageTheme._meta.get_field("theme").verbose_name,
    }
    fields = list(dict.fromkeys(str(labels[term.field]) for term in missing))
    messages.warning(
        request,
        _(
            "Some terms have been deleted since this version was saved, and are "
            "left out of it: %(fields)s. Choose others before you publish."
        )
        % {"fields": ", ".join(fields)},
    )


@hooks.register("before_edit_page")
def tell_switches_set_by_consent(request: HttpRequest, page) -> None:
    """Opening a profile whose consent records set a safety switch: say which
    switch and why (:meth:`DefenderPage.consent_reasons`)."""
    if not isinstance(page, DefenderPage) or request.method != "GET":
        return
    reasons = page.consent_reasons()
    if not reasons:
        return
    labels = [
        f"{DefenderPage._meta.get_field(switch).verbose_name}: {reason}"
        for switch, reason in reasons.items()
    ]
    messages.info(
        request,
        gettext("Set by the consent records: %(switches)s.")
        % {"switches": "; ".join(labels)},
    )


@hooks.register("after_edit_page")
def tell_renamed_profile_has_no_redirect(request: HttpRequest, page) -> None:
    """After a publish that changed a profile's address (its slug), say why
    Wagtail made no redirect from the old one (:meth:`DefenderPage.get_route_paths`)."""
    before = getattr(request, _URL_PATH_BEFORE, None)
    if before is None or not _redirects_made_automatically():
        return
    after = Page.objects.filter(pk=page.pk).values_list("url_path", flat=True).first()
    if after != before:
        _tell_no_redirect(request)


@hooks.register("after_move_page")
def tell_moved_profile_has_no_redirect(request: HttpRequest, page) -> None:
    """After moving a profile, or a page with profiles below it, say why Wagtail
    made no redirect from their old addresses."""
    if not _redirects_made_automatically():
        return
    if page.specific_class is not None and issubclass(
        page.specific_class, DefenderPage
    ):
        _tell_no_redirect(request)
    # The tree path read afresh: Wagtail 7.0 passes the page as it was before the
    # move, whose old path no longer has the profiles below it.
    elif DefenderPage.objects.descendant_of(Page.objects.get(pk=page.pk)).exists():
        _tell_no_redirect(request)


@hooks.register("register_log_actions")
def register_takedown_log_action(actions):
    from .consent import REVIEWED_ACTION
    from .erasure import ERASURE_ACTION
    from .faceless.replacement import FACELESS_ACTION
    from .takedown import TAKEDOWN_ACTION

    actions.register_action(TAKEDOWN_ACTION, _("Take down"), _("Taken down"))
    actions.register_action(
        REVIEWED_ACTION, _("Mark consent as reviewed"), _("Consent reviewed")
    )
    actions.register_action(
        ERASURE_ACTION, _("Erase a profile"), _("A profile below was erased")
    )
    actions.register_action(
        FACELESS_ACTION, _("Make the portrait faceless"), _("Portrait made faceless")
    )
    from .status_history import STATUS_CHANGED_ACTION, StatusChangedFormatter

    actions.register_action(STATUS_CHANGED_ACTION)(StatusChangedFormatter)


# After Wagtail's own registration (order 0), which this one replaces.
@hooks.register("register_rich_text_features", order=100)
def register_visible_page_links(features) -> None:
    """Rich text links only to pages a visitor may see (:mod:`.links`)."""
    from .links import VisiblePageLinkHandler

    features.register_link_type(VisiblePageLinkHandler)


@hooks.register("register_image_operations")
def register_pixelate_operation():
    from .image_operations import PixelateOperation

    return [("pixelate", PixelateOperation)]


def _load_graphql() -> None:
    # The GraphQL types and queries register a grapple hook when imported; only
    # when the site uses grapple (the "graphql" extra).
    from django.apps import apps

    if apps.is_installed("grapple"):
        from .api import graphql  # noqa: F401
        from .api.graphql_errors import translate_view_errors
        from .api.graphql_preview import keep_previews_out_of_caches
        from .api.graphql_timestamps import serve_utc_timestamps

        translate_view_errors()
        serve_utc_timestamps()
        keep_previews_out_of_caches()


_load_graphql()
