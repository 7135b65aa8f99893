"""URLs the package serves besides Wagtail's pages: an index page's open-data
downloads (:mod:`wagtail_defenders.exchange.downloads`).

Include them before Wagtail's own URLs, in the same ``i18n_patterns`` if pages
have language prefixes::

    path("", include("wagtail_defenders.urls")),
    path("", include(wagtail_urls)),

They answer only when ``WAGTAIL_DEFENDERS["EXPORT_DOWNLOADS"]`` is on.
"""

from django.urls import re_path

from .exchange.downloads import export_view

urlpatterns = [
    re_path(
        r"^(?P<index_path>(?:[\w\-]+/)*)export\.(?P<export_format>csv|json)$",
        export_view,
        name="wagtail_defenders_export",
    ),
]
