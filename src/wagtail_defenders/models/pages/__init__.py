"""The two page types: the index that lists and filters profiles
(:mod:`.index`), and a profile (:mod:`.profile`, with its editor, API fields and
translation settings beside it)."""

from .index import DefenderIndexPage
from .profile import DefenderPage
from .profile_panels import SAFETY_TAB
from .routes import FEED_KWARG, RESERVED_PROFILE_SLUGS

__all__ = [
    "FEED_KWARG",
    "RESERVED_PROFILE_SLUGS",
    "SAFETY_TAB",
    "DefenderIndexPage",
    "DefenderPage",
]
