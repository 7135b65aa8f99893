"""Settings of the second process in tests/test_redis_cache.py: the test settings
(``DATABASE_URL``, ``DEFENDERS_TEST_REDIS`` and its prefix from the first
process) with the whole-response cache, as a second app server has them."""

from tests.settings import *  # noqa: F403
from tests.settings import MIDDLEWARE

MIDDLEWARE = ["wagtail_defenders.response_cache.ResponseCacheMiddleware", *MIDDLEWARE]
