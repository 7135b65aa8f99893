"""The API presenters only present: a profile the model layer loaded for its
detail (``DefenderPageQuerySet.detail``) is presented without a query."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.api_world import build_world
from wagtail_defenders.api import serializers
from wagtail_defenders.models import DefenderPage, DefenderUpdate, Output

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


@pytest.mark.parametrize("automatic", [0, 3])
def test_a_whole_profile_costs_no_query_to_present(world, settings, automatic):
    settings.WAGTAIL_DEFENDERS = {
        **settings.WAGTAIL_DEFENDERS,
        "RELATED_NEWS_AUTOMATIC": automatic,
    }
    profile_page = world.alassane
    DefenderUpdate.objects.create(
        page_id=profile_page.pk,
        locale_id=profile_page.locale_id,
        date=datetime.date(2025, 1, 2),
        heading="Vrij",
        text=f'<p><a linktype="page" id="{world.news.pk}">nieuws</a></p>',
        status=factories.status("released", "Vrijgelaten"),
        is_public=True,
    )
    request = RequestFactory().get("/")
    visible = DefenderPage.objects.visible(
        site=world.home.get_site(), output=Output.API
    )
    serializers.profile_data(visible.detail(profile_page.pk), request)  # renditions

    profile = visible.detail(profile_page.pk)
    with CaptureQueriesContext(connection) as queries:
        data = serializers.profile_data(profile, request)
    assert [query["sql"] for query in queries] == []
    # What the model layer loaded is what is shown.
    assert data["body"][3]["value"]["renditions"]
    assert f'href="{world.news.url}"' in data["body"][0]["value"]["text"]
    assert f'href="{world.news.url}"' in data["updates"][0]["text"]
    assert [news["id"] for news in data["related_news"]] == [world.news.pk]
    assert data["related_news"][0]["date"] == datetime.date(2024, 5, 1)
    assert [version["id"] for version in data["translations"]] == [world.alassane_en.pk]
