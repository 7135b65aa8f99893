"""In Arabic the layout mirrors itself: the browser measures where things are.

The example site's Arabic profile and index (``/ar/``, a content language of the
example site) next to the same pages in Dutch: the portrait and the text swap sides, the header's logo moves to the
right, the filter form starts at the right, and on a phone a card's portrait sits
at its right. Screenshots go to ``test-artifacts/screenshots/``.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

# The demo's Dutch pages, and the same pages in Arabic, a content language of the
# example site with its own index slug.
INDEX = {"nl": "/verdedigers/", "ar": "/ar/almudafieun/"}
PROFILE = {"nl": "/verdedigers/alassane/", "ar": "/ar/almudafieun/alassane/"}


def box(page, selector: str) -> dict[str, float]:
    """The first match's box, with its ``right`` edge added."""
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not shown"
    return {**found, "right": found["x"] + found["width"]}


def text_box(page, selector: str) -> dict[str, float]:
    """Where the text of the first match is drawn (not its block's full width)."""
    return page.locator(selector).first.evaluate(
        """element => {
            const range = document.createRange();
            range.selectNodeContents(element);
            const rect = range.getBoundingClientRect();
            return {x: rect.left, right: rect.right, width: rect.width};
        }"""
    )


def nearer_the_right(inner: dict, outer: dict) -> bool:
    """Whether ``inner`` sits against ``outer``'s right edge rather than its left."""
    return outer["right"] - inner["right"] < inner["x"] - outer["x"]


def open_in(page, base_url: str, language: str, paths: dict[str, str]) -> None:
    page.goto(base_url + paths[language])
    assert page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_the_profile_mirrors_in_arabic(example_site, page, screenshot, language):
    rtl = language == "ar"
    open_in(page, example_site.base_url, language, PROFILE)
    assert page.locator("html").get_attribute("dir") == ("rtl" if rtl else "ltr")
    assert page.locator(".defender-profile").get_attribute("dir") == (
        "rtl" if rtl else "ltr"
    )
    if rtl:
        kicker = page.locator(".defender-profile__kicker").inner_text()
        assert "حقوق الإنسان" in kicker

    portrait = box(page, ".defender-profile__portrait img")
    introduction = box(page, ".defender-profile__introduction")
    main = box(page, ".site-main")
    if rtl:  # the portrait left of the text
        assert portrait["right"] <= introduction["x"]
    else:  # the portrait right of the text
        assert introduction["right"] <= portrait["x"]
    assert nearer_the_right(text_box(page, "h1"), main) == rtl
    assert nearer_the_right(text_box(page, ".defender-facets dt"), main) == rtl

    logo = box(page, ".site-logo")
    menu = box(page, ".site-nav")
    assert (logo["x"] > menu["x"]) == rtl
    screenshot(page, f"profile-alassane-{language}-direction")

    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, f"profile-alassane-{language}-direction-phone")


@pytest.mark.parametrize("language", ["nl", "ar"])
def test_the_index_mirrors_in_arabic(example_site, page, screenshot, language):
    rtl = language == "ar"
    open_in(page, example_site.base_url, language, INDEX)
    assert page.locator(".defenders-index").get_attribute("dir") == (
        "rtl" if rtl else "ltr"
    )

    form = box(page, ".defenders-filters")
    search = box(page, ".defenders-filters__field")  # the first field
    assert nearer_the_right(search, form) == rtl
    label = text_box(page, ".defenders-filters__field label")
    assert nearer_the_right(label, search) == rtl
    heading = text_box(page, ".defenders-results__heading")
    assert nearer_the_right(heading, box(page, ".defenders-results")) == rtl
    cards = page.locator(".defenders-cards__item")
    first, second = cards.nth(0).bounding_box(), cards.nth(1).bounding_box()
    assert first["y"] == second["y"]  # side by side on a desktop
    assert (second["x"] < first["x"]) == rtl  # the first card at the start
    screenshot(page, f"index-{language}-direction")

    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    card = ".defenders-cards__item:has(.defender-card__portrait) "
    portrait = box(page, card + ".defender-card__portrait")
    name = box(page, card + ".defender-card__name")
    assert (portrait["x"] > name["x"]) == rtl  # the portrait at the card's start
    screenshot(page, f"index-{language}-direction-phone")
    page.set_viewport_size(DESKTOP)
