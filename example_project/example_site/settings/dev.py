"""Settings for running the example site on your own machine (``python3 dev.py demo``).

Never deploy these: the secret key is public and ``DEBUG`` is on.
"""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "example-site-only-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
if GRAPHQL:  # noqa: F405
    # GraphiQL, the in-browser GraphQL editor, at /graphiql/ (loads its scripts
    # from a CDN, so for a developer's machine only).
    GRAPPLE = {**GRAPPLE, "EXPOSE_GRAPHIQL": True}  # noqa: F405
