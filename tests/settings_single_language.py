"""A single-language site: no wagtail-localize, ``WAGTAIL_I18N_ENABLED = False``.

Used by ``tests/test_single_language.py``, which runs itself again with these
settings to prove the package needs neither translation app nor a second language.
"""

from tests.settings import *  # noqa: F403

INSTALLED_APPS = [
    app
    for app in INSTALLED_APPS  # noqa: F405
    if app not in ("wagtail_localize", "wagtail_localize.locales")
]
LANGUAGE_CODE = "nl"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands")]
WAGTAIL_I18N_ENABLED = False
