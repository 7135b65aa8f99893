"""Test-only models: a home page and a news page to link as related news."""

from typing import Any

from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from wagtail_defenders.models import DefenderNewsMixin

try:  # grapple's per-type queries, on the news page (the graphql extra)
    from grapple.helpers import (
        register_paginated_query_field,
        register_query_field,
        register_singular_query_field,
    )
except ImportError:  # pragma: no cover

    def _unchanged(*args, **kwargs):
        return lambda model: model

    register_paginated_query_field = register_query_field = _unchanged
    register_singular_query_field = _unchanged


class HomePage(Page):
    pass


@register_query_field("news_item", "news_items")
@register_paginated_query_field("paged_news_item", "paged_news_items")
@register_singular_query_field("latest_news_item")
class NewsPage(Page):
    date: Any = models.DateField(null=True, blank=True)

    content_panels = Page.content_panels + [FieldPanel("date")]


class OtherPage(Page):
    """A page type that is not allowed as related news."""


class TaggedNewsPage(DefenderNewsMixin, Page):
    """A news page that carries the package's themes and a country, so that it
    can fill a profile's related news (``RELATED_NEWS_AUTOMATIC``)."""

    date: Any = models.DateField(null=True, blank=True)
    themes = ParentalManyToManyField("wagtail_defenders.Theme", blank=True)
    country: Any = models.ForeignKey(
        "wagtail_defenders.Country",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("themes"),
        FieldPanel("country"),
    ]

    defender_themes_path = "themes"
    defender_countries_path = "country"
    defender_date_field = "date"
