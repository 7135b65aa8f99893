"""The example site's URLs, with grapple's ``/graphql/`` first when it is installed."""

from django.conf import settings
from django.urls import include, path
from example_site.urls import urlpatterns as example_urlpatterns

urlpatterns = list(example_urlpatterns)
# The example site mounts grapple itself when it is installed; first here too.
if settings.GRAPHQL:
    urlpatterns.insert(0, path("", include("grapple.urls")))
