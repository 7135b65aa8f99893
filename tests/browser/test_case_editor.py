"""An editor records a defender's case in the admin (issue 16): a dated update that
sets the status, an editor's note, and a call to action; visitors see the status,
the timeline and the action, and never the note."""

from __future__ import annotations

import re
import sqlite3

import pytest

from tests.browser.test_editor import ADMIN_PASSWORD, ADMIN_USERNAME, open_tab_with

pytestmark = pytest.mark.browser

NOTE = "Alleen voor redacteuren: bron niet noemen"


def profile_id(site, slug: str) -> int:
    with sqlite3.connect(site.database) as connection:
        (page_id,) = connection.execute(
            "SELECT p.id FROM wagtailcore_page p "
            "JOIN wagtailcore_locale l ON p.locale_id = l.id "
            "WHERE p.slug = ? AND l.language_code = 'nl'",
            (slug,),
        ).fetchone()
    return page_id


def choose_status(page, opener: str, name: str) -> None:
    page.click(opener)
    modal = page.locator(".modal-dialog")
    modal.wait_for()
    modal.get_by_role("link", name=name, exact=True).click()
    modal.wait_for(state="hidden")


def type_rich_text(page, field: str, text: str) -> None:
    # Draftail renders its editor beside the hidden input that holds the text.
    page.locator(field).locator("xpath=..").locator("[contenteditable=true]").click()
    page.keyboard.type(text)


def add_update(page, number: int, *, date: str, heading: str, text: str) -> None:
    page.click("#id_updates-ADD")
    prefix = f"#id_updates-{number}"
    page.locator(f"{prefix}-heading").wait_for()
    page.fill(f"{prefix}-date", date)
    page.keyboard.press("Escape")  # the date picker
    page.fill(f"{prefix}-heading", heading)
    type_rich_text(page, f"{prefix}-text", text)


def publish(page) -> None:
    # Wagtail 8 saves drafts as the editor types; publish once the last draft
    # save is done, as a person would.
    if page.locator("#page-edit-form[data-controller~='w-autosave']").count():
        page.wait_for_selector(
            "#page-edit-form[data-w-unsaved-has-edits-value='false']"
        )
    page.locator("footer .w-dropdown__toggle").click()
    with page.expect_navigation():
        page.locator("button[name=action-publish]").click()
    errors = [
        text.strip()
        for text in page.locator(".error-message, .w-field__errors").all_inner_texts()
        if text.strip()
    ]
    assert page.locator(".messages .success").count() == 1, errors


def test_editor_records_a_case_and_visitors_see_the_public_part(
    editor_site, page, screenshot
):
    base = editor_site.base_url
    page.goto(base + "/admin/login/")
    page.fill("#id_username", ADMIN_USERNAME)
    page.fill("#id_password", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))

    aminata = profile_id(editor_site, "aminata")
    page.goto(f"{base}/admin/pages/{aminata}/edit/")

    # A call to action at the end of the body.
    page.locator(".c-sf-add-button").last.click()
    page.locator(
        ".w-combobox__option", has_text=re.compile("Oproep tot actie|Call to action")
    ).click()
    action = "#body-3-value"
    page.locator(f"{action}-heading").wait_for()
    page.fill(f"{action}-heading", "Schrijf de minister")
    page.fill(f"{action}-addressee", "De minister van Justitie")
    page.fill(f"{action}-deadline", "2099-12-31")
    page.keyboard.press("Escape")
    page.fill(f"{action}-link", "https://example.org/actie/aminata")

    # The Case tab: a public update that records a status, and an editor's note.
    open_tab_with(page, "#id_updates-ADD")
    add_update(
        page,
        0,
        date="2026-11-20",
        heading="Opgepakt bij een demonstratie",
        text="Aminata werd opgepakt en vastgehouden.",
    )
    choose_status(
        page, "#id_updates-0-status-chooser [data-chooser-action-choose]", "Gedetineerd"
    )
    page.check("#id_updates-0-is_public")
    add_update(page, 1, date="2026-11-22", heading=NOTE, text="Vertrouwelijk.")
    screenshot(page, "admin-case-tab")
    publish(page)

    page.goto(base + "/verdedigers/aminata/")
    html = page.content()
    assert NOTE not in html
    facets = page.locator(".defender-facets__item--status dd").all_inner_texts()
    assert facets == ["Gedetineerd"]
    timeline = page.locator(".defender-update__heading").all_inner_texts()
    assert timeline == ["Opgepakt bij een demonstratie"]
    link = page.locator(".defender-action__link")
    assert link.get_attribute("href") == "https://example.org/actie/aminata"
    screenshot(page, "profile-aminata-case-nl")

    page.goto(base + "/verdedigers/?status=gedetineerd&order=last_updated")
    assert page.locator(".defender-card__name").all_inner_texts()[0] == "Aminata"
    api = page.request.get(f"{base}/api/v2/defenders/{aminata}/").json()
    assert api["status"]["code"] == "detained"
    assert [update["heading"] for update in api["updates"]] == [
        "Opgepakt bij een demonstratie"
    ]
    assert NOTE not in str(api)
