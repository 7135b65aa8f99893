"""The "Profile translations" report (Reports menu): each profile in each locale.

One row per profile and locale other than the profile's source, with the status
of :mod:`wagtail_defenders.models.translation_status`; filters by locale and
status, and CSV and XLSX export as Wagtail's own reports have. Open to editors
who may add, change or publish pages, and only for the profiles they may change.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import django_filters
from django import forms
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, LocaleColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import DefenderPage
from .models.translation_status import (
    TranslationStatus,
    TranslationStatusRow,
    translation_statuses,
)

#: Who may open the report (as Wagtail's own page reports).
EDITOR_PERMISSIONS = ["add", "change", "publish"]


class TranslationStatusFilterSet(WagtailFilterSet):
    """The report's filters. The rows are computed, not a queryset: the form is
    django-filter's (so Wagtail shows it and its active filters as on its own
    reports), and :meth:`filter_rows` applies it."""

    locale = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("translation report", "Language"),
        empty_label=pgettext_lazy("translation report", "All languages"),
        queryset=Locale.objects.order_by("language_code"),
        to_field_name="language_code",
    )
    status = django_filters.MultipleChoiceFilter(
        label=pgettext_lazy("translation report", "Status"),
        choices=TranslationStatus.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = DefenderPage
        fields: list[str] = []

    def filter_rows(
        self, rows: list[TranslationStatusRow]
    ) -> list[TranslationStatusRow]:
        data = self.form.cleaned_data
        if data.get("locale"):
            rows = [row for row in rows if row.locale.pk == data["locale"].pk]
        if data.get("status"):
            rows = [row for row in rows if row.status in data["status"]]
        return rows


def _edit_url(row: TranslationStatusRow) -> str:
    return reverse("wagtailadmin_pages:edit", args=[row.page_id])


class ProfileTranslationsView(ReportView):
    """Reports → Profile translations."""

    page_title = _("Profile translations")
    header_icon = "globe"
    index_url_name = "wagtail_defenders_translations"
    index_results_url_name = "wagtail_defenders_translations_results"
    permission_policy = PagePermissionPolicy()
    any_permission_required = EDITOR_PERMISSIONS
    filterset_class = TranslationStatusFilterSet
    columns = [
        TitleColumn(
            "title",
            label=pgettext_lazy("translation report", "Profile"),
            get_url=_edit_url,
        ),
        # Wagtail's LocaleColumn is always named "locale_id": one per table.
        Column("source_locale", label=_("Source language")),
        LocaleColumn(
            accessor="locale",
            label=pgettext_lazy("translation report", "Language"),
            sort_key=None,
        ),
        Column("status_label", label=pgettext_lazy("translation report", "Status")),
        DateColumn("source_published_at", label=_("Source published")),
        DateColumn("translation_published_at", label=_("Translation published")),
    ]
    list_export = [
        "title",
        "source_locale.language_code",
        "locale.language_code",
        "status",
        "status_label",
        "source_published_at",
        "translation_published_at",
        "source_synced_at",
        "page_id",
    ]
    export_headings = {
        "title": pgettext_lazy("translation report", "Profile"),
        "source_locale.language_code": _("Source language"),
        "locale.language_code": pgettext_lazy("translation report", "Language"),
        "status": _("Status code"),
        "status_label": pgettext_lazy("translation report", "Status"),
        "source_published_at": _("Source published"),
        "translation_published_at": _("Translation published"),
        "source_synced_at": _("Source last synced"),
        "page_id": pgettext_lazy("translation report", "Page ID"),
    }

    def get_filename(self) -> str:
        return f"profile-translations-{datetime.date.today():%Y-%m-%d}"

    def stream_csv(self, queryset) -> Iterator[str]:
        # Wagtail streams the CSV after the view has returned, when the editor's
        # language is no longer active: headings and statuses would come in
        # LANGUAGE_CODE. Write each line in the language of the request.
        language = translation.get_language()
        lines = super().stream_csv(queryset)

        def in_language() -> Iterator[str]:
            while True:
                with translation.override(language):
                    line = next(lines, None)
                if line is None:
                    return
                yield line

        return in_language()

    def get_queryset(self) -> list[TranslationStatusRow]:
        editable = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        return translation_statuses(
            DefenderPage.objects.filter(pk__in=editable.values("pk"))
        )

    def filter_queryset(self, rows):
        if self.filters and self.filters.is_valid():
            rows = self.filters.filter_rows(rows)
        return rows


class ProfileTranslationsMenuItem(MenuItem):
    """Shown to the editors the report lets in."""

    def is_shown(self, request) -> bool:
        return PagePermissionPolicy().user_has_any_permission(
            request.user, EDITOR_PERMISSIONS
        )
