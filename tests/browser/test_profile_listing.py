"""An editor sorts and filters the profiles of the Dutch index page in the admin
(wagtail_defenders.profile_admin): in the page explorer on Wagtail 8, in the
Defender profiles listing on Wagtail 7."""

from __future__ import annotations

import re
import sqlite3

import pytest

from tests.browser.test_editor import ADMIN_PASSWORD, ADMIN_USERNAME, dutch_index_id
from wagtail_defenders.profile_admin import explorer_has_profile_columns

pytestmark = pytest.mark.browser


def column_texts(page, sort_key: str) -> list[str]:
    """The cells of the column that sorts by ``sort_key``, top to bottom."""
    headers = page.locator("#listing-results table thead th")
    link = f"a[href*='ordering={sort_key}'], a[href*='ordering=-{sort_key}']"
    found = [
        headers.nth(number).locator(link).count() > 0
        for number in range(headers.count())
    ]
    position = found.index(True) + 1
    cells = page.locator(f"#listing-results table tbody tr td:nth-child({position})")
    return [text.strip() for text in cells.all_inner_texts()]


def test_editor_sorts_and_filters_the_profiles_of_an_index(
    editor_site, page, screenshot
):
    base = editor_site.base_url
    index_id = dutch_index_id(editor_site)
    with sqlite3.connect(editor_site.database) as connection:
        mali_profiles = connection.execute(
            "SELECT COUNT(*) FROM wagtail_defenders_defenderpage d "
            "JOIN wagtailcore_page p ON p.id = d.page_ptr_id "
            "JOIN wagtail_defenders_country c ON c.id = d.country_id "
            "WHERE p.path LIKE (SELECT path FROM wagtailcore_page WHERE id = ?) || '%' "
            "AND c.code = 'ML'",
            [index_id],
        ).fetchone()[0]
    assert mali_profiles

    page.goto(base + "/admin/login/")
    page.fill("#id_username", ADMIN_USERNAME)
    page.fill("#id_password", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))

    if explorer_has_profile_columns():
        page.goto(f"{base}/admin/pages/{index_id}/")
    else:
        # Wagtail 7: the index page's header leads to the listing of its profiles.
        page.goto(f"{base}/admin/pages/{index_id}/")
        page.locator(f"a[href$='/admin/defender_profiles/?index={index_id}']").click()
        page.wait_for_url(re.compile(r"/admin/defender_profiles/"))

    # Unfiltered at 1280 pixels the title keeps room for a name too (Wagtail
    # lets the column shrink to a few letters a line beside the profile columns).
    page.set_viewport_size({"width": 1280, "height": 900})
    assert title_width(page) >= 180

    # Sorted by the year of the stay, by clicking the column's heading.
    page.locator("#listing-results th a[href*='ordering=year']").first.click()
    page.wait_for_url(re.compile(r"ordering=year"))
    years = [int(year) for year in column_texts(page, "year") if year]
    assert len(years) >= 2
    assert years == sorted(years)

    # Filtered by country: the filters drop-down, Country, Mali.
    page.locator("#filters-drilldown .w-dropdown__toggle").click()
    page.locator("button[aria-controls='drilldown-id_country']").click()
    page.locator("#drilldown-id_country").get_by_label("Mali", exact=True).check()
    page.wait_for_url(re.compile(r"country=\d+"))
    page.wait_for_function(
        "n => document.querySelectorAll('#listing-results tbody tr').length === n",
        arg=mali_profiles,
    )
    assert set(column_texts(page, "country__name")) == {"Mali"}
    # The next consent review column is there, and sortable.
    assert page.locator("th a[href*='ordering=next_consent_review']").count() == 1
    # At 1280 pixels the table fits its page (the long Dutch "next consent
    # review" heading, which Wagtail keeps on one line, pushed the live status
    # column off the right edge) and the title keeps room for a name.
    page.keyboard.press("Escape")
    page.set_viewport_size({"width": 1280, "height": 900})
    widths = page.evaluate(
        """() => {
            const table = document.querySelector('#listing-results table');
            const title = table.querySelector('thead th.title');
            return {
                title: title.getBoundingClientRect().width,
                table: table.getBoundingClientRect().width,
                overflow: table.parentElement.scrollWidth - table.parentElement.clientWidth,
            };
        }"""
    )
    assert widths["title"] >= 180, widths
    assert widths["overflow"] <= 1, widths
    screenshot(page, "admin-profile-listing")


def title_width(page) -> float:
    return page.evaluate(
        "() => document.querySelector('#listing-results thead th.title')"
        ".getBoundingClientRect().width"
    )
