"""URLs of the example site: the admin, then the pages in Dutch (no prefix) and English (/en/)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("example_site.api")),  # /api/v2/ and, on Wagtail 8, /api/v3/
]

if settings.GRAPHQL:
    # /graphql/ (and /graphiql/ when GRAPPLE["EXPOSE_GRAPHIQL"]), before the pages.
    urlpatterns.append(path("", include("grapple.urls")))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    # Open-data downloads of the index pages (<index>/export.csv), when enabled.
    path("", include("wagtail_defenders.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
