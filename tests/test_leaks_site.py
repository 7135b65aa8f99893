"""What a visitor gets from the site leaks nothing (the leak matrix,
``tests/leak_matrix.py``): the profile pages, the index and its filters, related
news, site search (the package's and the example site's), the sitemap, meta tags
and structured data, and every value escaped."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from django.test import RequestFactory
from wagtail.models import Locale, Page, Site

from tests import factories
from tests.leak_matrix import (
    LOCALES,
    Seen,
    assert_nothing_leaks,
    example_search_view,
    get_html,
    publish,
    seen_at_the_indexes,
    seen_in_each_language,
)

pytestmark = pytest.mark.django_db


def test_profile_pages(client, matrix):
    seen = seen_in_each_language()
    for locale_code, pages in (("nl", matrix.visible_nl), ("en", matrix.visible_en)):
        for page in pages:
            seen[locale_code].add(get_html(client, page.url))
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


def test_index_and_its_filters(client, matrix):
    seen = seen_at_the_indexes(client, matrix)
    assert_nothing_leaks(
        "index",
        seen,
        matrix,
        {"nl": ["Alassane", "Maria", "Gepubliceerd"], "en": ["Alassane", "Maria"]},
    )


def test_related_news_on_profiles(client, matrix):
    world = matrix.world
    seen = {
        "nl": Seen(get_html(client, world.alassane.url)),
        "en": Seen(get_html(client, world.alassane_en.url)),
    }
    assert_nothing_leaks(
        "related news",
        seen,
        matrix,
        {"nl": [world.news.title], "en": [world.news_en.title]},
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


def test_example_site_search_view(matrix):
    view = example_search_view()
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


def test_sitemap(client, matrix):
    sitemap = get_html(client, "/sitemap.xml")
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
    seen = seen_in_each_language()
    for locale_code, pages in (("nl", matrix.visible_nl), ("en", matrix.visible_en)):
        for page in pages:
            seen[locale_code].add(
                "\n".join(META_RE.findall(get_html(client, page.url)))
            )
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
    withheld = get_html(client, matrix.withheld.url)
    assert 'property="og:image"' not in withheld
    assert '"image"' not in "".join(META_RE.findall(withheld))
    # Kept out of search engines: social previews stay, structured data goes.
    noindex = get_html(client, matrix.noindex.url)
    assert 'og:title" content="Niet indexeren"' in noindex
    assert "application/ld+json" not in noindex


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
    profile = publish(profile, portrait_alt_text="Portret " + XSS)
    for url in (profile.url, index.url, index.url + "?q=Naam", index.url + "?q=" + XSS):
        html = get_html(client, url)
        assert "<script>alert(1)" not in html, url
        assert "<img src=x" not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
    page = get_html(client, profile.url)
    for label in ("Citaat", "Bron", "Alt", "Onderschrift", "Portret", "Intro"):
        assert f"{label} &lt;script&gt;" in page, label
    json_ld = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL
    ).group(1)
    assert "<" not in json_ld and ">" not in json_ld
    person = json.loads(json_ld)
    assert person["name"] == "Naam " + XSS and person["description"] == "Intro " + XSS
    assert 'og:title" content="Naam &lt;script&gt;' in page
