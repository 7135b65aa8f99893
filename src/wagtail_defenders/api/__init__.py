"""Headless access to the profiles: API v2 viewsets, API v3 routes and GraphQL.

- :mod:`wagtail_defenders.api.v2`: viewsets a site registers on its own
  ``WagtailAPIRouter`` (defenders, themes, countries, cities, statuses).
- :mod:`wagtail_defenders.api.v3`: Wagtail 8's API v3; imports cleanly and does
  nothing on Wagtail 7.
- :mod:`wagtail_defenders.api.graphql`: wagtail-grapple types and queries, only
  when the ``graphql`` extra is installed.
- :mod:`wagtail_defenders.api.serializers`: the one representation all of them
  present.
- :mod:`wagtail_defenders.api.inputs`: reading the site, language and filters
  of a request, shared by every surface.
"""
