"""News pages and their index. Profiles list news pages as related news."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from wagtail_defenders.models import ANY_SITE, visible_pages
from wagtail_defenders.models.pagination import ListingPaginator


class NewsIndexPage(Page):
    """Lists the live, public news pages below it, newest first, ten to a page."""

    introduction = RichTextField(
        pgettext_lazy("page field", "introduction"),
        blank=True,
        features=["bold", "italic", "link"],
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]

    per_page = 10

    class Meta:
        verbose_name = _("news index page")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        news = visible_pages(NewsPage.objects.child_of(self), site=ANY_SITE).order_by(
            "-date", "-pk"
        )
        context["news_pages"] = ListingPaginator(news, self.per_page).get_page(
            request.GET.get("page")
        )
        return context


class NewsPage(Page):
    """A news item: a date, a short introduction and the story."""

    date = models.DateField(_("date"))
    introduction = models.TextField(
        pgettext_lazy("page field", "introduction"),
        max_length=500,
        help_text=_("One or two sentences."),
    )
    body = RichTextField(
        pgettext_lazy("page field", "body"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = pgettext_lazy("page type", "news page")
