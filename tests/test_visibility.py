"""The visibility rule (``wagtail_defenders.models.visibility``) and the outputs that use it.

Regression tests for issue 12: a profile made private after locale
synchronisation aliased it stays private through the alias on every output; a
logged-in session sees no restricted profile in the package's ``pages/``
endpoint; grapple's ``search`` finds no draft or private page. Random site
states are checked against Wagtail's own rule in ``test_visibility_states``.
"""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from tests import factories
from tests.api_world import translated_page
from tests.leak_matrix import example_search_view
from wagtail_defenders.api import v3
from wagtail_defenders.models import (
    ANY_SITE,
    DefenderPage,
    Output,
    visible_pages,
)

pytestmark = pytest.mark.django_db

SECRET = "Geheim-profiel"


def wagtail_says_public(page: Page) -> bool:
    """The reference: Wagtail's own rule says an anonymous visitor may open the page.

    ``Page.get_view_restrictions`` itself, not a subclass's (``DefenderPage``
    adds the restrictions of an alias's source's ancestors).
    """
    return page.live and not Page.get_view_restrictions(page).exists()


@pytest.fixture
def site_in_two_languages(home, index, terms):
    """A Dutch index with a public profile, an English index, and the English
    alias of the profile that locale synchronisation makes."""
    en_home = translated_page(home, title="Home EN")
    en_index = translated_page(index, title="Defenders EN")
    public = factories.profile(
        index,
        "Openbaar",
        slug="openbaar",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
        introduction="Een openbaar profiel.",
    )
    secret = factories.profile(
        index,
        SECRET,
        slug="geheim",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
        introduction="Introductie van " + SECRET,
        portrait=factories.image("geheim-portret"),
    )
    en = factories.locale("en")
    alias = secret.create_alias(parent=en_index, update_locale=en)
    public_alias = public.create_alias(parent=en_index, update_locale=en)
    english = factories.profile(
        en_index,
        "Only English",
        slug="only-english",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
    )
    return {
        "english": english,
        "en_home": en_home,
        "en_index": en_index,
        "public": public,
        "public_alias": public_alias,
        "secret": secret,
        "alias": alias,
    }


def restrict(page: Page, kind: str = "login") -> PageViewRestriction:
    restriction = PageViewRestriction.objects.create(
        page=page,
        restriction_type=kind,
        password="letmein" if kind == "password" else "",
    )
    if kind == "groups":
        restriction.groups.set([Group.objects.get_or_create(name="Editors")[0]])
    return restriction


def outputs(client) -> dict[str, str]:
    """What every English output shows, as text, keyed by output."""
    shown = {
        "index": client.get("/en/defenders/").content.decode(),
        "v2 listing": client.get("/api/v2/defenders/?locale=en&fields=*").content,
        "v2 pages": client.get(
            "/api/v2/pages/?type=wagtail_defenders.DefenderPage&fields=*&locale=en"
        ).content,
        "sitemap": client.get("/sitemap.xml").content.decode(),
    }
    if v3.AVAILABLE:
        shown["v3 listing"] = client.get("/api/v3/defenders/?locale=en").content
        shown["v3 pages"] = client.get("/api/v3/pages/?limit=20").content
        shown["v3 profile pages"] = client.get(
            "/api/v3/pages/?type=wagtail_defenders.DefenderPage&locale=en"
        ).content
    if apps.is_installed("grapple"):
        shown["graphql"] = client.post(
            "/graphql/",
            {"query": '{ defenders(locale: "en") { items { title introduction } } }'},
            content_type="application/json",
        ).content
        shown["graphql pages"] = client.post(
            "/graphql/",
            {"query": '{ pages(contentType: "testapp.NewsPage") { title slug } }'},
            content_type="application/json",
        ).content
    view = example_search_view()
    if view is not None:
        with translation.override("en"):
            response = view(RequestFactory().get("/search/", {"q": SECRET}))
        results = response.context_data["search_results"]
        shown["search"] = " ".join(page.title for page in results.object_list)
    return {
        name: text.decode() if isinstance(text, bytes) else text
        for name, text in shown.items()
    }


@pytest.mark.parametrize("kind", ["login", "password", "groups"])
@pytest.mark.parametrize("restricted", ["profile", "index"])
def test_alias_of_a_profile_restricted_after_aliasing_is_private(
    client, index, site_in_two_languages, kind, restricted
):
    """Issue 12, case 1: the restriction comes after locale sync made the alias."""
    state = site_in_two_languages
    alias = state["alias"]
    assert SECRET in outputs(client)["index"]  # visible before the restriction
    restrict(state["secret"] if restricted == "profile" else index, kind)

    # Wagtail's own rule misses a restriction on the source's ancestors; the
    # profile's get_view_restrictions() adds it, so Wagtail asks for the login.
    assert wagtail_says_public(alias) is (restricted == "index")
    assert alias.get_view_restrictions().exists()
    response = client.get(alias.url)
    assert response.status_code in (200, 302)  # the password form or the login
    assert SECRET not in response.content.decode()
    assert ("password" in response.content.decode()) is (kind == "password")
    for name, text in outputs(client).items():
        assert SECRET not in text, name
        assert "geheim-portret" not in text, name
        assert f"/{alias.slug}/" not in text or name == "index", name
    for url in (
        f"/api/v2/defenders/{alias.pk}/",
        f"/api/v2/pages/{alias.pk}/",
        *([f"/api/v3/defenders/{alias.pk}/"] if v3.AVAILABLE else []),
    ):
        assert client.get(url).status_code == 404, url
    if apps.is_installed("grapple"):
        data = client.post(
            "/graphql/",
            {"query": f"{{ defender(id: {alias.pk}) {{ title }} }}"},
            content_type="application/json",
        ).json()
        assert data["data"]["defender"] is None
    # The rule hides only what it must.
    shown = outputs(client)
    assert "Only English" in shown["index"] and "Only English" in shown["v2 listing"]
    assert ("Openbaar" in shown["index"]) is (restricted == "profile")


def _graphql(client, query: str) -> dict:
    data = client.post(
        "/graphql/", {"query": query}, content_type="application/json"
    ).json()
    assert "errors" not in data, data
    return data["data"]


def test_wagtails_v3_pages_and_grapples_pages_leave_out_the_alias(
    client, site_in_two_languages
):
    """Issue 12, case 1, on Wagtail's v3 ``pages/`` and grapple's ``pages``/``page``.

    Both start from Wagtail's path-only ``public()``: the English alias of a
    profile restricted after locale sync made it was listed by title and found
    by id, slug and URL path.
    """
    state = site_in_two_languages
    alias, public_alias = state["alias"], state["public_alias"]
    restrict(state["secret"])
    secrets = (SECRET, "Introductie van", "geheim-portret")
    if v3.AVAILABLE:
        for url in (
            "/api/v3/pages/?limit=20",
            f"/api/v3/pages/?type=wagtail_defenders.DefenderPage&child_of={state['en_index'].pk}",
            f"/api/v3/pages/?search={SECRET}",
            f"/api/v3/pages/?slug={alias.slug}",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            text = response.content.decode()
            assert not any(secret in text for secret in secrets), url
            assert f'"id":{alias.pk},' not in text.replace(" ", ""), url
        # The rule hides only what it must.
        listed = client.get("/api/v3/pages/?limit=20").json()["items"]
        assert public_alias.pk in {item["id"] for item in listed}
        assert client.get(f"/api/v3/pages/{alias.pk}/").status_code == 404
        assert client.get(f"/api/v3/pages/{public_alias.pk}/").status_code == 200
        find = client.get(f"/api/v3/pages/find/?id={alias.pk}")
        assert find.status_code == 404
        find = client.get(f"/api/v3/pages/find/?html_path={alias.url}")
        assert find.status_code == 404
    if apps.is_installed("grapple"):
        # The package does not register its page types with grapple, so
        # grapple answers for a profile with a type error; nothing of it shows.
        for arguments in (f"id: {alias.pk}", f'slug: "{alias.slug}"'):
            text = client.post(
                "/graphql/",
                {"query": f"{{ page({arguments}) {{ id title }} }}"},
                content_type="application/json",
            ).content.decode()
            assert not any(secret in text for secret in secrets), arguments


@pytest.mark.skipif(not apps.is_installed("grapple"), reason="no graphql extra")
def test_grapples_pages_and_page_leave_out_an_alias_of_a_private_page(
    client, site_in_two_languages, home
):
    """Grapple's ``pages`` and ``page`` on a page type grapple knows (a site's news).

    Grapple starts from Wagtail's path-only ``public()``: the English alias of
    a news page restricted after locale sync aliased it was listed and found by
    id, slug and URL path.
    """
    state = site_in_two_languages
    en = state["en_home"].locale
    secret = factories.news(home, "Geheim nieuws")
    public = factories.news(home, "Openbaar nieuws")
    en_home = Page.objects.get(pk=state["en_home"].pk)  # its tree fields afresh
    alias = secret.create_alias(parent=en_home, update_locale=en)
    en_home.refresh_from_db()
    public_alias = public.create_alias(parent=en_home, update_locale=en)
    restrict(secret)
    news = 'contentType: "testapp.NewsPage"'
    listing = _graphql(client, f"{{ pages({news}) {{ id title slug url }} }}")
    ids = {int(page["id"]) for page in listing["pages"]}
    assert ids == {public.pk, public_alias.pk}
    assert "Geheim" not in json.dumps(listing)
    assert _graphql(
        client, f"{{ pages({news}, parent: {state['en_home'].pk}) {{ id }} }}"
    )["pages"] == [{"id": str(public_alias.pk)}]
    for arguments in (
        f"id: {alias.pk}",
        f'slug: "{alias.slug}"',
        f'slug: "{alias.slug}", {news}',
        f'urlPath: "{alias.url_path}"',
        f'urlPath: "/{alias.slug}/"',
    ):
        found = _graphql(client, f"{{ page({arguments}) {{ id title }} }}")
        assert found["page"] is None, arguments
    found = _graphql(client, f"{{ page(id: {public_alias.pk}) {{ id title }} }}")
    assert found["page"]["title"] == public_alias.title
    found = _graphql(client, f'{{ page(slug: "{public.slug}") {{ id }} }}')
    assert found["page"] is not None


def test_alias_of_an_alias_follows_the_chain(client, site_in_two_languages):
    """Wagtail follows ``alias_of`` from alias to alias; so does the rule."""
    state = site_in_two_languages
    en_index = state["en_index"]
    other_index = factories.index_page(state["en_home"], "Elsewhere", "elsewhere")
    second = state["alias"].create_alias(parent=other_index, update_slug="tweede")
    restrict(state["secret"])
    assert not wagtail_says_public(second)
    visible = set(
        DefenderPage.objects.visible(site=ANY_SITE).values_list("pk", flat=True)
    )
    assert visible.isdisjoint({state["secret"].pk, state["alias"].pk, second.pk})
    assert state["public_alias"].pk in visible
    assert en_index.pk in set(
        visible_pages(Page.objects.all(), site=ANY_SITE).values_list("pk", flat=True)
    )


def test_rule_is_never_more_open_than_wagtail(site_in_two_languages, index):
    """Every page the rule shows, Wagtail serves to an anonymous visitor."""
    state = site_in_two_languages
    restrict(state["secret"])
    draft = factories.profile(
        index,
        "Concept",
        country=state["secret"].country,
        city=state["secret"].city,
        themes=[],
        live=False,
    )
    shown = visible_pages(Page.objects.all(), site=ANY_SITE)
    for page in Page.objects.filter(depth__gt=1):
        assert (page.pk in {p.pk for p in shown}) == wagtail_says_public(page), page
    assert draft.pk not in {page.pk for page in shown}


def test_site_none_shows_nothing_and_other_sites_are_left_out(index, terms):
    profile = factories.profile(
        index, "Hier", country=terms["mali"], city=terms["utrecht"], themes=[]
    )
    other_home = factories.HomePage(title="Ander", slug="ander", locale=profile.locale)
    Page.get_first_root_node().add_child(instance=other_home)
    other_site = Site.objects.create(hostname="ander.example", root_page=other_home)
    site = Site.objects.get(is_default_site=True)
    assert not DefenderPage.objects.visible(site=None).exists()
    assert list(DefenderPage.objects.visible(site=site)) == [profile]
    assert not DefenderPage.objects.visible(site=other_site).exists()


@pytest.mark.parametrize("field", ["hide_from_api", "hide_from_search_engines"])
def test_safety_settings_keep_a_profile_out_of_their_output(index, terms, field):
    profile = factories.profile(
        index, "Verborgen", country=terms["mali"], city=terms["utrecht"], themes=[]
    )
    setattr(profile, field, True)
    profile.save_revision().publish()
    output = Output.API if field == "hide_from_api" else Output.SEARCH_ENGINES
    for queryset in (DefenderPage.objects.all(), Page.objects.all()):
        shown = visible_pages(queryset, site=ANY_SITE, output=output)
        assert profile.pk not in shown.values_list("pk", flat=True)
        assert profile.pk in visible_pages(queryset, site=ANY_SITE).values_list(
            "pk", flat=True
        )


def test_the_rule_costs_no_query_of_its_own(index, terms):
    factories.profile(
        index, "Een", country=terms["mali"], city=terms["utrecht"], themes=[]
    )
    with CaptureQueriesContext(connection) as queries:
        list(DefenderPage.objects.visible(site=ANY_SITE, output=Output.API))
    assert len(queries) == 1


@pytest.mark.parametrize("kind", ["login", "groups"])
def test_v2_pages_shows_no_restricted_profile_to_a_logged_in_session(
    client, index, terms, kind
):
    """Issue 12, item 10: the API is for public consumers, logged in or not."""
    restricted = factories.profile(
        index, SECRET, country=terms["mali"], city=terms["utrecht"], themes=[]
    )
    restriction = restrict(restricted, kind)
    user = User.objects.create_user("redacteur", password="x")
    if kind == "groups":
        user.groups.add(*restriction.groups.all())
    client.force_login(user)
    assert client.get(restricted.url).status_code == 200  # the page itself: yes
    listing = client.get("/api/v2/pages/?fields=title").content.decode()
    assert SECRET not in listing
    assert client.get(f"/api/v2/pages/{restricted.pk}/").status_code == 404
    assert SECRET not in client.get("/api/v2/defenders/").content.decode()


def test_v2_pages_site_parameter_is_checked(client, index):
    response = client.get("/api/v2/pages/?site=nowhere.example")
    assert response.status_code == 400
    assert "site" in response.json()["message"]


def test_grapple_search_finds_no_draft_private_or_aliased_private_page(client, home):
    if not apps.is_installed("grapple"):
        pytest.skip("the graphql extra is not installed")
    public = factories.news(home, "Zoekwoord openbaar")
    factories.news(home, "Zoekwoord concept", live=False)
    private = factories.news(home, "Zoekwoord privé")
    restrict(private)
    other_home = factories.HomePage(title="Elders", slug="elders", locale=home.locale)
    Page.get_first_root_node().add_child(instance=other_home)
    Site.objects.create(hostname="elders.example", root_page=other_home)
    factories.news(other_home, "Zoekwoord elders")
    response = client.post(
        "/graphql/",
        {"query": '{ search(query: "Zoekwoord") { ... on NewsPage { id title } } }'},
        content_type="application/json",
    )
    data = response.json()
    assert "errors" not in data, data
    titles = [item["title"] for item in data["data"]["search"] if item]
    assert titles == [public.title], json.dumps(data)


def test_wagtails_own_sitemap_leaves_out_an_alias_of_a_private_profile(
    rf, site_in_two_languages
):
    """A site that mounts Wagtail's sitemap unchanged: profiles still follow the rule."""
    from wagtail.contrib.sitemaps.views import sitemap

    state = site_in_two_languages
    en_root = Site.objects.get(is_default_site=True)
    en_root.root_page = state["en_home"]
    en_root.save()
    restrict(state["secret"])
    response = sitemap(rf.get("/sitemap.xml"))
    response.render()
    text = response.content.decode()
    assert "/openbaar/" in text
    assert "/geheim/" not in text
