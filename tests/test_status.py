"""A defender's status (issue 16): the vocabulary, the profile's field, the
``status`` filter on the index page and every API, and the status on every card.
"""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page

from tests import factories
from tests.api_world import clear_caches
from wagtail_defenders.api import v3
from wagtail_defenders.models import DefenderPage, Status

pytestmark = pytest.mark.django_db

SEEDED_CODES = [
    "at-risk",
    "threatened",
    "detained",
    "charged",
    "on-trial",
    "sentenced",
    "released",
    "relocated",
    "returned-home",
    "in-exile",
    "disappeared",
    "killed",
]


@pytest.fixture(autouse=True)
def fresh_caches():
    clear_caches()


@pytest.fixture
def statuses(db):
    return {
        "detained": factories.status("detained", "Gedetineerd"),
        "released": factories.status("released", "Vrijgelaten"),
        "exile": factories.status("in-exile", "In ballingschap"),
    }


@pytest.fixture
def cases(index, terms, statuses):
    def make(title, status):
        return factories.profile(
            index,
            title,
            slug=title.lower(),
            country=terms["mali"],
            city=terms["utrecht"],
            themes=[terms["lhbti"]],
            status=status,
        )

    return {
        "amina": make("Amina", statuses["detained"]),
        "bakary": make("Bakary", statuses["released"]),
        "chantal": make("Chantal", None),
    }


def test_the_migration_seeds_the_default_list_in_the_site_language():
    seeded = Status.objects.filter(locale__language_code="nl")
    assert list(seeded.order_by("sort_order").values_list("code", flat=True)) == (
        SEEDED_CODES
    )
    detained = seeded.get(code="detained")
    assert (detained.name, detained.slug) == ("Gedetineerd", "gedetineerd")


def test_the_code_is_unique_per_language(db):
    status = Status(
        name="Vastgezet", code="detained", locale=factories.locale("nl"), slug=""
    )
    with pytest.raises(ValidationError) as error:
        status.full_clean()
    assert "code" in error.value.message_dict


def test_index_filters_by_status_slugs_comma_is_or(client, index, cases):
    def names(query):
        html = client.get(f"{index.url}?{query}").content.decode()
        return [name for name in ("Amina", "Bakary", "Chantal") if name in html]

    assert names("status=gedetineerd") == ["Amina"]
    assert names("status=gedetineerd,vrijgelaten") == ["Amina", "Bakary"]
    assert names("status=gedetineerd&city=den-haag") == []
    assert names("status=unknown") == []
    html = client.get(index.url).content.decode()
    # The card says the status; the filter form offers the statuses in use only.
    assert "Gedetineerd" in html and 'value="vrijgelaten"' in html
    assert 'value="in-ballingschap"' not in html


def test_bad_status_values_are_a_message_not_an_error(client, index, cases):
    response = client.get(f"{index.url}?status=<script>")
    assert response.status_code == 200
    assert "Amina" not in response.content.decode()


def test_profile_page_shows_the_status(client, cases):
    html = client.get(cases["amina"].url).content.decode()
    assert "defender-facets__item--status" in html and "Gedetineerd" in html
    html = client.get(cases["chantal"].url).content.decode()
    assert "defender-facets__item--status" not in html


def test_v2_listing_and_detail_carry_the_status(client, cases, statuses):
    response = client.get("/api/v2/defenders/?status=gedetineerd")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Amina"]
    assert items[0]["status"] == {
        "id": statuses["detained"].pk,
        "name": "Gedetineerd",
        "slug": "gedetineerd",
        "translation_key": str(statuses["detained"].translation_key),
        "code": "detained",
    }
    detail = client.get(f"/api/v2/defenders/{cases['chantal'].pk}/").json()
    assert detail["status"] is None
    bad = client.get("/api/v2/defenders/?status=a%20b")
    assert bad.status_code == 400 and "status" in bad.json()["errors"]


def test_v2_statuses_endpoint_counts_profiles(client, cases):
    items = client.get("/api/v2/statuses/").json()["items"]
    assert {item["code"]: item["profile_count"] for item in items} == {
        "detained": 1,
        "released": 1,
    }
    every = client.get("/api/v2/statuses/?include_unused=true").json()
    assert every["meta"]["total_count"] == len(SEEDED_CODES)


def test_wagtails_own_pages_endpoint_has_the_status(client, cases):
    url = f"/api/v2/pages/{cases['amina'].pk}/"
    response = client.get(url)
    if response.status_code == 404:
        pytest.skip("the test site mounts no stock pages endpoint")
    assert response.json()["status"]["code"] == "detained"


@pytest.mark.skipif(not v3.AVAILABLE, reason="API v3 needs Wagtail 8")
def test_v3_filters_and_shows_the_status(client, cases):
    data = client.get("/api/v3/defenders/?status=vrijgelaten").json()
    assert [item["title"] for item in data["items"]] == ["Bakary"]
    assert data["items"][0]["status"]["code"] == "released"
    statuses = client.get("/api/v3/statuses/").json()
    assert {item["code"] for item in statuses["items"]} == {"detained", "released"}
    schema = client.get("/api/v3/openapi.json").json()
    parameters = schema["paths"]["/api/v3/defenders/"]["get"]["parameters"]
    assert "status" in {parameter["name"] for parameter in parameters}


def test_graphql_filters_and_shows_the_status(client, cases):
    pytest.importorskip("grapple")
    query = (
        '{ defenders(status: "gedetineerd,vrijgelaten") { items { title '
        "status { code name slug translationKey } } } "
        "defenderStatuses { code profileCount } }"
    )
    response = client.post(
        "/graphql/", {"query": query}, content_type="application/json"
    )
    data = response.json()["data"]
    assert [(i["title"], i["status"]["code"]) for i in data["defenders"]["items"]] == [
        ("Amina", "detained"),
        ("Bakary", "released"),
    ]
    assert {s["code"]: s["profileCount"] for s in data["defenderStatuses"]} == {
        "detained": 1,
        "released": 1,
    }


def test_a_status_in_use_cannot_be_deleted(client, editor, cases, statuses):
    url = reverse(
        Status.snippet_viewset.get_url_name("delete"), args=[statuses["detained"].pk]
    )
    response = client.post(url)
    assert response.status_code == 302
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("cannot be deleted" in m and "Amina" in m for m in messages), messages
    assert Status.objects.filter(pk=statuses["detained"].pk).exists()


def test_a_status_only_a_draft_uses_cannot_be_deleted(client, editor, cases, statuses):
    draft = DefenderPage.objects.get(pk=cases["chantal"].pk)
    draft.status = statuses["exile"]
    draft.save_revision()
    url = reverse(
        Status.snippet_viewset.get_url_name("delete"), args=[statuses["exile"].pk]
    )
    client.post(url)
    assert Status.objects.filter(pk=statuses["exile"].pk).exists()


def test_an_old_revision_whose_status_is_gone_still_loads(cases, statuses):
    profile = DefenderPage.objects.get(pk=cases["chantal"].pk)
    profile.status = statuses["exile"]
    old = profile.save_revision()
    profile.status = None
    profile.save_revision().publish()
    Status.objects.filter(pk=statuses["exile"].pk).delete()
    loaded = old.as_object()
    assert loaded.status_id is None
    assert [m.field for m in loaded.terms_missing_from_revision] == ["status"]


def test_the_status_admin_is_in_the_taxonomy_menu(client, editor):
    response = client.get(reverse(Status.snippet_viewset.get_url_name("list")))
    assert response.status_code == 200
    assert "Gedetineerd" in response.content.decode()
    from wagtail_defenders.wagtail_hooks import DefenderTaxonomyGroup, StatusViewSet

    assert StatusViewSet in DefenderTaxonomyGroup.items


def test_a_translation_follows_the_status_in_its_own_language(index, cases, statuses):
    """wagtail-localize's Translate action: the English profile gets the English
    status (the seeded list's translation, as the editors named it), and follows
    a later change."""
    from django.contrib.auth import get_user_model
    from wagtail_localize.operations import TranslationCreator

    en = factories.locale("en")  # the seeded statuses come with the language
    Status.objects.filter(locale=en, code="detained").update(name="Held")
    admin = get_user_model().objects.create_superuser("t", "t@example.org", "pw")
    with TestCase.captureOnCommitCallbacks(execute=True):
        TranslationCreator(admin, [en]).create_translations(cases["amina"])
    translated = DefenderPage.objects.get(
        translation_key=cases["amina"].translation_key, locale=en
    )
    assert translated.status.code == "detained"
    assert translated.status.locale == en
    assert translated.status.name == "Held"
    # The English name is the editor's, not overwritten with the Dutch one.
    assert Status.objects.get(locale=en, code="detained").name == "Held"


def test_an_alias_shows_the_status_in_its_own_language(client, index, cases, statuses):
    """An alias (locale synchronisation makes them) points at the Dutch status;
    its card shows the English one."""
    en = factories.locale("en")  # the seeded statuses come with the language
    english_index = index.copy_for_translation(en, copy_parents=True, alias=True)
    amina = Page.objects.get(pk=cases["amina"].pk).specific
    alias = amina.create_alias(parent=english_index, update_locale=en)
    card = client.get(f"/api/v2/defenders/{alias.pk}/").json()
    assert card["status"]["name"] == "Detained"
