"""The profiles related to something else: a site, a news page, a term or an
image, a page whose privacy changed. Queries of
:class:`~.querysets.DefenderPageQuerySet`, read by the template tags, the usage
of terms and images, and the caches' invalidation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from .relations import DefenderPageTheme, DefenderRelatedNews
from .taxonomy import City, Country, Status, Theme
from .updates import DefenderUpdate
from .visibility import VisiblePageQuerySet, in_site_tree_q

if TYPE_CHECKING:
    from .querysets import DefenderPageQuerySet


class RelatedProfilesQuerySet(VisiblePageQuerySet):
    """The lookups of related profiles of :class:`~.querysets.DefenderPageQuerySet`."""

    def in_site_tree(self, site) -> DefenderPageQuerySet:
        """The profiles below ``site``'s root page or below any translation of it
        (:func:`~wagtail_defenders.models.visibility.in_site_tree_q`)."""
        return self.filter(in_site_tree_q(site))

    def related_to_news(self, news_page: Page) -> list:
        """The profiles of this queryset whose related news include ``news_page``
        or a translation of it: one per defender, in ``news_page``'s language
        where the defender has a version in this queryset (else another), by
        title. Call it on :meth:`~.visibility.VisiblePageQuerySet.visible` so
        only what a visitor may see is listed. One query.
        """
        defenders = DefenderRelatedNews.objects.filter(
            news_page__translation_key=news_page.translation_key
        ).values("page__translation_key")
        chosen: dict = {}
        for profile in self.filter(translation_key__in=defenders).order_by("pk"):
            known = chosen.get(profile.translation_key)
            if known is None or (
                profile.locale_id == news_page.locale_id
                and known.locale_id != news_page.locale_id
            ):
                chosen[profile.translation_key] = profile
        return sorted(chosen.values(), key=lambda profile: (profile.title, profile.pk))

    def referring_to(self, obj: Any) -> DefenderPageQuerySet:
        """The profiles whose saved fields refer to ``obj``: a theme, country,
        city or status they have, or an image that is their portrait. Anything else: none.

        Only the page rows: a draft's choices live in its latest revision
        (:mod:`wagtail_defenders.usage` reads those).
        """
        if isinstance(obj, Theme):
            links = DefenderPageTheme.objects.filter(theme=obj).values("page_id")
            return self.filter(pk__in=links)
        if isinstance(obj, Country):
            return self.filter(country=obj)
        if isinstance(obj, City):
            return self.filter(city=obj)
        if isinstance(obj, Status):
            updates = DefenderUpdate.objects.filter(status=obj).values("page_id")
            return self.filter(Q(status=obj) | Q(pk__in=updates))
        if isinstance(obj, AbstractImage):
            return self.filter(portrait=obj)
        return self.none()

    def affected_by_privacy_of(self, page_id: int | None) -> DefenderPageQuerySet:
        """The profiles a privacy change on the page ``page_id`` may change: those
        at or below it and those whose related news links to a page at or below
        it. None when the page is gone (its restrictions went with it)."""
        page = Page.objects.filter(pk=page_id).first() if page_id else None
        if page is None:
            return self.none()
        linking = DefenderRelatedNews.objects.filter(
            news_page__path__startswith=page.path
        ).values("page_id")
        return self.filter(Q(path__startswith=page.path) | Q(pk__in=linking))
