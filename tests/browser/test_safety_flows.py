"""The safety actions from the admin, as an editor uses them: making a portrait
faceless (draw a region, preview, apply), withdrawing consent for the story (the
profile is taken down) and erasing a profile.

They run on a copy of the example site of their own: each one changes or deletes a
demo profile that the other browser tests read.
"""

from __future__ import annotations

import datetime
import re
import sqlite3
import urllib.error
import urllib.request

import pytest

from tests.browser.conftest import running_copy
from tests.browser.test_editor import ADMIN_PASSWORD, ADMIN_USERNAME, open_tab_with

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def safety_site(prepared_site, tmp_path_factory):
    site = running_copy(prepared_site, tmp_path_factory.mktemp("safety-site"))
    yield site
    site.stop()


def query(site, sql: str, *parameters):
    with sqlite3.connect(site.database) as connection:
        return connection.execute(sql, parameters).fetchall()


def dutch_profile(site, slug: str) -> tuple[int, int | None]:
    """The id and portrait id of the Dutch profile with ``slug``."""
    ((page_id, portrait_id),) = query(
        site,
        "SELECT p.id, d.portrait_id FROM wagtailcore_page p "
        "JOIN wagtailcore_locale l ON p.locale_id = l.id "
        "JOIN wagtail_defenders_defenderpage d ON d.page_ptr_id = p.id "
        "WHERE l.language_code = 'nl' AND p.slug = ?",
        slug,
    )
    return page_id, portrait_id


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:  # noqa: S310 - loopback only
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def log_in(page, base: str) -> None:
    page.goto(base + "/admin/login/")
    page.fill("#id_username", ADMIN_USERNAME)
    page.fill("#id_password", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def publish(page) -> None:
    # Wagtail 8 saves drafts as the editor types: publish after the last one.
    if page.locator("#page-edit-form[data-controller~='w-autosave']").count():
        page.wait_for_selector(
            "#page-edit-form[data-w-unsaved-has-edits-value='false']"
        )
    page.locator("footer .w-dropdown__toggle").click()
    with page.expect_navigation():
        page.locator("button[name=action-publish]").click()


def test_an_editor_makes_a_portrait_faceless(safety_site, page, screenshot):
    base = safety_site.base_url
    profile_id, original_id = dutch_profile(safety_site, "leyla")
    assert original_id is not None
    log_in(page, base)

    # From the profile's editor: the link under Safety → Portrait.
    page.goto(f"{base}/admin/pages/{profile_id}/edit/")
    link = page.locator(f"a[href*='/admin/defenders/faceless/{original_id}/']").first
    open_tab_with(page, "#id_withhold_portrait")
    link.click()
    page.wait_for_url(re.compile(rf"/admin/defenders/faceless/{original_id}/"))

    picture = page.locator("[data-faceless-picture]")
    picture.wait_for()
    page.wait_for_function(
        "document.querySelector('[data-faceless-picture]').naturalWidth > 0"
    )
    # The demo's portraits are abstract shapes: the editor draws the region.
    proposed = page.locator(".faceless__region").count()
    box = picture.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.2)
    page.mouse.down()
    page.mouse.move(
        box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5, steps=5
    )
    page.mouse.move(
        box["x"] + box["width"] * 0.7, box["y"] + box["height"] * 0.65, steps=5
    )
    page.mouse.up()
    assert page.locator(".faceless__region").count() == proposed + 1
    assert page.locator("[data-faceless-list] li").count() == proposed + 1

    page.click("[data-faceless-preview-button]")
    preview = page.locator("[data-faceless-preview]")
    preview.wait_for(state="visible")
    page.wait_for_function(
        "document.querySelector('[data-faceless-preview]').naturalWidth > 0"
    )
    assert page.locator("[data-faceless-errors]").is_hidden()
    # Recommended, and ticked for the editor.
    assert page.locator("#id_delete_original").is_checked()
    screenshot(page, "admin-faceless-preview")

    with page.expect_navigation():
        page.click("[data-faceless-apply]")
    assert re.search(rf"/admin/pages/{profile_id}/edit/$", page.url)
    assert page.locator(".messages .success").count() >= 1

    _, new_portrait = dutch_profile(safety_site, "leyla")
    assert new_portrait not in (None, original_id)
    assert (
        query(
            safety_site, "SELECT id FROM wagtailimages_image WHERE id = ?", original_id
        )
        == []
    )
    (translations,) = query(
        safety_site,
        "SELECT COUNT(*) FROM wagtail_defenders_defenderpage d "
        "JOIN wagtailcore_page p ON d.page_ptr_id = p.id "
        "WHERE p.translation_key = (SELECT translation_key FROM wagtailcore_page WHERE id = ?) "
        "AND d.portrait_id != ?",
        profile_id,
        new_portrait,
    )
    assert translations == (0,), "every translation shows the faceless portrait"
    page.goto(base + "/verdedigers/leyla/")
    assert page.locator("img").count() >= 1
    screenshot(page, "profile-leyla-faceless")


def test_withdrawing_consent_for_the_story_takes_the_profile_down(safety_site, page):
    base = safety_site.base_url
    profile_id, _ = dutch_profile(safety_site, "carlos")
    assert status_of(base + "/verdedigers/carlos/") == 200
    log_in(page, base)
    page.goto(f"{base}/admin/pages/{profile_id}/edit/")
    open_tab_with(page, "#id_naming")
    forms = page.locator(
        "[id^='inline_child_consent_records-']:not([id*='__prefix__'])"
    )
    before = forms.count()
    page.click("#id_consent_records-ADD")
    prefix = f"id_consent_records-{before}"
    page.locator(f"#{prefix}-use").select_option("story")
    page.fill(f"#{prefix}-withdrawn_on", datetime.date.today().isoformat())
    page.keyboard.press("Escape")  # close the date picker
    publish(page)
    errors = [
        t.strip() for t in page.locator(".error-message").all_inner_texts() if t.strip()
    ]
    assert not errors, errors
    assert query(
        safety_site,
        "SELECT COUNT(*) FROM wagtailcore_page WHERE translation_key = "
        "(SELECT translation_key FROM wagtailcore_page WHERE id = ?) AND live",
        profile_id,
    ) == [(0,)], "the profile and every translation are down"
    assert status_of(base + "/verdedigers/carlos/") == 404


def test_an_administrator_erases_a_profile(safety_site, page, screenshot):
    base = safety_site.base_url
    profile_id, _ = dutch_profile(safety_site, "esther")
    log_in(page, base)
    page.goto(f"{base}/admin/defenders/{profile_id}/erase/")
    assert page.locator("form button.serious").count() == 1
    screenshot(page, "admin-erase-confirm")
    with page.expect_navigation():
        page.click("form button.serious")
    assert page.locator(".messages .success").count() == 1, (
        page.locator("#summary").inner_text()[:1500]
        if page.locator("#summary").count()
        else ""
    )
    assert (
        query(safety_site, "SELECT id FROM wagtailcore_page WHERE slug = 'esther'")
        == []
    )
    assert status_of(base + "/verdedigers/esther/") == 404
    assert status_of(base + "/en/defenders/esther/") == 404
