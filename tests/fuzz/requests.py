"""What the fuzz sends: :class:`Request` and :func:`request_strategy`, hypothesis'
strategy of one request to the example site (API v2, GraphQL, the index pages and
their filters, profiles, search and odd paths), for the requests no OpenAPI schema
describes. :mod:`tests.fuzz.run` sends them; see its docstring for the run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: tuple[tuple[str, str], ...] = ()
    body: str | None = None
    headers: tuple[tuple[str, str], ...] = ()

    def url(self) -> str:
        return self.path + ("?" + urlencode(self.query) if self.query else "")

    def describe(self) -> str:
        text = f"{self.method} {self.url()}"
        if self.body:
            text += f"  body={self.body[:300]!r}"
        if self.headers:
            text += f"  headers={dict(self.headers)!r}"
        return text


V2_LISTING = ["fields", "limit", "offset", "format", "locale", "site", "_"]
V2_ENDPOINT_PARAMETERS = {
    "defenders": [*V2_LISTING, "theme", "country", "city", "year", "search"],
    "themes": [*V2_LISTING, "include_unused"],
    "countries": [*V2_LISTING, "include_unused"],
    "cities": [*V2_LISTING, "include_unused"],
    "pages": [
        *V2_LISTING,
        "type",
        "child_of",
        "ancestor_of",
        "descendant_of",
        "translation_of",
        "order",
        "search",
        "search_operator",
        "show_in_menus",
        "slug",
        "title",
        "id",
        "html_path",
    ],
}


INDEX_PARAMETERS = ["theme", "country", "city", "year", "q", "page", "status", "order"]
GRAPHQL_QUERIES = [
    """query ($theme: String, $country: String, $city: String, $year: String,
       $search: String, $locale: String, $site: String, $page: Int, $perPage: Int) {
  defenders(theme: $theme, country: $country, city: $city, year: $year,
            search: $search, locale: $locale, site: $site, page: $page,
            perPage: $perPage) { items { id title introduction } }
}""",
    """query ($id: Int!, $site: String) { defender(id: $id, site: $site) { id title } }""",
    """query ($locale: String, $site: String, $includeUnused: Boolean) {
  defenderThemes(locale: $locale, site: $site, includeUnused: $includeUnused) { slug }
  defenderCountries(locale: $locale, site: $site) { slug }
  defenderCities(locale: $locale, site: $site) { slug }
}""",
    """query ($search: String) { search(query: $search) { __typename } }""",
    """query ($limit: PositiveInt, $offset: PositiveInt, $order: String,
       $searchQuery: String, $id: ID, $urlPath: String) {
  pages(limit: $limit, offset: $offset, order: $order, searchQuery: $searchQuery) {
    id title url }
  page(id: $id, urlPath: $urlPath) { id title }
}""",
]
GRAPHQL_VARIABLES = [
    "theme",
    "country",
    "city",
    "year",
    "search",
    "locale",
    "site",
    "page",
    "perPage",
    "id",
    "includeUnused",
    "limit",
    "offset",
    "order",
    "searchQuery",
    "urlPath",
]


def request_strategy(site: dict[str, list]):
    """Hypothesis' strategy of one request to the site."""
    from hypothesis import strategies as st

    # Control characters come through with_control, at a set rate: a request
    # holding one is refused at once, so text without them reaches further.
    any_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
    controls = st.sampled_from(["\x00", "\x01", "\x1f", "\x7f", "\x85", "\t", "\n"])
    with_control = st.builds(lambda a, c, b: a + c + b, any_text, controls, any_text)
    numbers = st.one_of(
        st.integers(min_value=-(10**25), max_value=10**25),
        st.sampled_from([0, -1, 2**31, 2**63, 2**64]),
        st.floats(allow_nan=True, allow_infinity=True),
    ).map(str)
    known = st.sampled_from(
        site["slugs"]
        + site["locales"]
        + site["sites"]
        + site["years"]
        + site["page_paths"]
        + [str(pk) for pk in site["page_ids"] + site["term_ids"]]
        + ["true", "false", "and", "or", "*", "_", "-title", "title", "random"]
        + ["wagtailcore.Page", "wagtail_defenders.DefenderPage", "news.NewsPage"]
    )
    joined = st.lists(known, min_size=2, max_size=4).map(",".join)
    huge = st.sampled_from(["9" * 3000, "a," * 3000, "\x00" * 500, "é" * 5000])
    value = st.one_of(
        *[known] * 6,
        joined,
        joined,
        any_text,
        with_control,
        numbers,
        huge,
        st.sampled_from(["", ",", " ", "%", "%00", "'", '"', "\\", "../", "//"]),
    )

    def pairs(names: list[str]):
        # Mostly names the endpoint knows: an unknown one is a 400 at once.
        name = st.one_of(*[st.sampled_from(names)] * 5, any_text)
        return st.lists(st.tuples(name, value), max_size=6).map(tuple)

    accept_language = st.sampled_from(["", "nl", "en", "ar", "fr;q=0.5", "x\x7f", "*"])
    headers = st.one_of(
        st.just(()),
        st.tuples(st.tuples(st.just("accept-language"), accept_language)),
        st.tuples(
            st.tuples(st.just("accept"), st.sampled_from(["text/html", "*/*", "x"]))
        ),
    )
    method = st.sampled_from(["GET"] * 8 + ["HEAD", "OPTIONS"])

    def segment():
        return st.one_of(
            any_text.filter(
                lambda text: "/" not in text and text not in ("", ".", "..")
            ),
            with_control.filter(lambda text: "/" not in text),
            numbers,
            known.map(lambda text: text.strip("/").split("/")[-1] or "x"),
        )

    def quoted(text: str) -> str:
        from urllib.parse import quote

        return quote(text, safe="")

    v2_listing = st.sampled_from(sorted(V2_ENDPOINT_PARAMETERS)).flatmap(
        lambda endpoint: st.builds(
            Request,
            method,
            st.just(f"/api/v2/{endpoint}/"),
            pairs(V2_ENDPOINT_PARAMETERS[endpoint]),
            st.none(),
            headers,
        )
    )
    v2_detail = st.builds(
        Request,
        method,
        st.builds(
            lambda endpoint, pk: f"/api/v2/{endpoint}/{pk}/",
            st.sampled_from(sorted(V2_ENDPOINT_PARAMETERS)),
            st.one_of(
                st.sampled_from(site["page_ids"] + site["term_ids"]),
                st.integers(min_value=0, max_value=10**30),
                segment().map(quoted),
            ),
        ),
        pairs(["fields", "site", "format", "locale", "type"]),
        st.none(),
        headers,
    )
    v2_find = st.builds(
        Request,
        method,
        st.just("/api/v2/pages/find/"),
        st.tuples(
            st.tuples(
                st.just("html_path"),
                st.one_of(st.sampled_from(site["page_paths"]), any_text, with_control),
            )
        ).flatmap(
            lambda first: pairs(["site", "locale", "fields"]).map(
                lambda rest: first + rest
            )
        ),
        st.none(),
        headers,
    )
    v3_listing = st.builds(
        Request,
        method,
        st.sampled_from(
            [
                "/api/v3/defenders/",
                "/api/v3/themes/",
                "/api/v3/countries/",
                "/api/v3/cities/",
                "/api/v3/pages/",
                "/api/v3/pages/find/",
                "/api/v3/sites/",
                "/api/v3/locales/",
                "/api/v3/schema/",
            ]
        ),
        pairs(V2_ENDPOINT_PARAMETERS["pages"] + V2_ENDPOINT_PARAMETERS["defenders"]),
        st.none(),
        headers,
    )
    html_pages = st.builds(
        Request,
        method,
        st.one_of(
            st.sampled_from(site["index_paths"]),
            st.sampled_from(site["page_paths"]),
            st.sampled_from(["/search/", "/en/search/", "/fr/search/"]),
            # The index pages' feeds and open-data downloads take its filters too.
            st.builds(
                lambda base, tail: base + tail,
                st.sampled_from(site["index_paths"]),
                st.sampled_from(["feed/", "feed/atom/", "export.csv", "export.json"]),
            ),
            st.builds(
                lambda base, parts: base + "/".join(map(quoted, parts)) + "/",
                st.sampled_from(site["index_paths"] + site["profile_paths"] + ["/"]),
                st.lists(segment(), min_size=1, max_size=3),
            ),
        ),
        pairs(INDEX_PARAMETERS),
        st.none(),
        headers,
    )

    def graphql_body(query: str, variables: dict) -> str:
        return json.dumps({"query": query, "variables": variables})

    graphql_value = st.one_of(
        value, st.integers(-(2**40), 2**40), st.booleans(), st.none()
    )
    graphql = st.builds(
        Request,
        st.just("POST"),
        st.just("/graphql/"),
        st.just(()),
        st.builds(
            graphql_body,
            st.sampled_from(GRAPHQL_QUERIES),
            st.dictionaries(st.sampled_from(GRAPHQL_VARIABLES), graphql_value),
        ),
        st.just(()),
    )
    graphql_get = st.builds(
        Request,
        st.just("GET"),
        st.just("/graphql/"),
        st.tuples(
            st.tuples(st.just("query"), st.sampled_from(GRAPHQL_QUERIES) | any_text)
        ),
        st.none(),
        st.just((("accept", "application/json"),)),
    )
    kinds = [
        v2_listing,
        v2_listing,
        v2_detail,
        v2_find,
        v3_listing,
        html_pages,
        html_pages,
    ]
    if site["graphql"]:
        kinds += [graphql, graphql, graphql_get]
    return st.one_of(kinds)
