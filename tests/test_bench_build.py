"""The benchmark's database holds what its scenarios claim to measure.

A profile page's cost depends on its themes and related news; a builder that
leaves them out (a relation manager's ``create()`` on an unsaved cluster adds
to it in memory only) measures a profile without them.
"""

from __future__ import annotations

import pytest

from tests.bench import run
from wagtail_defenders.models import (
    DefenderPage,
    DefenderPageTheme,
    DefenderRelatedNews,
)

pytestmark = pytest.mark.django_db


def test_built_profiles_have_several_themes_and_related_news():
    run.build_content(4)
    profiles = DefenderPage.objects.all()
    assert profiles.count() == 4
    assert DefenderRelatedNews.objects.count() == 4 * run.NEWS_PER_PROFILE
    assert DefenderPageTheme.objects.count() == 4 * run.THEMES_PER_PROFILE
    for profile in profiles:
        assert len(profile.themes) == run.THEMES_PER_PROFILE > 1
        assert len(profile.get_related_news()) == run.NEWS_PER_PROFILE > 0
