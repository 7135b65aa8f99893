"""``REQUIRE_HOST_CITY``: the host city and the year of the stay are Shelter
City's shape; other organisations turn them off (issue 16).

On (the default) nothing changes: a profile needs both. Off, both are optional
in the admin and on save, and every output shows a city or a stay only where a
profile has one: no "Host city" label with nothing after it, no city or year
filter that offers nothing. The APIs keep their fields (``city: null``, a stay
of nulls), so a typed consumer's schema does not depend on the setting.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    streamfield,
)

from tests import factories
from tests.api_world import clear_caches
from tests.test_admin import english_superuser
from wagtail_defenders.api import v3
from wagtail_defenders.models import DefenderPage

pytestmark = pytest.mark.django_db


def optional() -> override_settings:
    """The setting turned off; a new override each time, because one
    ``override_settings`` entered twice at once (a decorated test and its
    fixture) restores the overridden settings, not the site's."""
    return override_settings(WAGTAIL_DEFENDERS={"REQUIRE_HOST_CITY": False})


@pytest.fixture(autouse=True)
def fresh_caches():
    clear_caches()


@pytest.fixture
def cityless(index, terms):
    """A profile with neither a host city nor a year, saved where they are optional."""
    with optional():
        return factories.profile(
            index,
            "Noor",
            slug="noor",
            country=terms["mali"],
            city=None,
            year=None,
            themes=[terms["pers"]],
        )


def invalid_fields(terms) -> set[str]:
    """The fields a profile without a host city or a year fails on (its place
    in the tree, which ``add_child`` gives, left out)."""
    profile = DefenderPage(
        title="Noor", slug="noor", introduction="A defender.", country=terms["mali"]
    )
    try:
        profile.full_clean(exclude=["path", "depth"])
    except ValidationError as error:
        return set(error.message_dict)
    return set()


def test_by_default_a_profile_needs_a_host_city_and_a_year(terms):
    assert invalid_fields(terms) == {"city", "year"}


@optional()
def test_turned_off_neither_is_needed(terms):
    assert invalid_fields(terms) == set()


def add_form_data(index, terms) -> dict:
    return nested_form_data(
        {
            "title": "Noor",
            "slug": "noor",
            "introduction": "Een verdediger.",
            "portrait": "",
            "portrait_alt_text": "",
            "country": str(terms["mali"].pk),
            "city": "",
            "year": "",
            "naming": "first_name",
            "stay_start_date": "",
            "stay_end_date": "",
            "body": streamfield([]),
            "defender_themes": inline_formset([{"theme": str(terms["pers"].pk)}]),
            "updates": inline_formset([]),
            "related_news": inline_formset([]),
            "consent_records": inline_formset([]),
            "action-publish": "publish",
        }
    )


@pytest.mark.parametrize("required", [True, False], ids=["required", "optional"])
def test_the_admin_add_form(client, index, terms, settings, required):
    settings.WAGTAIL_DEFENDERS = {"REQUIRE_HOST_CITY": required}
    client.force_login(english_superuser("editor"))
    url = reverse(
        "wagtailadmin_pages:add",
        args=["wagtail_defenders", "defenderpage", index.pk],
    )
    form = client.get(url).context["form"]
    assert form.fields["city"].required is required
    assert form.fields["year"].required is required
    response = client.post(url, add_form_data(index, terms))
    saved = DefenderPage.objects.filter(slug="noor").first()
    if required:
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert "city" in errors and "year" in errors
        assert saved is None
    else:
        assert response.status_code == 302, response.context["form"].errors
        assert saved.live and saved.city is None and saved.year is None


def by_stay() -> str:
    with translation.override("nl"):
        return gettext("Most recent stay first")


def by_name() -> str:
    with translation.override("nl"):
        return pgettext("defender filters", "By name")


@optional()
def test_index_and_profile_pages_say_nothing_of_a_city(client, index, cityless):
    response = client.get(index.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Noor" in html
    assert "Host city" not in html and "Gaststad" not in html
    assert 'name="city"' not in html, "no city filter that offers nothing"
    assert 'name="year"' not in html, "no year filter that offers nothing"
    assert by_stay() not in html and by_name() in html

    response = client.get(cityless.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Host city" not in html and "Gaststad" not in html


@optional()
def test_a_site_that_uses_some_cities_offers_those(client, index, terms, cityless):
    factories.profile(
        index,
        "Amal",
        country=terms["nl"],
        city=terms["utrecht"],
        year=2023,
        themes=[terms["pers"]],
    )
    html = client.get(index.url).content.decode()
    assert 'name="city"' in html and 'value="utrecht"' in html
    assert 'value="den-haag"' not in html, "an unused city is not offered"
    assert 'name="year"' in html and by_stay() in html
    only_cityless = client.get(f"{index.url}?country=ML").content.decode()
    assert "Noor" in only_cityless and "Amal" not in only_cityless


def no_city(data: dict) -> None:
    assert data["city"] is None
    assert data["stay"]["year"] is None


@optional()
def test_api_v2(client, cityless):
    listing = client.get("/api/v2/defenders/")
    assert listing.status_code == 200
    [item] = listing.json()["items"]
    no_city(item)
    no_city(client.get(f"/api/v2/defenders/{cityless.pk}/").json())
    assert client.get("/api/v2/cities/").json()["items"] == []


@pytest.mark.skipif(not v3.AVAILABLE, reason="API v3 needs Wagtail 8")
@optional()
def test_api_v3(client, cityless):
    listing = client.get("/api/v3/defenders/")
    assert listing.status_code == 200
    [item] = listing.json()["items"]
    no_city(item)
    no_city(client.get(f"/api/v3/defenders/{cityless.pk}/").json())


@pytest.mark.skipif(not apps.is_installed("grapple"), reason="no graphql extra")
@optional()
def test_graphql(client, cityless):
    fields = "city { name } stay { year }"
    query = (
        f"{{ defenders {{ items {{ {fields} }} }} "
        f"defender(id: {cityless.pk}) {{ {fields} }} defenderCities {{ name }} }}"
    )
    data = client.post(
        "/graphql/", {"query": query}, content_type="application/json"
    ).json()
    assert "errors" not in data, data
    [item] = data["data"]["defenders"]["items"]
    no_city(item)
    no_city(data["data"]["defender"])
    assert data["data"]["defenderCities"] == []


# The setting through pytest-django's ``settings`` alone: under an override
# decorator as well, its teardown would restore the decorator's settings.
def test_feeds_and_exports(client, index, cityless, settings):
    settings.WAGTAIL_DEFENDERS = {"REQUIRE_HOST_CITY": False, "EXPORT_DOWNLOADS": True}
    feed = client.get(f"{index.url}feed/")
    assert feed.status_code == 200 and b"Noor" in feed.content
    export = client.get(f"{index.url}export.csv")
    assert export.status_code == 200 and b"Noor" in export.content
