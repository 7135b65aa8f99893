"""Content for the API tests (v2, v3, GraphQL): one bilingual site and what must stay hidden.

:func:`build_world` makes a Dutch site with an English translation tree, a
taxonomy in both languages, two complete profiles in Dutch and English, and every
kind of page no API may show: a draft, a profile with unpublished changes, login,
password and group restricted profiles, a profile below a restricted index, one
the editor keeps out of the API, and a profile of another site.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from wagtail.embeds.blocks import EmbedValue
from wagtail.models import Page, PageViewRestriction, Site

from tests import factories
from tests.testapp.models import HomePage

SECRET = "SECRET-must-not-appear"


@dataclass
class World:
    home: Page
    index: Page
    en_home: Page
    en_index: Page
    nl: dict
    en: dict
    alassane: Page
    alassane_en: Page
    maria: Page
    maria_en: Page
    news: Page
    news_en: Page
    hidden: dict = field(default_factory=dict)
    other_site_profile: Page | None = None
    other_site: Site | None = None


#: The package's five interface languages, as ``LANGUAGES`` lists them (the API
#: language tests switch the site to them).
FIVE_LANGUAGES = [
    ("nl", "Nederlands"),
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ar", "العربية"),
]


def clear_caches() -> None:
    """Forget cached renditions and site root paths of earlier tests' rolled-back rows.

    Test databases reuse ids after a rollback, so Wagtail's rendition cache could
    otherwise hand one test's image rendition to another test's image.
    """
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


def translate_term(term, name: str, slug: str):
    """The English version of ``term``, with the same ``translation_key``."""
    translated = term.copy_for_translation(factories.locale("en"))
    translated.name = name
    translated.slug = slug
    translated.save()
    return translated


def translated_page(page: Page, locale_code: str = "en", **changes) -> Page:
    """A published translation of ``page`` (its parent must be translated already)."""
    translation = page.specific.copy_for_translation(factories.locale(locale_code))
    for name, value in changes.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def profile_translation(source, parent, title: str, terms: dict, **kwargs) -> Page:
    """An English profile that is the translation of ``source`` (same translation_key)."""
    page = factories.profile(parent, title, slug=source.slug, **kwargs)
    Page.objects.filter(pk=page.pk).update(translation_key=source.translation_key)
    page.refresh_from_db()
    return page


def body(news_page: Page, picture) -> list:
    return [
        (
            "section",
            {
                "kind": "about",
                "heading": "Over Alassane",
                "text": f'<p>Zie <a linktype="page" id="{news_page.pk}">het nieuws</a>.</p>',
            },
        ),
        (
            "section",
            {
                "kind": "threats",
                "heading": "Bedreigingen",
                "text": "<p>Onder druk.</p>",
            },
        ),
        ("quote", {"quote": "We gaan door.", "attribution": "Alassane"}),
        (
            "image",
            {"image": picture, "alt_text": "Een vergadering", "caption": "Bamako"},
        ),
        ("embed", EmbedValue("https://www.youtube.com/watch?v=abc123")),
    ]


def build_world() -> World:
    home = factories.site_with_home()
    index = factories.index_page(home)
    en_home = translated_page(home, title="Home EN")
    en_index = translated_page(index, title="Defenders EN")

    nl = {
        "lhbti": factories.theme("LHBTI", "lhbti", sort_order=1),
        "pers": factories.theme("Persvrijheid", "persvrijheid", sort_order=2),
        "milieu": factories.theme("Milieu", "milieu", sort_order=3),
        "mali": factories.country("Mali", "ML", "mali"),
        "nederland": factories.country("Nederland", "NL", "nederland"),
    }
    nl["den-haag"] = factories.city("Den Haag", nl["nederland"], "den-haag")
    nl["utrecht"] = factories.city("Utrecht", nl["nederland"], "utrecht")
    en = {
        "lhbti": translate_term(nl["lhbti"], "LGBTI", "lgbti"),
        "pers": translate_term(nl["pers"], "Press freedom", "press-freedom"),
        "milieu": translate_term(nl["milieu"], "Environment", "environment"),
        "mali": translate_term(nl["mali"], "Mali", "mali"),
        "nederland": translate_term(nl["nederland"], "The Netherlands", "netherlands"),
    }
    en["den-haag"] = translate_term(nl["den-haag"], "The Hague", "the-hague")
    en["utrecht"] = translate_term(nl["utrecht"], "Utrecht", "utrecht")

    news = factories.news(home, "Alassane spreekt in Den Haag")
    news_en = translated_page(news, title="Alassane speaks in The Hague")
    draft_news = factories.news(home, "Concept " + SECRET, live=False)
    private_news = factories.news(home, "Privé " + SECRET)
    PageViewRestriction.objects.create(page=private_news, restriction_type="login")

    picture = factories.image("vergadering", size=(120, 80))
    alassane = factories.profile(
        index,
        "Alassane",
        slug="alassane",
        country=nl["mali"],
        city=nl["den-haag"],
        themes=[nl["lhbti"], nl["pers"]],
        year=2024,
        introduction="Alassane verdedigt de rechten van LHBTI-personen in Mali.",
        portrait=factories.image("alassane"),
        body=body(news, picture),
        related_news=[news, draft_news, private_news],
    )
    alassane.portrait_alt_text = "Alassane bij een bijeenkomst"
    alassane.save_revision().publish()
    alassane_en = profile_translation(
        alassane,
        en_index,
        "Alassane",
        en,
        country=en["mali"],
        city=en["den-haag"],
        themes=[en["lhbti"], en["pers"]],
        year=2024,
        introduction="Alassane defends the rights of LGBTI people in Mali.",
        portrait=alassane.portrait,
        body=body(news, picture),
        related_news=[news],
    )
    maria = factories.profile(
        index,
        "Maria",
        slug="maria",
        country=nl["nederland"],
        city=nl["utrecht"],
        themes=[nl["milieu"]],
        year=2023,
        introduction="Maria beschermt het regenwoud.",
    )
    maria_en = profile_translation(
        maria,
        en_index,
        "Maria",
        en,
        country=en["nederland"],
        city=en["utrecht"],
        themes=[en["milieu"]],
        year=2023,
        introduction="Maria protects the rainforest.",
    )

    # What no API may show. Each uses the theme "pers" and country Mali, so a
    # leak also shows in filters and term counts.
    hidden_terms = {
        "country": nl["mali"],
        "city": nl["utrecht"],
        "themes": [nl["pers"]],
    }
    hidden = {
        "draft": factories.profile(
            index, "Draft " + SECRET, live=False, **hidden_terms
        ),
    }
    changed = factories.profile(
        index, "Gepubliceerd", slug="gepubliceerd", year=2022, **hidden_terms
    )
    changed.title = "Unpublished " + SECRET
    changed.introduction = "Unpublished " + SECRET
    changed.save_revision()
    hidden["unpublished_changes"] = changed
    for kind in ("login", "password", "groups"):
        page = factories.profile(index, f"{kind} {SECRET}", **hidden_terms)
        restriction = PageViewRestriction.objects.create(
            page=page,
            restriction_type=kind,
            password="letmein" if kind == "password" else "",
        )
        if kind == "groups":
            restriction.groups.set([Group.objects.get_or_create(name="Editors")[0]])
        hidden[kind] = page
    kept_out = factories.profile(index, "Kept out " + SECRET, **hidden_terms)
    kept_out.hide_from_api = True
    kept_out.save_revision().publish()
    hidden["hide_from_api"] = kept_out
    private_index = factories.index_page(home, "Private defenders", "private-defenders")
    PageViewRestriction.objects.create(page=private_index, restriction_type="login")
    hidden["below_restricted"] = factories.profile(
        private_index, "Child " + SECRET, **hidden_terms
    )

    other_home = HomePage(
        title="Other home", slug="other-home", locale=factories.locale("nl")
    )
    Page.get_first_root_node().add_child(instance=other_home)
    other_site = Site.objects.create(
        hostname="other.example", port=80, root_page=other_home
    )
    other_index = factories.index_page(other_home, "Other defenders", "other-defenders")
    other_profile = factories.profile(
        other_index, "Other site person", slug="other-person", **hidden_terms
    )

    return World(
        home=home,
        index=index,
        en_home=en_home,
        en_index=en_index,
        nl=nl,
        en=en,
        alassane=alassane,
        alassane_en=alassane_en,
        maria=maria,
        maria_en=maria_en,
        news=news,
        news_en=news_en,
        hidden=hidden,
        other_site_profile=other_profile,
        other_site=other_site,
    )


def hidden_ids(world: World) -> set[int]:
    """The pages no API may list (the one with unpublished changes is listed, live)."""
    return {
        page.pk for name, page in world.hidden.items() if name != "unpublished_changes"
    }
