"""The example site's home page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from wagtail_defenders.models import DefenderIndexPage, DefenderPage


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
        context["defender_index"] = (
            DefenderIndexPage.objects.child_of(self).live().public().first()
        )
        context["news_index"] = (
            NewsIndexPage.objects.child_of(self).live().public().first()
        )
        context["recent_profiles"] = (
            DefenderPage.objects.descendant_of(self)
            .live()
            .public()
            .for_card_ordering()
            .for_listing()[:3]
        )
        context["recent_news"] = (
            NewsPage.objects.descendant_of(self).live().public().order_by("-date")[:3]
        )
        return context
