"""A sitemap of what search engines may see, for ``wagtail.contrib.sitemaps``.

Wagtail's own sitemap lists the live pages below the site's root page that
``PageQuerySet.public()`` lets through, which matches view restrictions by path
only: an alias of a private page (as locale synchronisation makes them) is
listed. :class:`Sitemap` lists the pages of the package's visibility rule
(:mod:`wagtail_defenders.models.visibility`, for
:attr:`~wagtail_defenders.models.Output.SEARCH_ENGINES`) in every language of the
site::

    from wagtail.contrib.sitemaps.views import sitemap
    from wagtail_defenders.sitemaps import Sitemap

    urlpatterns = [path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": Sitemap}}), ...]

With Wagtail's own sitemap, profiles still follow the rule
(``DefenderPage.get_sitemap_urls``); other page types follow Wagtail's.
"""

from __future__ import annotations

from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from .models.visibility import Output, visible_pages


class Sitemap(WagtailSitemap):
    """Wagtail's sitemap, with only the pages search engines may see."""

    def items(self):
        return (
            visible_pages(
                Page.objects.all(),
                site=self.get_wagtail_site(),
                output=Output.SEARCH_ENGINES,
            )
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
