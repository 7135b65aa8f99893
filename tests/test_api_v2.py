"""API v2: the defenders, themes, countries and cities endpoints."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from tests import factories
from tests.api_world import SECRET, build_world, clear_caches, hidden_ids

pytestmark = pytest.mark.django_db

DEFENDERS = "/api/v2/defenders/"


@pytest.fixture(autouse=True)
def fresh_caches():
    clear_caches()


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def english_messages(settings):
    """Messages follow the site's default language outside the i18n URLs; read English."""
    settings.LANGUAGE_CODE = "en"


def get(client, url: str, status: int = 200, **params):
    response = client.get(url, params)
    assert response.status_code == status, response.content[:500]
    return response.json()


def titles(data: dict) -> list[str]:
    return [item["title"] for item in data["items"]]


# Shapes


def test_listing_items_carry_every_card_field(client, world):
    data = get(client, DEFENDERS)
    assert data["meta"] == {"total_count": 3, "locale": "nl"}
    assert titles(data) == ["Alassane", "Maria", "Gepubliceerd"]  # latest stay first
    alassane = data["items"][0]
    assert alassane["id"] == world.alassane.pk
    assert alassane["meta"] == {
        "type": "wagtail_defenders.DefenderPage",
        "detail_url": f"http://localhost/api/v2/defenders/{world.alassane.pk}/",
        "slug": "alassane",
        "locale": "nl",
        "html_url": "http://localhost/defenders/alassane/",
        "first_published_at": alassane["meta"]["first_published_at"],
    }
    assert alassane["introduction"].startswith("Alassane verdedigt")
    assert alassane["country"] == {
        "id": world.nl["mali"].pk,
        "name": "Mali",
        "slug": "mali",
        "translation_key": str(world.nl["mali"].translation_key),
        "code": "ML",
    }
    assert alassane["city"]["slug"] == "den-haag"
    assert alassane["city"]["translation_key"] == str(
        world.nl["den-haag"].translation_key
    )
    assert [theme["slug"] for theme in alassane["themes"]] == ["lhbti", "persvrijheid"]
    assert alassane["themes"][0]["name"] == "LHBTI"
    assert alassane["stay"] == {"year": 2024, "start_date": None, "end_date": None}
    for name in ("body", "related_news", "translations"):
        assert name not in alassane


def test_portrait_is_renditions_with_alt_text_never_the_original(client, world):
    data = get(client, DEFENDERS)
    portrait = data["items"][0]["portrait"]
    assert portrait["alt"] == "Alassane bij een bijeenkomst"
    assert set(portrait["renditions"]) == {"card", "profile"}
    card = portrait["renditions"]["card"]
    assert ".fill-400x400" in card["url"] and card["width"] == card["height"] == 40
    detail = get(client, f"{DEFENDERS}{world.alassane.pk}/")
    original = world.alassane.portrait.file.name
    body_original = world.alassane.body[3].value["image"].file.name
    for payload in (data, detail):
        text = json.dumps(payload)
        assert "original_images" not in text
        assert original not in text and body_original not in text
    assert data["items"][1]["portrait"] is None


def test_withheld_portrait_is_never_served(client, world):
    world.alassane.withhold_portrait = True
    world.alassane.save_revision().publish()
    listing = get(client, DEFENDERS)
    detail = get(client, f"{DEFENDERS}{world.alassane.pk}/")
    assert listing["items"][0]["portrait"] is None and detail["portrait"] is None
    # The file's stem may equal the slug ("alassane"), so look for it as a
    # file: the original or any rendition of it ("images/alassane.fill-...").
    name = world.alassane.portrait.file.name.rsplit("/", 1)[-1].split(".")[0]
    text = json.dumps(listing) + json.dumps(detail)
    assert f"images/{name}." not in text and f"images/{name}_" not in text


def test_portrait_sizes_follow_the_setting(client, world, settings):
    settings.WAGTAIL_DEFENDERS = {
        **settings.WAGTAIL_DEFENDERS,
        "PORTRAIT_RENDITIONS": {
            "card": "fill-20x20",
            "profile": "fill-30x30",
            "hero": "fill-50x20",
        },
    }
    renditions = get(client, DEFENDERS)["items"][0]["portrait"]["renditions"]
    assert list(renditions) == ["card", "profile", "hero"]
    assert (renditions["card"]["width"], renditions["card"]["height"]) == (20, 20)
    assert (renditions["hero"]["width"], renditions["hero"]["height"]) == (50, 20)


def test_detail_carries_body_related_news_and_translations(client, world):
    data = get(client, f"{DEFENDERS}{world.alassane.pk}/")
    assert data["title"] == "Alassane" and data["meta"]["locale"] == "nl"
    assert [block["type"] for block in data["body"]] == [
        "section",
        "section",
        "quote",
        "image",
        "embed",
    ]
    about = data["body"][0]["value"]
    assert about["kind"] == "about" and about["heading"] == "Over Alassane"
    assert f'<a href="{world.news.url}">het nieuws</a>' in about["text"]
    assert "linktype" not in about["text"]
    assert data["body"][1]["value"]["kind"] == "threats"
    assert data["body"][2]["value"] == {
        "quote": "We gaan door.",
        "attribution": "Alassane",
    }
    image = data["body"][3]["value"]
    assert image["alt"] == "Een vergadering" and image["caption"] == "Bamako"
    assert ".width-1000" in image["renditions"]["body"]["url"]
    assert data["body"][4]["value"] == {"url": "https://www.youtube.com/watch?v=abc123"}
    # The draft and the private news item are dropped.
    assert data["related_news"] == [
        {
            "id": world.news.pk,
            "title": "Alassane spreekt in Den Haag",
            "html_url": world.news.get_full_url(),
            "date": "2024-05-01",
        }
    ]
    assert data["translations"] == [
        {
            "id": world.alassane_en.pk,
            "locale": "en",
            "html_url": world.alassane_en.get_full_url(),
        }
    ]
    assert SECRET not in json.dumps(data)


def test_english_profile_links_and_news_are_english(client, world):
    data = get(client, f"{DEFENDERS}{world.alassane_en.pk}/")
    assert data["meta"]["locale"] == "en"
    assert data["meta"]["html_url"].endswith("/en/defenders/alassane/")
    assert [theme["name"] for theme in data["themes"]] == ["LGBTI", "Press freedom"]
    assert data["city"]["name"] == "The Hague"
    assert data["city"]["translation_key"] == str(world.nl["den-haag"].translation_key)
    assert data["body"][0]["value"]["kind_label"] == "About the defender"
    assert f'href="{world.news_en.url}"' in data["body"][0]["value"]["text"]
    assert [news["title"] for news in data["related_news"]] == [
        "Alassane speaks in The Hague"
    ]
    assert data["translations"][0]["locale"] == "nl"


def test_fields_parameter_follows_wagtail_syntax(client, world):
    item = get(client, DEFENDERS, fields="_,title")["items"][0]
    assert set(item) == {"id", "meta", "title"}
    item = get(client, DEFENDERS, fields="-portrait,-introduction")["items"][0]
    assert "portrait" not in item and "introduction" not in item and "themes" in item
    detail = get(client, f"{DEFENDERS}{world.alassane.pk}/", fields="_,body")
    assert set(detail) == {"id", "meta", "body"}


# Filters


FILTER_CASES = [
    ({"theme": "lhbti"}, ["Alassane"]),
    ({"theme": "lhbti,milieu"}, ["Alassane", "Maria"]),
    ({"theme": "persvrijheid", "city": "utrecht"}, ["Gepubliceerd"]),
    ({"country": "ML"}, ["Alassane", "Gepubliceerd"]),
    ({"country": "nederland"}, ["Maria"]),
    ({"country": "ml,nederland", "year": "2023"}, ["Maria"]),
    ({"city": "den-haag,utrecht", "year": "2024,2023"}, ["Alassane", "Maria"]),
    ({"year": "2022"}, ["Gepubliceerd"]),
    ({"search": "regenwoud"}, ["Maria"]),
    ({"search": "Alassane", "theme": "milieu"}, []),
    ({"theme": "no-such-theme"}, []),
    ({"theme": "lgbti"}, []),  # an English slug in the Dutch listing
    ({"locale": "en", "theme": "lgbti"}, ["Alassane"]),
    ({"locale": "en", "city": "the-hague,utrecht"}, ["Alassane", "Maria"]),
    ({"locale": "en", "country": "netherlands"}, ["Maria"]),
    ({"locale": "en", "search": "rainforest"}, ["Maria"]),
    ({"locale": "EN"}, ["Alassane", "Maria"]),
]


def test_filters(client, world):
    for query, expected in FILTER_CASES:
        data = get(client, DEFENDERS, **query)
        assert titles(data) == expected, query
        assert data["meta"]["total_count"] == len(expected)


def test_repeated_parameter_means_or(client, world):
    data = get(client, f"{DEFENDERS}?theme=lhbti&theme=milieu")
    assert titles(data) == ["Alassane", "Maria"]


def test_english_listing_is_all_english(client, world):
    data = get(client, DEFENDERS, locale="en")
    assert data["meta"]["locale"] == "en"
    assert {item["meta"]["locale"] for item in data["items"]} == {"en"}
    assert data["items"][0]["city"]["name"] == "The Hague"


def test_pagination(client, world):
    data = get(client, DEFENDERS, limit=1, offset=1)
    assert titles(data) == ["Maria"] and data["meta"]["total_count"] == 3


# Bad input: a 400 that says what is accepted, never a 500


MALFORMED_CASES = [
    ({"year": "20x4"}, "year", "four-digit years"),
    ({"year": "2024,abc"}, "year", "four-digit years"),
    ({"theme": "not a slug!"}, "theme", "slugs"),
    ({"country": "M L"}, "country", "ISO 3166-1"),
    ({"city": "<script>"}, "city", "slugs"),
    ({"search": "x" * 201}, "search", "200 characters"),
    ({"locale": "xx"}, "locale", "en, nl"),
    ({"locale": "n\x00l"}, "locale", "en, nl"),
    ({"site": "no-such-site.example"}, "site", "No site"),
    ({"site": "bad host/"}, "site", "hostname"),
]


def test_malformed_values_are_a_400_naming_the_parameter(
    client, world, english_messages
):
    for query, parameter, hint in MALFORMED_CASES:
        data = get(client, DEFENDERS, status=400, **query)
        assert parameter in data["errors"], query
        assert hint in data["errors"][parameter], query
        assert f"{parameter}: " in data["message"]


def test_every_bad_parameter_is_named_at_once(client, world):
    data = get(client, DEFENDERS, status=400, year="soon", theme="a b", locale="zz")
    assert set(data["errors"]) == {"year", "theme", "locale"}


BAD_OPTIONS = [
    "type=wagtail_defenders.DefenderPage",
    "order=title",
    "limit=abc",
    "limit=-1",
    "limit=1000",
    "offset=x",
    "fields=nonsense",
    "fields=body",
    "fields=themes(name)",
    "fields=(((",
    "include_unused=1",
]


def test_unknown_parameters_and_bad_options_are_a_400(client, world):
    for query in BAD_OPTIONS:
        data = get(client, f"{DEFENDERS}?{query}", status=400)
        assert data["message"], query


HOSTILE_QUERIES = [
    "search=%00",
    "search=%27%22%3B--",
    "search=a%26b%7Cc%21d%28",
    "search=%E2%80%8F%F0%9F%92%A5",
    "theme=%00",
    "country=%FF%FE",
    "year=%00",
    "year=99999999999999999999",
    "site=%00",
    "site=localhost:99999999",
    "offset=99999999999999999999",
    "locale=" + "a" * 300,
    "theme=" + ",".join(f"t{n}" for n in range(50)),
    "format=api",
    "format=xml",
]


def test_nothing_a_user_sends_is_a_500(client, world):
    urls = (DEFENDERS, f"{DEFENDERS}{world.alassane.pk}/", "/api/v2/cities/")
    for query in HOSTILE_QUERIES:
        for url in urls:
            response = client.get(f"{url}?{query}")
            assert response.status_code < 500, (url, query, response.content[:300])


def test_unknown_profile_is_a_404(client, world):
    assert get(client, f"{DEFENDERS}999999/", status=404)["message"]


# What must never appear


def test_hidden_profiles_never_listed(client, world):
    seen = set()
    for query in (
        {},
        {"locale": "en"},
        {"theme": "persvrijheid"},
        {"country": "ML"},
        {"search": "SECRET"},
    ):
        data = get(client, DEFENDERS, **query)
        seen |= {item["id"] for item in data["items"]}
        assert SECRET not in json.dumps(data)
    assert not seen & hidden_ids(world)
    assert world.other_site_profile.pk not in seen


def test_hidden_profile_detail_is_a_404(client, world):
    for name in (
        "draft",
        "login",
        "password",
        "groups",
        "below_restricted",
        "hide_from_api",
    ):
        get(client, f"{DEFENDERS}{world.hidden[name].pk}/", status=404)


def test_restricted_profiles_stay_hidden_from_logged_in_users(
    client, world, django_user_model
):
    user = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(user)
    for name in ("login", "password", "groups", "below_restricted"):
        get(client, f"{DEFENDERS}{world.hidden[name].pk}/", status=404)
    listed = {item["id"] for item in get(client, DEFENDERS)["items"]}
    assert not listed & hidden_ids(world)


def test_live_version_served_not_unpublished_changes(client, world):
    page = world.hidden["unpublished_changes"]
    data = get(client, f"{DEFENDERS}{page.pk}/")
    assert data["title"] == "Gepubliceerd"
    assert data["introduction"] == "A human rights defender."
    listing = get(client, DEFENDERS, year="2022")
    assert titles(listing) == ["Gepubliceerd"]
    assert SECRET not in json.dumps(listing)


def test_another_sites_profiles_only_when_asked(client, world):
    other = world.other_site_profile
    get(client, f"{DEFENDERS}{other.pk}/", status=404)
    data = get(client, DEFENDERS, site="other.example")
    assert [item["id"] for item in data["items"]] == [other.pk]
    assert (
        get(client, f"{DEFENDERS}{other.pk}/", site="other.example:80")["id"]
        == other.pk
    )
    # Its host serves it by default.
    response = client.get(DEFENDERS, HTTP_HOST="other.example")
    assert [item["id"] for item in response.json()["items"]] == [other.pk]


def test_unpublishing_a_profile_removes_it(client, world):
    world.maria.unpublish()
    assert titles(get(client, DEFENDERS)) == ["Alassane", "Gepubliceerd"]
    get(client, f"{DEFENDERS}{world.maria.pk}/", status=404)


# Taxonomy endpoints


def test_themes_in_each_language_with_live_public_counts(client, world):
    data = get(client, "/api/v2/themes/")
    counts = {item["slug"]: item["profile_count"] for item in data["items"]}
    # "persvrijheid" is used by Alassane and by the page with unpublished changes
    # (live); every hidden profile that uses it is not counted.
    assert counts == {"lhbti": 1, "persvrijheid": 2, "milieu": 1}
    assert data["items"][0]["locale"] == "nl"
    english = get(client, "/api/v2/themes/", locale="en")
    assert [item["name"] for item in english["items"]] == [
        "LGBTI",
        "Press freedom",
        "Environment",
    ]
    assert {item["profile_count"] for item in english["items"]} == {1}
    assert english["items"][0]["translation_key"] == data["items"][0]["translation_key"]


def test_unused_terms_only_on_request(client, world):
    factories.theme("Vrouwenrechten", "vrouwenrechten")
    slugs = [item["slug"] for item in get(client, "/api/v2/themes/")["items"]]
    assert "vrouwenrechten" not in slugs
    data = get(client, "/api/v2/themes/", include_unused="true")
    assert {item["slug"]: item["profile_count"] for item in data["items"]}[
        "vrouwenrechten"
    ] == 0
    get(client, "/api/v2/themes/", status=400, include_unused="maybe")


def test_countries_and_cities(client, world):
    countries = get(client, "/api/v2/countries/", locale="en")["items"]
    assert [(c["name"], c["code"], c["profile_count"]) for c in countries] == [
        ("Mali", "ML", 1),
        ("The Netherlands", "NL", 1),
    ]
    cities = get(client, "/api/v2/cities/")["items"]
    assert [(c["slug"], c["profile_count"]) for c in cities] == [
        ("den-haag", 1),
        ("utrecht", 2),
    ]
    assert cities[0]["country"]["code"] == "NL"


def test_term_detail(client, world):
    theme = world.en["lhbti"]
    data = get(client, f"/api/v2/themes/{theme.pk}/")
    assert (
        data["name"] == "LGBTI"
        and data["locale"] == "en"
        and data["profile_count"] == 1
    )
    get(client, "/api/v2/themes/999999/", status=404)


def test_other_site_counts_only_when_asked(client, world):
    counts = {
        i["slug"]: i["profile_count"]
        for i in get(client, "/api/v2/countries/")["items"]
    }
    assert counts["mali"] == 2
    other = get(client, "/api/v2/countries/", site="other.example")["items"]
    assert [(i["slug"], i["profile_count"]) for i in other] == [("mali", 1)]


# Query budgets (DESIGN.md): flat in the number of profiles


def add_profiles(index, terms: dict, count: int, start: int = 0) -> None:
    themes = [terms["lhbti"], terms["pers"]]
    for number in range(start, start + count):
        factories.profile(
            index,
            f"Person {number:04d}",
            country=terms["mali"],
            city=terms["den-haag"],
            themes=themes,
            year=2000 + number % 20,
            portrait=factories.image(f"p{number}", size=(8, 8)),
        )


@pytest.fixture
def cold(settings):
    """API data not cached: the budgets hold for a request answered afresh."""
    settings.WAGTAIL_DEFENDERS = {
        **settings.WAGTAIL_DEFENDERS,
        "CACHE_TIMEOUT": 0,
    }


def count_queries(client, url: str) -> int:
    client.get(url)  # makes the renditions once, as on a site in use
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_listing_queries_are_flat_in_the_number_of_profiles(cold, client, index, terms):
    url = f"{DEFENDERS}?limit=20"
    filtered = (
        f"{DEFENDERS}?limit=20&theme=lhbti,persvrijheid&country=ML&year=2001,2002"
    )
    add_profiles(index, terms, 20)
    small, small_filtered = count_queries(client, url), count_queries(client, filtered)
    add_profiles(index, terms, 80, start=20)
    assert Page.objects.type(factories.DefenderPage).count() == 100
    large, large_filtered = count_queries(client, url), count_queries(client, filtered)
    assert small == large <= 10
    assert small_filtered == large_filtered <= 10


def test_detail_queries_do_not_grow_with_themes_or_news(
    cold, client, home, index, terms
):
    news = [factories.news(home, f"Nieuws {n}") for n in range(6)]
    extra = [factories.theme(f"Thema {n}") for n in range(6)]
    body = [("section", {"kind": "about", "heading": "Over", "text": "<p>Tekst.</p>"})]
    few = factories.profile(
        index,
        "Few",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["lhbti"]],
        portrait=factories.image("few"),
        related_news=news[:1],
        body=body,
    )
    many = factories.profile(
        index,
        "Many",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["lhbti"], terms["pers"], *extra],
        portrait=factories.image("many"),
        related_news=news,
        body=body,
    )
    small = count_queries(client, f"{DEFENDERS}{few.pk}/")
    large = count_queries(client, f"{DEFENDERS}{many.pk}/")
    assert small == large <= 12


def test_taxonomy_queries_are_flat(cold, client, index, terms):
    add_profiles(index, terms, 5)
    small = count_queries(client, "/api/v2/themes/")
    add_profiles(index, terms, 25, start=5)
    assert count_queries(client, "/api/v2/themes/") == small <= 6


# Wagtail's own pages endpoint, as the package's PagesAPIViewSet serves it


def test_pages_endpoint_uses_api_fields_and_leaves_out_kept_out_profiles(client, world):
    listing = get(
        client, "/api/v2/pages/", type="wagtail_defenders.DefenderPage", limit=20
    )
    listed = {item["id"] for item in listing["items"]}
    assert world.alassane.pk in listed
    assert not listed & hidden_ids(world)
    assert SECRET not in json.dumps(listing)
    get(client, f"/api/v2/pages/{world.hidden['hide_from_api'].pk}/", status=404)
    page = get(client, f"/api/v2/pages/{world.alassane.pk}/")
    ours = get(client, f"{DEFENDERS}{world.alassane.pk}/")
    for name in (
        "introduction",
        "portrait",
        "country",
        "city",
        "status",
        "themes",
        "stay",
        "body",
        "updates",
        "last_updated",
    ):
        assert page[name] == ours[name], name
    assert page["related_news"] == ours["related_news"]
    assert "original_images" not in json.dumps(page)


@pytest.mark.parametrize("site", ["nowhere.example", "localhost:abc"])
def test_pages_endpoint_answers_an_unknown_site_without_a_500(client, world, site):
    # Wagtail 7.0's own endpoint raised Site.DoesNotExist (a 500) here.
    for url in ("/api/v2/pages/", f"/api/v2/pages/{world.alassane.pk}/"):
        response = client.get(url, {"site": site})
        assert response.status_code < 500, (url, response.content[:200])
