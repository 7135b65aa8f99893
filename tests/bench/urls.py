"""The test URLs, Wagtail's stock pages endpoint (to compare the listings) and a
plain Django view (the floor: what any request costs in the same process)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from tests.urls import urlpatterns as test_urlpatterns

stock_router = WagtailAPIRouter("stockapi")
stock_router.register_endpoint("pages", PagesAPIViewSet)

PLAIN_VIEW_PATH = "/bench/plain/"


def plain_view(request: HttpRequest) -> HttpResponse:
    """No database, no template: the cost of Django and its middleware alone."""
    return HttpResponse(b"<!doctype html><title>plain</title><p>plain</p>")


urlpatterns = [
    path(PLAIN_VIEW_PATH.strip("/") + "/", plain_view),
    path("stock-api/v2/", stock_router.urls),
    *test_urlpatterns,
]
