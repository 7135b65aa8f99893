"""The test project's API endpoints, as a site would register them (README)."""

from django.apps import apps
from django.urls import include, path
from wagtail.api.v2.router import WagtailAPIRouter

from wagtail_defenders.api import v3
from wagtail_defenders.api.v2 import PagesAPIViewSet, register_endpoints

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
register_endpoints(api_router)

urlpatterns = [
    path("api/v2/", api_router.urls),
]

if v3.AVAILABLE:
    from wagtail.api.v3.urls import api as api_v3

    v3.register_routes(api_v3)
    urlpatterns.append(path("api/v3/", api_v3.urls))

if apps.is_installed("grapple"):
    urlpatterns.append(path("", include("grapple.urls")))
