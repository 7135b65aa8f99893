import os

import pytest
from hypothesis import settings as hypothesis_settings

from tests import factories

# CI runs the property-based tests with a fixed seed, so a run never fails on an
# example no earlier run tried; elsewhere every run explores new input.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")


def pytest_collection_modifyitems(items):
    """The browser tests share one example site: run them on one xdist worker."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches: the one place that resets them.

    A rolled-back test leaves its cached fragments, API data, renditions and
    site root paths behind, and the next test's rows reuse the same ids. A test
    calls :func:`tests.api_world.clear_caches` itself only to measure or render
    from a cold cache in its middle.
    """
    from tests.api_world import clear_caches
    from wagtail_defenders.frontend_cache import discard_pending

    clear_caches()
    discard_pending()


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded and generated files in a directory of the test's own."""
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


@pytest.fixture
def home(db):
    return factories.site_with_home()


@pytest.fixture
def index(home):
    return factories.index_page(home)


@pytest.fixture
def en(db):
    """The English locale (Dutch, the default, is the source language)."""
    return factories.locale("en")


@pytest.fixture
def terms(db):
    """A small Dutch taxonomy: two themes, two countries, two cities."""
    mali = factories.country("Mali", "ML")
    nl = factories.country("Nederland", "NL")
    return {
        "lhbti": factories.theme("LHBTI"),
        "pers": factories.theme("Persvrijheid"),
        "mali": mali,
        "nl": nl,
        "den-haag": factories.city("Den Haag", nl),
        "utrecht": factories.city("Utrecht", nl),
    }


@pytest.fixture
def editor(client):
    """A superuser whose admin is in English (messages can be compared), logged in."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(
        preferred_language="en"
    )
    client.force_login(user)
    return user


@pytest.fixture
def world(db):
    """The API tests' content (``tests/api_world.py``): profiles in two
    languages and two sites, and one hidden in every way there is."""
    from tests.api_world import build_world

    return build_world()


@pytest.fixture
def matrix(db):
    """The leak matrix: hidden content of every kind beside visible profiles
    (:func:`tests.leak_matrix.build_matrix`)."""
    from tests.leak_matrix import build_matrix

    return build_matrix()
