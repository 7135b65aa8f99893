from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap

from wagtail_defenders.sitemaps import Sitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": Sitemap}}),
    path("", include("tests.api_urls")),
]
urlpatterns += i18n_patterns(
    path("", include("wagtail_defenders.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
