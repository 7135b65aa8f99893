"""A visitor filters the defenders, reads Alassane's profile and switches language."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser


def card_names(page) -> set[str]:
    return set(page.locator(".defender-card__name").all_inner_texts())


def facets(page) -> dict[str, str]:
    header = page.locator(".defender-profile__header")
    terms = header.locator(".defender-facets dt").all_inner_texts()
    values = header.locator(".defender-facets dd").all_inner_texts()
    return {
        term.strip().lower(): value.strip()
        for term, value in zip(terms, values, strict=True)
    }


def test_home_and_index_on_desktop_and_phone(
    example_site, page, screenshot, demo_content
):
    page.goto(example_site.base_url + "/")
    assert page.locator("main h1").inner_text() == "Shelter City"
    screenshot(page, "home-desktop")
    page.set_viewport_size(PHONE)
    screenshot(page, "home-phone")

    page.get_by_role("navigation", name=re.compile("menu", re.I)).get_by_role(
        "link", name="Mensenrechtenverdedigers"
    ).click()
    assert card_names(page) == {
        profile.name for profile in demo_content.PROFILES.values()
    }
    # Nothing overflows sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "index-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "index-desktop")


def test_filter_open_profile_and_switch_to_english(
    example_site, page, screenshot, demo_content
):
    alassane = demo_content.PROFILES["alassane"]
    lgbti = demo_content.THEMES["lgbti"]
    news = demo_content.NEWS

    page.goto(example_site.base_url + "/verdedigers/")
    filters = page.get_by_role("search", name=re.compile("."))
    # Each option is labelled with how many profiles it gives ("LHBTI (4)").
    filters.get_by_label(re.compile(rf"{re.escape(lgbti.name.nl)} \(\d+\)")).check()
    filters.locator("select[name=country]").select_option(value="mali")
    filters.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"theme=lhbti.*country=mali"))
    # The filters script leaves the empty fields out of the address.
    assert page.url.split("?", 1)[1] == "theme=lhbti&country=mali"

    expected = demo_content.profiles_matching({"lgbti"}, "ML")
    assert expected == {"Alassane"}
    assert card_names(page) == expected
    # The filter really narrows: each filter alone matches more profiles.
    assert len(demo_content.profiles_matching({"lgbti"})) > 1
    assert len(demo_content.profiles_matching(country_code="ML")) > 1
    screenshot(page, "index-filtered-lhbti-mali")

    page.get_by_role("link", name="Alassane", exact=True).click()
    page.wait_for_url(re.compile(r"/verdedigers/alassane/$"))
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").inner_text() == "Alassane"
    assert set(facets(page).values()) == {"Den Haag", "LHBTI", "Mali"}
    sections = page.locator(".defender-section")
    assert sections.count() == 3
    assert [sections.nth(i).get_attribute("data-section-kind") for i in range(3)] == [
        "about",
        "situation",
        "threats",
    ]
    assert page.locator(".defender-section__heading").all_inner_texts() == [
        "Over Alassane",
        "Mensenrechtenschendingen in Mali",
        "Bedreigingen",
    ]
    related = page.locator(".defender-related-news li a").all_inner_texts()
    assert related == [news[key].title.nl for key in alassane.related_news]
    assert page.locator(".defender-profile__portrait img").get_attribute("alt")
    screenshot(page, "profile-alassane-nl")

    page.get_by_role("navigation", name="Taal").get_by_role(
        "link", name="English"
    ).click()
    page.wait_for_url(re.compile(r"/en/defenders/alassane/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Alassane"
    assert set(facets(page).values()) == {"The Hague", "LGBTI", "Mali"}
    assert page.locator(".defender-section__heading").all_inner_texts() == [
        "About Alassane",
        "Human rights violations in Mali",
        "Threats and harassment",
    ]
    related = page.locator(".defender-related-news li a").all_inner_texts()
    assert related == [news[key].title.en for key in alassane.related_news]
    screenshot(page, "profile-alassane-en")
    page.set_viewport_size(PHONE)
    screenshot(page, "profile-alassane-en-phone")

    # And back: the switcher leads to the same profile in Dutch.
    page.get_by_role("navigation", name="Language").get_by_role(
        "link", name="Nederlands"
    ).click()
    page.wait_for_url(re.compile(r"/verdedigers/alassane/$"))


def test_profile_facets_and_news_lead_to_each_other(example_site, page, demo_content):
    """A profile's country links to the index filtered by it; its related news
    pages list the defender and link back."""
    alassane = demo_content.PROFILES["alassane"]
    first_news = demo_content.NEWS[alassane.related_news[0]]
    page.goto(example_site.base_url + "/verdedigers/alassane/")
    page.locator(".defender-facets dd a", has_text="Mali").click()
    page.wait_for_url(re.compile(r"/verdedigers/\?country=mali$"))
    assert card_names(page) == demo_content.profiles_matching(country_code="ML")

    page.goto(example_site.base_url + "/verdedigers/alassane/")
    page.locator(".defender-related-news li a", has_text=first_news.title.nl).click()
    defenders = page.locator(".news-article__defenders li a")
    assert "Alassane" in defenders.all_inner_texts()
    defenders.filter(has_text="Alassane").click()
    page.wait_for_url(re.compile(r"/verdedigers/alassane/$"))
    page.locator(".defender-profile__back a").click()
    page.wait_for_url(re.compile(r"/verdedigers/$"))


def test_language_switcher_keeps_the_filters(example_site, page, demo_content):
    """The English link of a filtered Dutch index keeps the filters, in English slugs."""
    lgbti = demo_content.THEMES["lgbti"]
    page.goto(example_site.base_url + "/verdedigers/?theme=lhbti&country=ML")
    page.get_by_role("navigation", name="Taal").get_by_role(
        "link", name="English"
    ).click()
    page.wait_for_url(re.compile(r"/en/defenders/\?"))
    assert page.url.split("?", 1)[1] == f"theme={lgbti.slug.en}&country=ml"
    assert card_names(page) == demo_content.profiles_matching({"lgbti"}, "ML")
