"""The example site's headless API: wagtail-defenders' endpoints, v2 and (Wagtail 8) v3."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from wagtail_defenders.api import v3 as defenders_v3
from wagtail_defenders.api.v2 import PagesAPIViewSet, register_endpoints

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
register_endpoints(api_router)  # defenders/, themes/, countries/, cities/, statuses/

urlpatterns = [path("api/v2/", api_router.urls)]

if (
    defenders_v3.AVAILABLE
):  # Wagtail 8: without Wagtail's images/, documents/, redirects/
    urlpatterns.append(path("api/v3/", defenders_v3.build_api().urls))
