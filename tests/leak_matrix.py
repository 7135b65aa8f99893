"""The leak matrix: one world of hidden content (drafts, unpublished changes,
login, password and group restrictions, takedowns, profiles kept out of the API or
of search engines, withheld portraits) and the check that an output shows none of it.

In the style of Wagtail's own API tests: one world (``tests.api_world`` plus the
cases below), and for each output a test (``tests/test_leaks_*.py``) that
collects what a visitor or API client gets and looks for each case's marker
strings and page ids. Every output also checks a control (a visible profile)
that must appear, so a collector that sees nothing fails. The collectors the
outputs share (the index pages at every query, the REST APIs) are here too."""

from __future__ import annotations

import datetime
import importlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from wagtail.models import Page

from tests import factories
from tests.api_world import SECRET, World, build_world
from wagtail_defenders.models import DefenderUpdate

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
            self.ids |= set(ids_in_answer(data))

    def add_answer(self, data) -> None:
        """An API answer: its JSON text and the ids of the pages in it."""
        self.add(json.dumps(data), data)


def seen_in_each_language() -> dict[str, Seen]:
    """An empty :class:`Seen` for each language of :data:`LOCALES`."""
    return {locale_code: Seen() for locale_code in LOCALES}


def ids_in_answer(data):
    """The ids of pages in an API answer: of objects with a title (terms have names)."""
    if isinstance(data, dict):
        if isinstance(data.get("id"), int) and "title" in data:
            yield data["id"]
        for value in data.values():
            yield from ids_in_answer(value)
    elif isinstance(data, list):
        for value in data:
            yield from ids_in_answer(value)


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


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_matrix() -> Matrix:
    """The world and its cases (``matrix``, the fixture of ``tests/conftest.py``)."""
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
    withheld = publish(
        withheld, withhold_portrait=True, portrait_alt_text="ALT-WITHHELD-" + SECRET
    )
    consented = factories.profile(
        world.index, "Toestemming", slug="toestemming", **terms
    )
    consented = publish(
        consented,
        consent_given_on=datetime.date(2019, 3, 14),
        consent_scope="CONSENT-SCOPE-" + SECRET,
        consent_review_by=datetime.date(2031, 7, 9),
    )
    # Issue 16: a visible profile's editor's note (a non-public update) and the
    # public updates of profiles nobody may see appear in no output.
    consented = publish(
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
        publish(
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
    noindex = publish(noindex, hide_from_search_engines=True)
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


def get_html(client, url: str, **kwargs) -> str:
    response = client.get(url, **kwargs)
    assert response.status_code < 500, url
    return response.content.decode() if response.status_code == 200 else ""


def get_json(client, url: str, status: int = 200, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, (url, response.content[:300])
    return response.json()


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


def seen_at_the_indexes(
    client, matrix: Matrix, suffixes=("",), seen: dict[str, Seen] | None = None
) -> dict[str, Seen]:
    """What the Dutch and the English index show at each of ``suffixes`` (the
    page itself, a feed, a download) for every query of :data:`INDEX_QUERIES`,
    added to ``seen`` (new when not given)."""
    seen = seen_in_each_language() if seen is None else seen
    for query in INDEX_QUERIES:
        for suffix in suffixes:
            seen["nl"].add(get_html(client, matrix.world.index.url + suffix + query))
            seen["en"].add(get_html(client, matrix.world.en_index.url + suffix + query))
    return seen


def seen_in_the_rest_api(
    client, matrix: Matrix, prefix: str, listing: str = ""
) -> dict[str, Seen]:
    """What the package's REST endpoints under ``prefix`` (``/api/v2``,
    ``/api/v3``) show: the listing for every query of :data:`INDEX_QUERIES`
    but the last (``q`` read as ``search``; ``listing`` added to each) and the
    taxonomy lists in each language, and the detail of every visible profile;
    the detail of every hidden one must be a 404."""
    seen = seen_in_each_language()
    for locale_code in LOCALES:
        for query in INDEX_QUERIES[:-1]:
            params = query.replace("?q=", "?search=") or "?"
            url = f"{prefix}/defenders/{params}&locale={locale_code}{listing}"
            seen[locale_code].add_answer(get_json(client, url))
        for endpoint in ("themes", "countries", "cities"):
            data = get_json(client, f"{prefix}/{endpoint}/?locale={locale_code}")
            seen[locale_code].add(json.dumps(data))
    for page in [*matrix.visible_nl, *matrix.visible_en]:
        data = get_json(client, f"{prefix}/defenders/{page.pk}/")
        seen[page.locale.language_code].add_answer(data)
    for page in [*matrix.hidden_pages, matrix.kept_out_of_api]:
        get_json(client, f"{prefix}/defenders/{page.pk}/", status=404)
    return seen


def example_search_view() -> Callable | None:
    if not (EXAMPLE_PROJECT / "search" / "views.py").exists():
        return None
    sys.path.insert(0, str(EXAMPLE_PROJECT))
    try:
        return importlib.import_module("search.views").search
    finally:
        sys.path.remove(str(EXAMPLE_PROJECT))
