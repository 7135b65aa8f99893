"""Admin views for the safety of the people profiled: takedown, erasure and consent
reviews."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy
from wagtail.admin.views.reports import PageReportView

from .erasure import erase_profile, plan_erasure
from .models import ConsentRecord, ConsentUse, DefenderPage
from .models.consent import due_records, profiles_due_for_review
from .takedown import pages_to_take_down, take_down


def takedown_view(request, page_id: int):
    """Confirm (GET) and carry out (POST) the takedown of a profile and its translations.

    Needs the permission to unpublish every one of them.
    """
    profile = get_object_or_404(DefenderPage, pk=page_id)
    pages = pages_to_take_down(profile)
    if not all(
        page.permissions_for_user(request.user).can_unpublish() for page in pages
    ):
        raise PermissionDenied
    if request.method == "POST":
        take_down(profile, user=request.user)
        messages.success(
            request,
            _(
                "“%(title)s” was taken down: unpublished, out of search, portrait files removed."
            )
            % {"title": profile.title},
        )
        return redirect("wagtailadmin_explore", profile.get_parent().pk)
    return TemplateResponse(
        request,
        "wagtail_defenders/admin/takedown_confirm.html",
        {"profile": profile, "pages": pages, "page_title": _("Take down")},
    )


def can_erase(user) -> bool:
    """Who may erase a profile: administrators (superusers) only. An erasure
    cannot be undone, and it reaches translations an editor may not edit."""
    return bool(user.is_active and user.is_superuser)


def erase_view(request, page_id: int):
    """Confirm (GET) and carry out (POST) the erasure of a profile: the
    confirmation names every page, revision count and portrait that will go,
    and the portraits that stay because another page uses them."""
    if not can_erase(request.user):
        raise PermissionDenied
    profile = get_object_or_404(DefenderPage, pk=page_id)
    if request.method == "POST":
        parent = profile.get_parent()
        plan = erase_profile(profile, user=request.user)
        messages.success(
            request,
            _(
                "The profile was erased: %(count)s pages with their revisions, "
                "history and portraits. Only a record of who erased a profile, "
                "and when, is left."
            )
            % {"count": len(plan.pages)},
        )
        for image in plan.kept_images:
            messages.warning(
                request,
                _("The image “%(title)s” was kept: another page still uses it.")
                % {"title": image.title},
            )
        return redirect("wagtailadmin_explore", parent.pk)
    return TemplateResponse(
        request,
        "wagtail_defenders/admin/erase_confirm.html",
        {
            "profile": profile,
            "plan": plan_erasure(profile),
            "page_title": pgettext("erase a profile", "Erase"),
        },
    )


def mark_reviewed_view(request, page_id: int):
    """POST: mark a profile's consent as reviewed
    (:func:`~wagtail_defenders.consent.mark_reviewed`). Needs edit permission."""
    from .consent import mark_reviewed

    profile = get_object_or_404(DefenderPage, pk=page_id)
    if not profile.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if request.method != "POST":
        return redirect("wagtail_defenders_consent_reviews")
    next_review = mark_reviewed(profile, user=request.user)
    messages.success(
        request,
        _("Consent for “%(title)s” marked as reviewed; next review on %(day)s.")
        % {"title": profile.title, "day": next_review},
    )
    return redirect("wagtail_defenders_consent_reviews")


class ConsentReviewsDueView(PageReportView):
    """Profiles whose consent review date has passed (the profile's, or one of
    its consent records'), oldest first: each profile once in each of its
    languages, with the uses due, a link to its Safety tab and the actions.

    Consent records belong to the person and live on the source page only, so
    a translation is due when its source is; its uses due, its Safety tab and
    "Mark as reviewed" are its source's (:meth:`decorate_paginated_queryset`).
    """

    page_title = gettext_lazy("Consent reviews due")
    header_icon = "warning"
    results_template_name = "wagtail_defenders/admin/consent_reviews_results.html"
    index_url_name = "wagtail_defenders_consent_reviews"
    index_results_url_name = "wagtail_defenders_consent_reviews_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = [
        "title",
        "locale",
        "consent_given_on",
        "consent_review_by",
        "status_string",
    ]
    export_headings = {
        "locale": pgettext_lazy("consent reviews report", "Language"),
        "consent_given_on": gettext_lazy("Consent given on"),
        "consent_review_by": gettext_lazy("Review consent by"),
        "status_string": pgettext_lazy("consent reviews report", "Status"),
    }

    def get_filename(self) -> str:
        return f"consent-reviews-due-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        editable = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        due_people = profiles_due_for_review().values("translation_key")
        return (
            DefenderPage.objects.filter(translation_key__in=due_people)
            .filter(pk__in=editable.values("pk"))
            .select_related("locale")
            .order_by("consent_review_by", "title", "locale__language_code", "pk")
        )

    def decorate_paginated_queryset(self, object_list):
        """Give each row its person's records: the uses due, and the page that
        holds the records (where "Mark as reviewed" acts). One query for all
        the rows."""
        object_list = list(object_list)
        records: dict = {}
        for record in ConsentRecord.objects.filter(
            page__translation_key__in={p.translation_key for p in object_list}
        ).select_related("language", "page"):
            records.setdefault(record.page.translation_key, []).append(record)
        for profile in object_list:
            own = records.get(profile.translation_key, [])
            holders = {record.page_id for record in own}
            profile.records_page_id = (
                profile.pk if not holders or profile.pk in holders else min(holders)
            )
            profile.due_uses = [
                record.language.get_display_name()
                if record.use == ConsentUse.LANGUAGE and record.language
                else ConsentUse(record.use).label
                for record in due_records(own)
            ]
            # A translation's safety settings follow its source (and
            # wagtail-localize edits a translation in its own editor, without
            # the tab): the link leads to the Safety tab of the source.
            profile.safety_tab_url = safety_tab_url(profile.records_page_id)
        return object_list

    def get_takedown_url(self, profile: DefenderPage) -> str:
        return reverse("wagtail_defenders_takedown", args=[profile.pk])


def safety_tab_url(page_id: int) -> str:
    """The address of a profile's edit view, opened at its Safety tab."""
    from .models.pages import SAFETY_TAB

    return reverse("wagtailadmin_pages:edit", args=[page_id]) + f"#tab-{SAFETY_TAB}"
