"""Models of wagtail-defenders: taxonomy snippets, page types and inline relations."""

from .automatic_news import DefenderNewsMixin
from .consent import ConsentRecord, ConsentUse
from .pages import DefenderIndexPage, DefenderPage
from .querysets import DefenderPageQuerySet
from .relations import DefenderPageTheme, DefenderRelatedNews
from .sources import SourceRecord
from .taxonomy import City, Country, Status, TaxonomyTerm, Theme
from .updates import DefenderUpdate
from .visibility import (
    ANY_SITE,
    Output,
    VisiblePageManager,
    VisiblePageQuerySet,
    visible_pages,
)

__all__ = [
    "ANY_SITE",
    "Output",
    "VisiblePageManager",
    "VisiblePageQuerySet",
    "visible_pages",
    "City",
    "ConsentRecord",
    "ConsentUse",
    "Country",
    "DefenderIndexPage",
    "DefenderNewsMixin",
    "DefenderPage",
    "DefenderPageQuerySet",
    "DefenderPageTheme",
    "DefenderRelatedNews",
    "DefenderUpdate",
    "SourceRecord",
    "Status",
    "TaxonomyTerm",
    "Theme",
]
