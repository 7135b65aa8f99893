"""The related news chooser: opens at the news, in the edited profile's language,
searches all the news, and shows each page's date.

Wagtail's page chooser limited to some page types opens at the nearest common
ancestor of all their pages: on a site with news in two languages, the root.
:class:`RelatedNewsChooser` opens its own browse view instead
(:class:`RelatedNewsBrowseView`), which starts at the common ancestor of the
related news pages in the language the chooser was opened in (Wagtail's
choosers send the edited page's as ``?locale=``) and adds a date column. From
there the editor browses with Wagtail's own chooser views. Its search box leads
to :class:`RelatedNewsSearchView`: Wagtail's chooser search, which searches every
page of the related news page types wherever it is (every news index, every
language), with the same date column.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.views.chooser import BrowseView, SearchView
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page

from .models.relations import related_news_page_models


def news_date(page: Any) -> datetime.date | datetime.datetime | None:
    """A news page's own ``date`` when it has one, else when it was first published."""
    return getattr(page, "date", None) or page.first_published_at


def start_page_id(language_code: str | None) -> int | None:
    """The page the chooser opens at: the common ancestor of the related news
    pages in ``language_code`` (else of all of them); ``None`` when any page
    type is allowed or there is no news yet."""
    page_models = related_news_page_models()
    if not page_models:
        return None
    news = Page.objects.type(*page_models)
    if language_code:
        in_language = news.filter(locale__language_code=language_code)
        if in_language.exists():
            news = in_language
    if not news.exists():
        return None
    return news.first_common_ancestor().pk


def with_date_column(columns: list) -> list:
    """Wagtail's chooser ``columns`` with the news date after the title."""
    columns = list(columns)
    at = next((i + 1 for i, column in enumerate(columns) if column.name == "title"), 1)
    columns.insert(
        at,
        DateColumn(
            "date",
            label=pgettext_lazy("related news chooser", "Date"),
            accessor=news_date,
            width="12%",
        ),
    )
    return columns


def to_news_search(html: str) -> str:
    """``html`` with Wagtail's chooser search address (the search box's action,
    the result pages' links) replaced by the related news search's.

    Wagtail's chooser templates name the search route themselves and offer no
    block to change it, and the modal's script searches where the form points.
    """
    return html.replace(
        reverse("wagtailadmin_choose_page_search"),
        reverse("wagtail_defenders_choose_related_news_search"),
    )


class RelatedNewsBrowseView(BrowseView):
    """Wagtail's page chooser, at the news of the chooser's language, with dates,
    whose search box searches all the news (:class:`RelatedNewsSearchView`)."""

    @property
    def columns(self):
        return with_date_column(super().columns)

    def get(self, request, parent_page_id=None):
        if parent_page_id is None:
            parent_page_id = start_page_id(request.GET.get("locale"))
        response = super().get(request, parent_page_id)
        # A modal step: JSON whose "html" is the rendered browse view.
        step = json.loads(response.content)
        step["html"] = to_news_search(step["html"])
        response.content = json.dumps(step)
        return response


class RelatedNewsSearchView(SearchView):
    """Wagtail's chooser search (every page of the chosen types, in every news
    index and language) with each page's date."""

    @property
    def columns(self):
        return with_date_column(super().columns)

    def get(self, request) -> HttpResponse:
        response = super().get(request)
        response.render()
        response.content = to_news_search(response.content.decode())
        return response


class RelatedNewsChooser(AdminPageChooser):
    """A page chooser for related news that opens :class:`RelatedNewsBrowseView`."""

    def get_chooser_modal_url(self) -> str:
        return reverse("wagtail_defenders_choose_related_news")
