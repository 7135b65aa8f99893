"""The test project's API endpoints, registered exactly as the README shows."""

from django.apps import apps
from django.urls import include, path
from wagtail.api.v2.router import WagtailAPIRouter

from wagtail_defenders.api import v3 as defenders_v3
from wagtail_defenders.api.v2 import PagesAPIViewSet, register_endpoints

api_router = WagtailAPIRouter("wagtailapi")
# optional: Wagtail's pages/, minus the profiles kept out of the API
api_router.register_endpoint("pages", PagesAPIViewSet)
register_endpoints(api_router)  # defenders/, themes/, countries/, cities/, statuses/

urlpatterns = [
    path("api/v2/", api_router.urls),
]

if (
    defenders_v3.AVAILABLE
):  # Wagtail 8: API v3, without Wagtail's images/, documents/, redirects/
    urlpatterns.append(path("api/v3/", defenders_v3.build_api().urls))

if apps.is_installed("grapple"):
    urlpatterns.append(path("", include("grapple.urls")))  # /graphql/
