"""Nothing leaks: every kind of hidden content against every output, as one matrix.

In the style of Wagtail's own API tests: one world (``tests.api_world`` plus the
cases below), and for each output (the profile pages, the index and its filters,
related news, API v2, API v3, GraphQL, site search, the sitemap, meta tags and
structured data, the feeds, the export command and downloads) a test that collects what a visitor or API client gets and looks
for each case's marker strings and page ids. Every output also checks a control
(a visible profile) that must appear, so a collector that sees nothing fails.
"""

from __future__ import annotations

import datetime
import importlib
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.test import RequestFactory
from wagtail.models import Locale, Page, Site

from tests import factories
from tests.api_world import SECRET, World, build_world
from wagtail_defenders.api import v3
from wagtail_defenders.models import DefenderUpdate

pytestmark = pytest.mark.django_db

EXAMPLE_PROJECT = Path(__file__).resolve().parent.parent / "example_project"
API_OUTPUTS = frozenset({"api_v2", "api_v3", "graphql"})
LOCALES = ("nl", "en")


@dataclass
class Case:
    """One kind of hidden content: what must not show, and where it applies."""

    name: str
    markers: list[str]
    ids: set[int] = field(default_factory=set)
    # Outputs it applies to (None: every output).
    outputs: frozenset[str] | None = None
    # The languages whose outputs must not show it (None: every language).
    locales: tuple[str, ...] | None = None


@dataclass
class Seen:
    """What one output showed in one language: its text and the page ids it named."""

    text: str = ""
    ids: set[int] = field(default_factory=set)

    def add(self, text: str, data=None) -> None:
        self.text += "\n" + text
        if data is not None:
            self.ids |= set(_ids(data))


def _ids(data):
    """The ids of pages in an API answer: of objects with a title (terms have names)."""
    if isinstance(data, dict):
        if isinstance(data.get("id"), int) and "title" in data:
            yield data["id"]
        for value in data.values():
            yield from _ids(value)
    elif isinstance(data, list):
        for value in data:
            yield from _ids(value)


@dataclass
class Matrix:
    world: World
    cases: list[Case]
    visible_nl: list[Page]
    visible_en: list[Page]
    hidden_pages: list[Page]
    kept_out_of_api: Page
    withheld: Page
    consented: Page
    noindex: Page


def _publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def matrix(db) -> Matrix:
    world = build_world()
    nl, en = world.nl, world.en
    terms = {"country": nl["mali"], "city": nl["den-haag"], "themes": [nl["lhbti"]]}

    withheld = factories.profile(
        world.index,
        "Portret achtergehouden",
        slug="portret-achtergehouden",
        portrait=factories.image("zzwithheldportraitzz"),
        **terms,
    )
    withheld = _publish(
        withheld, withhold_portrait=True, portrait_alt_text="ALT-WITHHELD-" + SECRET
    )
    consented = factories.profile(
        world.index, "Toestemming", slug="toestemming", **terms
    )
    consented = _publish(
        consented,
        consent_given_on=datetime.date(2019, 3, 14),
        consent_scope="CONSENT-SCOPE-" + SECRET,
        consent_review_by=datetime.date(2031, 7, 9),
    )
    # Issue 16: a visible profile's editor's note (a non-public update) and the
    # public updates of profiles nobody may see appear in no output.
    consented = _publish(
        consented,
        updates=[
            DefenderUpdate(
                date=datetime.date(2025, 1, 5),
                heading="Publieke update",
                is_public=True,
                sort_order=0,
            ),
            DefenderUpdate(
                date=datetime.date(2025, 2, 5),
                heading="NOTE-" + SECRET,
                text="<p>NOTE-TEXT-" + SECRET + "</p>",
                is_public=False,
                sort_order=1,
            ),
        ],
    )
    for name in ("login", "below_restricted", "hide_from_api"):
        _publish(
            world.hidden[name],
            updates=[
                DefenderUpdate(
                    date=datetime.date(2025, 3, 5),
                    heading=f"HIDDEN-UPDATE-{name}-" + SECRET,
                    is_public=True,
                )
            ],
        )
    noindex = factories.profile(
        world.index, "Niet indexeren", slug="niet-indexeren", **terms
    )
    noindex = _publish(noindex, hide_from_search_engines=True)
    dutch_only = factories.profile(
        world.index, "Alleen Nederlands", slug="alleen-nederlands", **terms
    )
    english_only = factories.profile(
        world.en_index,
        "Only English",
        slug="only-english",
        country=en["mali"],
        city=en["den-haag"],
        themes=[en["lhbti"]],
    )

    def page_case(name: str, page: Page, **kwargs) -> Case:
        return Case(name, [page.title, f"/{page.slug}/"], {page.pk}, **kwargs)

    hidden = world.hidden
    cases = [
        page_case("draft", hidden["draft"]),
        Case("unpublished changes", ["Unpublished " + SECRET]),
        page_case("login restricted", hidden["login"]),
        page_case("password restricted", hidden["password"]),
        page_case("group restricted", hidden["groups"]),
        page_case("child of a private section", hidden["below_restricted"]),
        page_case("another site", world.other_site_profile),
        page_case("only in English", english_only, locales=("nl",)),
        page_case("only in Dutch", dutch_only, locales=("en",)),
        page_case(
            "hidden from the API",
            hidden["hide_from_api"],
            outputs=API_OUTPUTS | {"feeds", "export"},
        ),
        Case("withheld portrait", ["zzwithheldportraitzz", "ALT-WITHHELD-" + SECRET]),
        Case(
            "consent record",
            [
                "CONSENT-SCOPE-" + SECRET,
                "2019-03-14",
                "2031-07-09",
                "14 maart 2019",
                "March 14, 2019",
                "consent_",
            ],
        ),
        Case("editor's note", ["NOTE-" + SECRET, "NOTE-TEXT-" + SECRET]),
        Case(
            "update of a private profile",
            [
                f"HIDDEN-UPDATE-{name}-" + SECRET
                for name in ("login", "below_restricted")
            ],
        ),
        Case(
            "update of a profile kept out of the API",
            ["HIDDEN-UPDATE-hide_from_api-" + SECRET],
            outputs=API_OUTPUTS | {"feeds", "export"},
        ),
        Case("draft related news", ["Concept " + SECRET]),
        Case("private related news", ["Privé " + SECRET]),
        Case(
            "kept out of search engines",
            [f"/{noindex.slug}/"],
            outputs=frozenset({"sitemap", "feeds"}),
        ),
        Case(
            "kept out of search engines",
            ['"name": "Niet indexeren"'],
            outputs=frozenset({"meta"}),
        ),
    ]
    return Matrix(
        world=world,
        cases=cases,
        visible_nl=[
            world.alassane,
            world.maria,
            withheld,
            consented,
            noindex,
            dutch_only,
        ],
        visible_en=[world.alassane_en, world.maria_en, english_only],
        hidden_pages=[
            *(
                page
                for name, page in hidden.items()
                if name not in ("unpublished_changes", "hide_from_api")
            ),
            world.other_site_profile,
        ],
        kept_out_of_api=hidden["hide_from_api"],
        withheld=withheld,
        consented=consented,
        noindex=noindex,
    )


def assert_nothing_leaks(
    output: str, seen: dict[str, Seen], matrix: Matrix, control: dict[str, list[str]]
) -> None:
    """Every case's markers and ids are absent; every control marker is present."""
    leaks = []
    for locale_code, found in seen.items():
        for marker in control.get(locale_code, []):
            assert marker in found.text, (
                f"{output} ({locale_code}) does not show the control {marker!r}"
            )
        for case in matrix.cases:
            if case.outputs is not None and output not in case.outputs:
                continue
            if case.locales is not None and locale_code not in case.locales:
                continue
            for marker in case.markers:
                if marker in found.text:
                    leaks.append(f"{case.name}: {marker!r} in {output} ({locale_code})")
            if output in API_OUTPUTS and case.ids & found.ids:
                leaks.append(f"{case.name}: id in {output} ({locale_code})")
    assert not leaks, "\n".join(leaks)


def _html(client, url: str, **kwargs) -> str:
    response = client.get(url, **kwargs)
    assert response.status_code < 500, url
    return response.content.decode() if response.status_code == 200 else ""


def _json(client, url: str, status: int = 200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, (url, response.content[:300])
    return response.json()


# The outputs


def test_profile_pages(client, matrix):
    seen = {"nl": Seen(), "en": Seen()}
    for locale_code, pages in (("nl", matrix.visible_nl), ("en", matrix.visible_en)):
        for page in pages:
            seen[locale_code].add(_html(client, page.url))
    for page in matrix.hidden_pages:
        response = client.get(page.url or f"/defenders/{page.slug}/")
        # 200 only for the password form, which must not show the page either.
        assert response.status_code in (200, 302, 401, 404), page.title
        if response.status_code == 200:
            assert b'name="password"' in response.content
            # The form posts to the address the visitor asked for: no leak.
            asked = urlsplit(page.url).path
            seen["nl"].add(response.content.decode().replace(asked, ""))
    assert_nothing_leaks(
        "profile page",
        seen,
        matrix,
        {
            "nl": [
                "Alassane",
                "Maria",
                "/alassane/",
                "/media/images/alassane",
                "Publieke update",
            ]
        },
    )


INDEX_QUERIES = [
    "",
    "?theme=persvrijheid",
    "?theme=lhbti,persvrijheid",
    "?country=ML",
    "?country=mali",
    "?city=utrecht",
    "?city=den-haag",
    "?year=2024",
    "?year=2022",
    "?q=SECRET",
    "?q=Unpublished",
    "?q=Other",
    "?q=CONSENT",
    "?q=Alassane",
    "?page=2",
]


def test_index_and_its_filters(client, matrix):
    seen = {"nl": Seen(), "en": Seen()}
    for query in INDEX_QUERIES:
        seen["nl"].add(_html(client, matrix.world.index.url + query))
        seen["en"].add(_html(client, matrix.world.en_index.url + query))
    assert_nothing_leaks(
        "index",
        seen,
        matrix,
        {"nl": ["Alassane", "Maria", "Gepubliceerd"], "en": ["Alassane", "Maria"]},
    )


def test_related_news_on_profiles(client, matrix):
    world = matrix.world
    seen = {
        "nl": Seen(_html(client, world.alassane.url)),
        "en": Seen(_html(client, world.alassane_en.url)),
    }
    assert_nothing_leaks(
        "related news",
        seen,
        matrix,
        {"nl": [world.news.title], "en": [world.news_en.title]},
    )


def test_api_v2(client, matrix):
    seen = {"nl": Seen(), "en": Seen()}
    for locale_code in LOCALES:
        for query in INDEX_QUERIES[:-1]:
            params = query.replace("?q=", "?search=") or "?"
            url = f"/api/v2/defenders/{params}&locale={locale_code}&fields=*"
            data = _json(client, url)
            seen[locale_code].add(json.dumps(data), data)
        for endpoint in ("themes", "countries", "cities"):
            data = _json(client, f"/api/v2/{endpoint}/?locale={locale_code}")
            seen[locale_code].add(json.dumps(data))
    for page in [*matrix.visible_nl, *matrix.visible_en]:
        data = _json(client, f"/api/v2/defenders/{page.pk}/")
        seen[page.locale.language_code].add(json.dumps(data), data)
        data = _json(client, f"/api/v2/pages/{page.pk}/")
        seen[page.locale.language_code].add(json.dumps(data), data)
    for page in [*matrix.hidden_pages, matrix.kept_out_of_api]:
        _json(client, f"/api/v2/defenders/{page.pk}/", status=404)
    for locale_code in LOCALES:
        data = _json(
            client,
            "/api/v2/pages/?type=wagtail_defenders.DefenderPage&limit=20"
            f"&fields=*&locale={locale_code}",
        )
        seen[locale_code].add(json.dumps(data), data)
    assert_nothing_leaks(
        "api_v2",
        seen,
        matrix,
        {
            "nl": ["Alassane", "Maria", "Gepubliceerd", "Publieke update"],
            "en": ["Alassane", "Maria"],
        },
    )
    assert matrix.world.alassane.pk in seen["nl"].ids


def test_api_v2_term_counts_count_only_what_is_shown(client, matrix):
    """Every hidden profile uses Persvrijheid, Mali and Utrecht: counts must not see them."""
    themes = _json(client, "/api/v2/themes/")["items"]
    assert {t["slug"]: t["profile_count"] for t in themes}["persvrijheid"] == 2
    listed = _json(client, "/api/v2/defenders/?theme=persvrijheid")
    assert sorted(item["title"] for item in listed["items"]) == [
        "Alassane",
        "Gepubliceerd",
    ]
    countries = _json(client, "/api/v2/countries/")["items"]
    mali = _json(client, "/api/v2/defenders/?country=ML&limit=20")
    assert {c["code"]: c["profile_count"] for c in countries}["ML"] == mali["meta"][
        "total_count"
    ]
    assert mali["meta"]["total_count"] == 6  # Alassane, Gepubliceerd and the four new
    cities = _json(client, "/api/v2/cities/")["items"]
    assert {c["slug"]: c["profile_count"] for c in cities}["utrecht"] == 2


@pytest.mark.skipif(not v3.AVAILABLE, reason="API v3 needs Wagtail 8")
def test_api_v3(client, matrix):
    prefix = "/api/v3"
    seen = {"nl": Seen(), "en": Seen()}
    for locale_code in LOCALES:
        for query in INDEX_QUERIES[:-1]:
            params = query.replace("?q=", "?search=") or "?"
            data = _json(client, f"{prefix}/defenders/{params}&locale={locale_code}")
            seen[locale_code].add(json.dumps(data), data)
        for endpoint in ("themes", "countries", "cities"):
            data = _json(client, f"{prefix}/{endpoint}/?locale={locale_code}")
            seen[locale_code].add(json.dumps(data))
    for page in [*matrix.visible_nl, *matrix.visible_en]:
        data = _json(client, f"{prefix}/defenders/{page.pk}/")
        seen[page.locale.language_code].add(json.dumps(data), data)
    for page in [*matrix.hidden_pages, matrix.kept_out_of_api]:
        _json(client, f"{prefix}/defenders/{page.pk}/", status=404)
    assert_nothing_leaks(
        "api_v3",
        seen,
        matrix,
        {"nl": ["Alassane", "Maria", "Gepubliceerd"], "en": ["Alassane", "Maria"]},
    )


GRAPHQL_CARD = "id title introduction htmlUrl portrait { alt renditions { url } }"


def _graphql(client, query: str) -> dict:
    response = client.post(
        "/graphql/", {"query": query}, content_type="application/json"
    )
    assert response.status_code == 200, response.content[:300]
    payload = response.json()
    assert "errors" not in payload, payload
    return payload["data"]


def test_graphql(client, matrix):
    if not apps.is_installed("grapple"):
        pytest.skip("the graphql extra is not installed")
    seen = {"nl": Seen(), "en": Seen()}
    for locale_code in LOCALES:
        for arguments in (
            "",
            'theme: "persvrijheid"',
            'country: "ML"',
            'city: "utrecht"',
            'year: "2022"',
            'search: "SECRET"',
            'search: "Unpublished"',
        ):
            data = _graphql(
                client,
                f'{{ defenders(locale: "{locale_code}" {arguments}) '
                f"{{ items {{ {GRAPHQL_CARD} updates {{ heading text }} }} }} }}",
            )
            seen[locale_code].add(json.dumps(data), data)
        data = _graphql(
            client,
            f'{{ defenderThemes(locale: "{locale_code}") {{ slug profileCount }} '
            f'defenderCountries(locale: "{locale_code}") {{ code profileCount }} }}',
        )
        seen[locale_code].add(json.dumps(data))
    hidden = [*matrix.hidden_pages, matrix.kept_out_of_api]
    for page in [*matrix.visible_nl, *matrix.visible_en, *hidden]:
        data = _graphql(
            client,
            f"{{ defender(id: {page.pk}) {{ {GRAPHQL_CARD} "
            "relatedNews { title } updates { heading text } lastUpdated "
            "body { ... on DefenderQuoteBlock { quote } } } }",
        )
        if page in hidden:
            assert data["defender"] is None, page.title
        seen[page.locale.language_code].add(json.dumps(data), data)
    assert_nothing_leaks(
        "graphql",
        seen,
        matrix,
        {
            "nl": ["Alassane", "Maria", "Gepubliceerd", "Publieke update"],
            "en": ["Alassane", "Maria"],
        },
    )


SEARCH_WORDS = [
    "SECRET",
    "Unpublished",
    "Alassane",
    "Other",
    "person",
    "Child",
    "English",
]


def _search_text(results) -> str:
    return "\n".join(
        f"{page.title} {page.url_path} {getattr(page, 'introduction', '')}"
        for page in results
    )


def test_site_search(client, matrix):
    """Search as a site's search view does: live, public pages of this site.

    A site's pages in another language hang below the translation of its root
    page, not below the root page itself, so ``in_site()`` would miss them.
    """
    site = Site.objects.get(is_default_site=True)
    seen = {}
    for locale_code in LOCALES:
        locale = Locale.objects.get(language_code=locale_code)
        root = site.root_page.get_translation(locale)
        seen[locale_code] = Seen()
        for words in SEARCH_WORDS:
            results = (
                Page.objects.live()
                .public()
                .descendant_of(root, inclusive=True)
                .filter(locale=locale)
                .specific()
                .search(words)
            )
            seen[locale_code].add(_search_text(results))
    assert_nothing_leaks(
        "search", seen, matrix, {"nl": ["Alassane"], "en": ["Alassane"]}
    )


def _example_search_view() -> Callable | None:
    if not (EXAMPLE_PROJECT / "search" / "views.py").exists():
        return None
    sys.path.insert(0, str(EXAMPLE_PROJECT))
    try:
        return importlib.import_module("search.views").search
    finally:
        sys.path.remove(str(EXAMPLE_PROJECT))


def test_example_site_search_view(matrix):
    view = _example_search_view()
    if view is None:
        pytest.skip("example_project/ is not in this checkout")
    from django.utils import translation

    seen = {}
    for locale_code in LOCALES:
        seen[locale_code] = Seen()
        with translation.override(locale_code):
            for words in SEARCH_WORDS:
                request = RequestFactory().get("/search/", {"q": words})
                response = view(request)
                results = response.context_data["search_results"]
                seen[locale_code].add(_search_text(results.object_list))
    assert_nothing_leaks(
        "search", seen, matrix, {"nl": ["Alassane"], "en": ["Alassane"]}
    )


def test_feeds(client, matrix):
    seen = {"nl": Seen(), "en": Seen()}
    for query in INDEX_QUERIES:
        for feed in ("feed/", "feed/atom/"):
            seen["nl"].add(_html(client, matrix.world.index.url + feed + query))
            seen["en"].add(_html(client, matrix.world.en_index.url + feed + query))
    assert_nothing_leaks(
        "feeds",
        seen,
        matrix,
        {"nl": ["Alassane", "Maria"], "en": ["Alassane", "Maria"]},
    )


def test_export(client, matrix, settings):
    import io

    from django.core.management import call_command

    settings.WAGTAIL_DEFENDERS = {
        **settings.WAGTAIL_DEFENDERS,
        "EXPORT_DOWNLOADS": True,
    }
    seen = {"nl": Seen(), "en": Seen()}
    for locale_code in LOCALES:
        for export_format in ("csv", "json"):
            out = io.StringIO()
            call_command(
                "export_defenders",
                f"--format={export_format}",
                f"--locale={locale_code}",
                stdout=out,
                stderr=io.StringIO(),
            )
            seen[locale_code].add(out.getvalue())
    for query in INDEX_QUERIES:
        for download in ("export.csv", "export.json"):
            seen["nl"].add(_html(client, matrix.world.index.url + download + query))
            seen["en"].add(_html(client, matrix.world.en_index.url + download + query))
    assert_nothing_leaks(
        "export",
        seen,
        matrix,
        {"nl": ["Alassane", "Maria"], "en": ["Alassane", "Maria"]},
    )


def test_sitemap(client, matrix):
    sitemap = _html(client, "/sitemap.xml")
    assert_nothing_leaks(
        "sitemap",
        {"all": Seen(sitemap)},
        matrix,
        {"all": ["/defenders/alassane/", "/defenders/toestemming/"]},
    )


META_RE = re.compile(
    r"<meta property=\"og:[^>]*>|<script type=\"application/ld\+json\">.*?</script>",
    re.DOTALL,
)


def test_meta_tags_and_structured_data(client, matrix):
    seen = {"nl": Seen(), "en": Seen()}
    for locale_code, pages in (("nl", matrix.visible_nl), ("en", matrix.visible_en)):
        for page in pages:
            seen[locale_code].add("\n".join(META_RE.findall(_html(client, page.url))))
    assert_nothing_leaks(
        "meta",
        seen,
        matrix,
        {
            "nl": [
                'og:title" content="Alassane"',
                '"@type": "Person"',
                '"name": "Toestemming"',
                'og:image" content="http://testserver/media/images/alassane',
            ],
            "en": ['"name": "Alassane"'],
        },
    )
    # A withheld portrait: no og:image at all, and no image in the JSON-LD.
    withheld = _html(client, matrix.withheld.url)
    assert 'property="og:image"' not in withheld
    assert '"image"' not in "".join(META_RE.findall(withheld))
    # Kept out of search engines: social previews stay, structured data goes.
    noindex = _html(client, matrix.noindex.url)
    assert 'og:title" content="Niet indexeren"' in noindex
    assert "application/ld+json" not in noindex


# Escaping

XSS = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def test_every_value_is_escaped(client, index):
    """Markup in any value an editor types shows as text on every page and tag."""
    nl = factories.country("Nederland " + XSS, "NL", "nederland")
    profile = factories.profile(
        index,
        "Naam " + XSS,
        slug="xss",
        country=factories.country("Mali " + XSS, "ML", "mali"),
        city=factories.city("Den Haag " + XSS, nl, "den-haag"),
        themes=[factories.theme("Thema " + XSS, "thema")],
        introduction="Intro " + XSS,
        portrait=factories.image("xss-portrait"),
        body=[
            ("quote", {"quote": "Citaat " + XSS, "attribution": "Bron " + XSS}),
            (
                "image",
                {
                    "image": factories.image("xss-body"),
                    "alt_text": "Alt " + XSS,
                    "caption": "Onderschrift " + XSS,
                },
            ),
        ],
    )
    profile = _publish(profile, portrait_alt_text="Portret " + XSS)
    for url in (profile.url, index.url, index.url + "?q=Naam", index.url + "?q=" + XSS):
        html = _html(client, url)
        assert "<script>alert(1)" not in html, url
        assert "<img src=x" not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
    page = _html(client, profile.url)
    for label in ("Citaat", "Bron", "Alt", "Onderschrift", "Portret", "Intro"):
        assert f"{label} &lt;script&gt;" in page, label
    json_ld = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL
    ).group(1)
    assert "<" not in json_ld and ">" not in json_ld
    person = json.loads(json_ld)
    assert person["name"] == "Naam " + XSS and person["description"] == "Intro " + XSS
    assert 'og:title" content="Naam &lt;script&gt;' in page
