"""Test-only models: a home page and a news page to link as related news."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HomePage(Page):
    pass


class NewsPage(Page):
    date = models.DateField(null=True, blank=True)

    content_panels = Page.content_panels + [FieldPanel("date")]


class OtherPage(Page):
    """A page type that is not allowed as related news."""
