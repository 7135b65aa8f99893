"""A site that mounts the package's API v2 under its own path and prefix."""

from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.api.v2.router import WagtailAPIRouter

from wagtail_defenders.api.v2 import register_endpoints

api_router = WagtailAPIRouter("headlessapi")
register_endpoints(api_router, prefix="people-")

urlpatterns = [
    path("headless/", api_router.urls),
    path("", include(wagtail_urls)),
]
