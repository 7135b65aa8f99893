"""An editor logs into the admin, creates a profile and finds it on the index."""

from __future__ import annotations

import io
import re
import sqlite3

import pytest
from PIL import Image

pytestmark = pytest.mark.browser

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "shelter-city-demo"


NOOR_SECTIONS = [
    ("Over Noor", "Noor onderzoekt hoe journalisten worden bedreigd."),
    ("Persvrijheid in Oeganda", "Kritische media krijgen steeds vaker boetes."),
    ("Bedreigingen", "Noor wordt online bedreigd."),
]


def dutch_index_id(editor_site) -> int:
    with sqlite3.connect(editor_site.database) as connection:
        (page_id,) = connection.execute(
            "SELECT p.id FROM wagtailcore_page p "
            "JOIN wagtailcore_locale l ON p.locale_id = l.id "
            "JOIN wagtail_defenders_defenderindexpage i ON i.page_ptr_id = p.id "
            "WHERE l.language_code = 'nl'"
        ).fetchone()
    return page_id


def portrait_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 320), (40, 110, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def open_tab_with(page, field: str) -> None:
    """Open the editor tab that holds ``field`` (tab labels depend on the language)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    panel_id = page.locator("[role=tabpanel]", has=page.locator(field)).get_attribute(
        "id"
    )
    tab = f"[role=tab][aria-controls='{panel_id}']"
    page.click(tab)
    try:
        page.locator(f"#{panel_id}").wait_for(state="visible", timeout=5000)
    except PlaywrightTimeoutError:
        # A click that only closed an open pop-up (the date picker) did not
        # switch tabs: click again, as a person would.
        page.click(tab)
        page.locator(f"#{panel_id}").wait_for(state="visible")


def choose_in_modal(page, opener: str, name: str) -> None:
    """Open a chooser and pick the item called ``name`` from its modal."""
    page.click(opener)
    modal = page.locator(".modal-dialog")
    modal.wait_for()
    modal.get_by_role("link", name=name, exact=True).click()
    modal.wait_for(state="hidden")


def test_editor_creates_and_publishes_a_profile(editor_site, page, screenshot):
    base = editor_site.base_url
    page.goto(base + "/admin/login/")
    page.fill("#id_username", ADMIN_USERNAME)
    page.fill("#id_password", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))

    index_id = dutch_index_id(editor_site)
    page.goto(f"{base}/admin/pages/add/wagtail_defenders/defenderpage/{index_id}/")
    page.fill("#id_title", "Noor")
    page.fill(
        "#id_introduction", "Noor is een onderzoeker die opkomt voor persvrijheid."
    )

    # The portrait: uploaded from the image chooser's upload tab.
    page.click("#id_portrait-chooser [data-chooser-action-choose]")
    modal = page.locator(".modal-dialog")
    modal.wait_for()
    page.click("#tab-label-upload")
    upload = modal.locator("#tab-upload form")
    upload.locator("input[type=file]").set_input_files(
        {"name": "noor.png", "mimeType": "image/png", "buffer": portrait_png()}
    )
    upload.locator("input[name='image-chooser-upload-title']").fill("Portrait of Noor")
    upload.locator("button[type=submit]").click()
    modal.wait_for(state="hidden")
    assert page.locator("#id_portrait").input_value()
    page.fill("#id_portrait_alt_text", "Abstract blue square")
    # The body opens with the three usual sections, kinds set: fill them in.
    for number, (heading, text) in enumerate(NOOR_SECTIONS):
        assert (
            page.locator(f"#body-{number}-value-kind").input_value()
            == (["about", "situation", "threats"][number])
        )
        page.fill(f"#body-{number}-value-heading", heading)
        # Draftail renders its editor beside the hidden input that holds the text.
        text_field = page.locator(f"#body-{number}-value-text").locator("xpath=..")
        text_field.locator("[contenteditable=true]").click()
        page.keyboard.type(text)
    screenshot(page, "admin-new-profile-content")

    open_tab_with(page, "#id_country")
    choose_in_modal(page, "#id_country-chooser [data-chooser-action-choose]", "Oeganda")
    choose_in_modal(page, "#id_city-chooser [data-chooser-action-choose]", "Utrecht")
    # The first theme with the inline's own chooser, the second through the
    # "add themes" modal, which takes several at once.
    choose_in_modal(
        page,
        "#id_defender_themes-0-theme-chooser [data-chooser-action-choose]",
        "Persvrijheid",
    )
    page.click("#id_defender_themes-OPEN_MODAL")
    modal.wait_for()
    modal.locator("tr", has_text="Democratie en rechtsstaat").locator(
        "input[type=checkbox]"
    ).check()
    modal.locator("[data-multiple-choice-submit]").click()
    modal.wait_for(state="hidden")
    page.fill("#id_year", "2026")
    open_tab_with(page, "#id_slug")
    page.fill("#id_slug", "noor")
    screenshot(page, "admin-new-profile-taxonomy")

    # Wagtail 8 saves drafts as the editor types; publish once the last draft
    # save is done, as a person would, or the publish races the draft.
    if page.locator("#page-edit-form[data-controller~='w-autosave']").count():
        page.wait_for_selector(
            "#page-edit-form[data-w-unsaved-has-edits-value='false']"
        )
    page.locator("footer .w-dropdown__toggle").click()
    with page.expect_navigation():
        page.locator("button[name=action-publish]").click()
    screenshot(page, "admin-after-publish")
    errors = [
        text.strip()
        for text in page.locator(".error-message, .w-field__errors").all_inner_texts()
        if text.strip()
    ]
    assert re.search(rf"/admin/pages/{index_id}/$", page.url), errors
    assert page.locator(".messages .success").count() == 1

    page.goto(base + "/verdedigers/?theme=persvrijheid&country=oeganda")
    assert page.locator(".defender-card__name").all_inner_texts() == ["Noor"]
    card = page.locator(".defender-card", has_text="Noor")
    assert card.locator("img.defender-card__portrait").get_attribute("alt") == (
        "Abstract blue square"
    )
    facets = card.locator(".defender-facets dd").all_inner_texts()
    assert facets == ["Utrecht", "Persvrijheid, Democratie en rechtsstaat", "Oeganda"]
    screenshot(page, "index-with-new-profile")
    card.get_by_role("link", name="Noor").click()
    page.wait_for_url(re.compile(r"/verdedigers/noor/$"))
    for heading, text in NOOR_SECTIONS:
        assert page.get_by_role("heading", name=heading).count() == 1
        assert page.get_by_text(text).count() == 1
    screenshot(page, "profile-noor-nl")
