"""The test URLs plus Wagtail's stock pages endpoint, to compare the listings."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from tests.urls import urlpatterns as test_urlpatterns

stock_router = WagtailAPIRouter("stockapi")
stock_router.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [path("stock-api/v2/", stock_router.urls), *test_urlpatterns]
