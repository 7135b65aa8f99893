"""The test project's URLs with headless preview on: the API registered as the
README shows, with ``WAGTAIL_DEFENDERS["HEADLESS_PREVIEW"]`` set when the
site's URL module runs (``register_endpoints`` adds ``page_preview``), and
grapple's ``/graphql/`` before the pages, as the example site mounts it."""

from django.apps import apps
from django.test import override_settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter

from wagtail_defenders.api.v2 import register_endpoints

api_router = WagtailAPIRouter("wagtailapi")
with override_settings(WAGTAIL_DEFENDERS={"HEADLESS_PREVIEW": True}):
    register_endpoints(api_router)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/v2/", api_router.urls),
]
if apps.is_installed("grapple"):
    urlpatterns.append(path("", include("grapple.urls")))  # /graphql/
urlpatterns.append(path("", include(wagtail_urls)))
