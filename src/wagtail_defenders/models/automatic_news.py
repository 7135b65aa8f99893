"""Related news that finds itself (``RELATED_NEWS_AUTOMATIC``, issue 16).

The news an editor chose for a profile comes first
(``DefenderPage.get_related_news``). When there is less of it than
``RELATED_NEWS_AUTOMATIC`` asks for, :func:`automatic_related_news` fills the
list up with the newest news pages that share the profile's themes or its
country: live and public by the package's one visibility rule
(:mod:`.visibility`), in the profile's language, below the same root page as
the profile (its site's home in that language), ranked by how many terms they
share, then by date. In one query, whatever the number of news pages.

A news page type takes part by saying which terms it carries, with
:class:`DefenderNewsMixin`. Terms are matched by ``translation_key``: a
translated news page that still points at the source language's themes (as
wagtail-localize leaves a many-to-many field) matches all the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from django.apps import apps
from django.db.models import (
    Count,
    DateField,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, TruncDate
from wagtail.models import Page

from ..conf import defenders_settings
from .listing_loading import THEMES_ATTR
from .relations import DefenderPageTheme, related_news_page_models
from .taxonomy import Country
from .visibility import ANY_SITE, Output, visible_pages

if TYPE_CHECKING:
    from .pages import DefenderPage


#: Where an automatic related news page carries its date (its type's own, or
#: the day it was first published), so that no output reads the page again.
NEWS_DATE_ATTR = "defenders_news_date"


class DefenderNewsMixin:
    """Makes a news page model's pages candidates for automatic related news.

    Mix it into the page model (before ``Page``) and name the relations that
    hold the package's terms, as ORM paths from the page that end at a
    :class:`~wagtail_defenders.models.Theme` or a
    :class:`~wagtail_defenders.models.Country`::

        class NewsPage(DefenderNewsMixin, Page):
            themes = ParentalManyToManyField("wagtail_defenders.Theme", blank=True)
            country = models.ForeignKey(
                "wagtail_defenders.Country", null=True, blank=True,
                on_delete=models.SET_NULL, related_name="+",
            )

            defender_themes_path = "themes"
            defender_countries_path = "country"
            defender_date_field = "date"

    A path may cross an inline (``"news_themes__theme"``). Leave a path
    ``None`` for terms the type does not carry. ``defender_date_field`` names
    the page's own date field that "newest" means (a ``DateField`` or
    ``DateTimeField``); without one, the day the page was first published.

    The mixin adds no field and no migration. ``RELATED_NEWS_PAGE_TYPES``, when
    set, still limits which of these types are used.
    """

    #: The ORM path from the page to its themes, or ``None``.
    defender_themes_path: ClassVar[str | None] = None
    #: The ORM path from the page to its country or countries, or ``None``.
    defender_countries_path: ClassVar[str | None] = None
    #: The page's own date field that orders the newest first, or ``None``.
    defender_date_field: ClassVar[str | None] = None


def automatic_news_models() -> list[type[Page]]:
    """The page models that take part: those with :class:`DefenderNewsMixin`
    and at least one path, within ``RELATED_NEWS_PAGE_TYPES`` when it is set.

    A subclass of a model already listed is left out: its pages are rows of
    that model, and counting them twice would rank them higher.
    """
    allowed = tuple(related_news_page_models())
    found = [
        model
        for model in apps.get_models()
        if issubclass(model, DefenderNewsMixin)
        and issubclass(model, Page)
        and (model.defender_themes_path or model.defender_countries_path)
        and (not allowed or issubclass(model, allowed))
    ]
    return [
        model
        for model in found
        if not any(other is not model and issubclass(model, other) for other in found)
    ]


def _shared_terms(model: type[Page], theme_keys, country_keys):
    """How many of the profile's terms a page of ``model`` carries (``0`` for a
    page of another type): a subquery."""
    counts = [
        Count(path, filter=Q(**{f"{path}__translation_key__in": keys}), distinct=True)
        for path, keys in (
            (model.defender_themes_path, theme_keys),
            (model.defender_countries_path, country_keys),
        )
        if path
    ]
    total: Any = counts[0]
    for count in counts[1:]:
        total = total + count
    shared = (
        model._default_manager.filter(pk=OuterRef("pk"))
        .order_by()
        .annotate(defenders_shared=total)
        .values("defenders_shared")
    )
    return Coalesce(Subquery(shared, output_field=IntegerField()), Value(0))


def _news_date(models: list[type[Page]]):
    """The page's own date (its type's ``defender_date_field``), else the day it
    was first published."""
    own_dates = [
        Subquery(
            model._default_manager.filter(pk=OuterRef("pk")).values(
                model.defender_date_field
            ),
            output_field=DateField(),
        )
        for model in models
        if model.defender_date_field
    ]
    published = TruncDate("first_published_at")
    if not own_dates:
        return published
    return Coalesce(*own_dates, published, output_field=DateField())


def automatic_related_news(
    profile: DefenderPage,
    count: int,
    *,
    exclude: Sequence[Page] = (),
    exclude_keys: Any = (),
    output: Output = Output.SITE,
) -> list[Page]:
    """Up to ``count`` news pages for ``profile`` that share its themes or country.

    Pages a visitor may see (:func:`~.visibility.visible_pages` for ``output``),
    in the profile's locale, below the same root page as the profile, of the
    types of :func:`automatic_news_models`, not in ``exclude`` (the news the
    editors chose, and any translation of it) nor of a ``translation_key`` in
    ``exclude_keys`` (a list, or a subquery of them). Most shared terms first, then
    the newest. One query; none when ``count`` is 0 or no type takes part.
    """
    models = automatic_news_models()
    if count <= 0 or not models or profile.pk is None:
        return []
    loaded_themes = getattr(profile, THEMES_ATTR, None)
    if loaded_themes is not None:
        theme_keys = [theme.translation_key for theme in loaded_themes]
    else:
        theme_keys = DefenderPageTheme.objects.filter(
            page_id=profile.pk, theme__isnull=False
        ).values("theme__translation_key")
    country_keys = Country.objects.filter(pk=profile.country_id).values(
        "translation_key"
    )
    of_news_types = Q()
    for model in models:
        of_news_types |= Q(pk__in=model._default_manager.values("pk"))
    shared = _shared_terms(models[0], theme_keys, country_keys)
    for model in models[1:]:
        shared = shared + _shared_terms(model, theme_keys, country_keys)
    # The profile's ancestor just below the tree's root: its site's home page
    # in its language (or the translation root that holds it).
    home_path = profile.path[: Page.steplen * 2]
    candidates = (
        Page.objects.filter(
            of_news_types, locale_id=profile.locale_id, path__startswith=home_path
        )
        .exclude(pk__in=[page.pk for page in exclude])
        .exclude(translation_key__in=[page.translation_key for page in exclude])
        .exclude(translation_key__in=exclude_keys)
    )
    ranked = (
        visible_pages(candidates, site=ANY_SITE, output=output)
        .annotate(defenders_shared_terms=shared, defenders_news_date=_news_date(models))
        .filter(defenders_shared_terms__gt=0)
        .order_by(
            "-defenders_shared_terms",
            F(NEWS_DATE_ATTR).desc(nulls_last=True),
            "-pk",
        )
    )
    return list(ranked[:count])


def related_news_to_fill(shown: int) -> int:
    """How many automatic related news a profile showing ``shown`` chosen ones
    gets (``RELATED_NEWS_AUTOMATIC``)."""
    return max(0, int(defenders_settings.RELATED_NEWS_AUTOMATIC) - shown)
