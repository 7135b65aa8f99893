"""Timestamps in one format on every endpoint (issue 19): RFC 3339 in UTC with ``Z``.

The same instant, read through the package's v2 endpoint, Wagtail's v2
``pages/`` (as ``tests/api_urls.py`` mounts it, the README's way), v3 (the
package's routes and Wagtail's ``pages/``, on Wagtail 8) and GraphQL (the
package's ``defender`` and grapple's own page fields), is one string, whatever
``TIME_ZONE`` is. Dates without a time stay ``YYYY-MM-DD``.
"""

from __future__ import annotations

import datetime

import graphene
import pytest
from django.test import RequestFactory
from wagtail.models import Page

from tests.api_world import clear_caches
from wagtail_defenders.api import v3
from wagtail_defenders.api.timestamps import format_timestamp
from wagtail_defenders.models import DefenderPage

pytest.importorskip("grapple", reason="the graphql extra is not installed")

pytestmark = pytest.mark.django_db

#: 09:00:00.123456 UTC is 10:00 in Amsterdam (winter) and 14:30 in Kolkata.
FIRST_PUBLISHED = datetime.datetime(
    2026, 3, 1, 9, 0, 0, 123456, tzinfo=datetime.timezone.utc
)
LAST_PUBLISHED = datetime.datetime(2026, 7, 1, 22, 30, 5, tzinfo=datetime.timezone.utc)
STAY_START = datetime.date(2024, 4, 1)


def json_get(client, url: str, **params) -> dict:
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.content[:300])
    return response.json()


def graphql(client, query: str) -> dict:
    response = client.post(
        "/graphql/", {"query": query}, content_type="application/json"
    )
    assert response.status_code == 200, response.content[:300]
    payload = response.json()
    assert "errors" not in payload, payload["errors"]
    return payload["data"]


def published(page: Page, first=FIRST_PUBLISHED, last=LAST_PUBLISHED) -> None:
    Page.objects.filter(pk=page.pk).update(
        first_published_at=first, last_published_at=last
    )


def profile_first_published(client, pk: int) -> dict[str, str]:
    """``first_published_at`` of profile ``pk``, by the endpoint that gave it."""
    seen = {
        "v2 defenders/": next(
            item["meta"]["first_published_at"]
            for item in json_get(client, "/api/v2/defenders/", limit=20)["items"]
            if item["id"] == pk
        ),
        "v2 defenders/<id>/": json_get(client, f"/api/v2/defenders/{pk}/")["meta"][
            "first_published_at"
        ],
        "v2 pages/<id>/": json_get(client, f"/api/v2/pages/{pk}/")["meta"][
            "first_published_at"
        ],
        "v2 pages/": next(
            item["meta"]["first_published_at"]
            for item in json_get(
                client,
                "/api/v2/pages/",
                type="wagtail_defenders.DefenderPage",
                fields="first_published_at",
            )["items"]
            if item["id"] == pk
        ),
        "GraphQL defender": graphql(
            client, f"{{ defender(id: {pk}) {{ firstPublishedAt }} }}"
        )["defender"]["firstPublishedAt"],
    }
    if v3.AVAILABLE:
        seen["v3 defenders/"] = next(
            item["first_published_at"]
            for item in json_get(client, "/api/v3/defenders/")["items"]
            if item["id"] == pk
        )
        seen["v3 defenders/<id>/"] = json_get(client, f"/api/v3/defenders/{pk}/")[
            "first_published_at"
        ]
        seen["v3 pages/<id>/"] = json_get(client, f"/api/v3/pages/{pk}/")["meta"][
            "first_published_at"
        ]
    return seen


@pytest.mark.parametrize("time_zone", ["Europe/Amsterdam", "Asia/Kolkata", "UTC"])
def test_a_profile_has_one_first_published_at_on_every_endpoint(
    client, settings, world, time_zone
):
    settings.TIME_ZONE = time_zone
    published(world.alassane)
    clear_caches()
    seen = profile_first_published(client, world.alassane.pk)
    assert seen == dict.fromkeys(seen, "2026-03-01T09:00:00.123Z")


def test_a_whole_second_has_no_fraction_anywhere(client, settings, world):
    settings.TIME_ZONE = "Europe/Amsterdam"
    published(world.alassane, first=FIRST_PUBLISHED.replace(microsecond=0))
    clear_caches()
    seen = profile_first_published(client, world.alassane.pk)
    assert seen == dict.fromkeys(seen, "2026-03-01T09:00:00Z")


def test_grapple_page_fields_match_the_rest_apis(client, settings, world):
    """grapple's own ``firstPublishedAt`` and ``lastPublishedAt`` of a page, in the
    format of v2's and v3's ``pages/`` for the same page."""
    settings.TIME_ZONE = "Europe/Amsterdam"
    news = world.news
    published(news)
    clear_caches()
    page = graphql(
        client, f"{{ page(id: {news.pk}) {{ firstPublishedAt lastPublishedAt }} }}"
    )["page"]
    assert page == {
        "firstPublishedAt": "2026-03-01T09:00:00.123Z",
        "lastPublishedAt": "2026-07-01T22:30:05Z",
    }
    first = {"v2": json_get(client, f"/api/v2/pages/{news.pk}/")["meta"]}
    if v3.AVAILABLE:
        first["v3"] = json_get(client, f"/api/v3/pages/{news.pk}/")["meta"]
    for meta in first.values():
        assert meta["first_published_at"] == page["firstPublishedAt"]


def test_dates_without_a_time_stay_dates(client, settings, world):
    settings.TIME_ZONE = "Asia/Kolkata"
    profile = world.alassane
    DefenderPage.objects.filter(pk=profile.pk).update(stay_start_date=STAY_START)
    clear_caches()
    stays = [
        json_get(client, f"/api/v2/defenders/{profile.pk}/")["stay"],
        json_get(client, f"/api/v2/pages/{profile.pk}/")["stay"],
    ]
    if v3.AVAILABLE:
        stays.append(json_get(client, f"/api/v3/defenders/{profile.pk}/")["stay"])
    data = graphql(
        client,
        f"{{ defender(id: {profile.pk}) {{ stay {{ startDate }} relatedNews {{ date }} }} }}",
    )["defender"]
    assert [stay["start_date"] for stay in stays] == ["2024-04-01"] * len(stays)
    assert data["stay"]["startDate"] == "2024-04-01"
    for news in data["relatedNews"]:
        assert news["date"] is None or len(news["date"]) == len("2024-04-01")


def test_another_graphql_schema_keeps_graphenes_format(settings):
    """Only the view serving the package's schema writes ``Z``: a site's other
    graphene schema, served by the same view class, is left as it was."""
    from graphene_django.views import GraphQLView

    settings.TIME_ZONE = "Europe/Amsterdam"

    class Query(graphene.ObjectType):
        moment = graphene.DateTime()

        def resolve_moment(root, info):
            return FIRST_PUBLISHED

    view = GraphQLView.as_view(schema=graphene.Schema(query=Query))
    request = RequestFactory().post(
        "/other-graphql/", {"query": "{ moment }"}, content_type="application/json"
    )
    response = view(request)
    assert response.status_code == 200
    assert b'"2026-03-01T09:00:00.123456+00:00"' in response.content


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (FIRST_PUBLISHED, "2026-03-01T09:00:00.123Z"),
        (
            datetime.datetime(
                2026,
                3,
                1,
                10,
                0,
                0,
                999999,
                tzinfo=datetime.timezone(datetime.timedelta(hours=1)),
            ),
            "2026-03-01T09:00:00.999Z",
        ),
        (datetime.datetime(2026, 8, 1, 12, 0), "2026-08-01T10:00:00Z"),
    ],
)
def test_format_timestamp(settings, value, expected):
    """Offsets to UTC, the fraction cut to milliseconds, a naive time read in
    ``TIME_ZONE`` (here Amsterdam's summer time)."""
    settings.TIME_ZONE = "Europe/Amsterdam"
    assert format_timestamp(value) == expected


@pytest.mark.skipif(not v3.AVAILABLE, reason="API v3 needs Wagtail 8")
def test_the_v3_renderer_writes_any_offset_in_utc():
    """The database gives UTC, which django-ninja already writes with ``Z``; a
    datetime with another offset (a computed one) is written in UTC too."""
    from wagtail_defenders.api.timestamps import ninja_renderer

    amsterdam = datetime.timezone(datetime.timedelta(hours=1))
    moment = FIRST_PUBLISHED.astimezone(amsterdam)
    rendered = ninja_renderer().render(None, {"at": moment}, response_status=200)
    assert rendered == '{"at": "2026-03-01T09:00:00.123Z"}'
