"""The index page's own routes beside its profiles."""

from __future__ import annotations

#: The keyword of a route result that asks for one of an index page's feeds.
FEED_KWARG = "wagtail_defenders_feed"

#: Slugs a profile cannot have: the index page's own routes.
RESERVED_PROFILE_SLUGS = ("feed",)
