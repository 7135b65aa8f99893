"""The example site's home page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from wagtail_defenders.models import (
    ANY_SITE,
    DefenderIndexPage,
    DefenderPage,
    visible_pages,
)


class HomePage(Page):
    """The root of each language's tree: an introduction, recent profiles and news."""

    introduction = RichTextField(
        pgettext_lazy("page field", "introduction"),
        blank=True,
        features=["bold", "italic", "link"],
    )

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["wagtail_defenders.DefenderIndexPage", "news.NewsIndexPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict[str, Any]:
        from news.models import NewsIndexPage, NewsPage

        context = super().get_context(request, *args, **kwargs)
        # What a visitor may see: wagtail-defenders' visibility rule (a home page's
        # descendants are in its site already).
        context["defender_index"] = visible_pages(
            DefenderIndexPage.objects.child_of(self), site=ANY_SITE
        ).first()
        context["news_index"] = visible_pages(
            NewsIndexPage.objects.child_of(self), site=ANY_SITE
        ).first()
        context["recent_profiles"] = (
            DefenderPage.objects.descendant_of(self)
            .visible(site=ANY_SITE)
            .for_card_ordering()
            .for_listing()[:3]
        )
        context["recent_news"] = visible_pages(
            NewsPage.objects.descendant_of(self), site=ANY_SITE
        ).order_by("-date")[:3]
        return context
