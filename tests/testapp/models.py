"""Test-only models: a home page and a news page to link as related news."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

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
    date = models.DateField(null=True, blank=True)

    content_panels = Page.content_panels + [FieldPanel("date")]


class OtherPage(Page):
    """A page type that is not allowed as related news."""
