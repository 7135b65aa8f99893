"""An editor translates a profile in wagtail-localize's translation editor (issue 13).

The English version of a theme was written outside wagtail-localize (by hand, as
imports and older sites make them). The editor submits a Dutch profile that uses
it for translation, types the English introduction in the translation editor and
publishes: the theme keeps its English name and slug, and the new English
profile was a draft until that Publish (issue 12, item 9).
"""

from __future__ import annotations

import json
import sqlite3

import pytest

pytestmark = pytest.mark.browser

SETUP = """
import json
from wagtail.models import Locale
from wagtail_defenders.models import (
    City, Country, DefenderIndexPage, DefenderPage, DefenderPageTheme, Theme,
)
nl = Locale.objects.get(language_code="nl")
en = Locale.objects.get(language_code="en")
theme = Theme.objects.create(
    locale=nl, name="Vrijheid van vergadering", slug="vrijheid-van-vergadering"
)
english = theme.copy_for_translation(en)
english.name, english.slug = "Freedom of assembly", "freedom-of-assembly"
english.save()
page = DefenderPage(
    title="Nadia",
    slug="nadia",
    introduction="Nadia organiseert vreedzame betogingen.",
    country=Country.objects.get(locale=nl, code="ML"),
    city=City.objects.get(locale=nl, slug="utrecht"),
    year=2025,
)
page.defender_themes = [DefenderPageTheme(theme=theme)]
DefenderIndexPage.objects.get(locale=nl).add_child(instance=page)
page.save_revision().publish()
print("RESULT" + json.dumps({"page": page.pk, "theme": english.pk}))
"""


@pytest.fixture(scope="module")
def translation_site(prepared_site, tmp_path_factory):
    site = prepared_site.copy(tmp_path_factory.mktemp("translation-site"))
    output = site.manage("shell", "-c", SETUP)
    site.ids = json.loads(output.split("RESULT", 1)[1])
    site.start()
    yield site
    site.stop()


def english_profile(site) -> tuple | None:
    with sqlite3.connect(site.database) as connection:
        return connection.execute(
            "SELECT p.live, d.introduction FROM wagtailcore_page p "
            "JOIN wagtail_defenders_defenderpage d ON d.page_ptr_id = p.id "
            "JOIN wagtailcore_locale l ON p.locale_id = l.id "
            "WHERE p.slug = 'nadia' AND l.language_code = 'en'"
        ).fetchone()


def theme(site, pk: int) -> tuple:
    with sqlite3.connect(site.database) as connection:
        return connection.execute(
            "SELECT name, slug FROM wagtail_defenders_theme WHERE id = ?", (pk,)
        ).fetchone()


def test_translate_in_the_editor_keeps_the_english_theme(
    translation_site, page, screenshot
):
    site = translation_site
    page.goto(site.base_url + "/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "shelter-city-demo")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")

    # Translate this page → English → Submit.
    page.goto(site.base_url + f"/admin/localize/submit/page/{site.ids['page']}/")
    page.get_by_label("English").check()
    page.locator("form [type=submit]").last.click()
    page.wait_for_url("**/admin/pages/*/edit/")
    assert english_profile(site)[0] == 0, "the new translation is a draft"
    assert theme(site, site.ids["theme"]) == (
        "Freedom of assembly",
        "freedom-of-assembly",
    )

    # Type the introduction's translation, save it, publish.
    segment = page.locator("li.incomplete").filter(
        has_text="Nadia organiseert vreedzame betogingen."
    )
    segment.locator("button").first.click()
    segment.locator("textarea").fill("Nadia organises peaceful demonstrations.")
    segment.get_by_role("button", name="Opslaan").click()
    page.locator("li.complete").filter(
        has_text="Nadia organises peaceful demonstrations."
    ).wait_for()
    screenshot(page, "translation-editor-nadia-en")
    page.get_by_role("button", name="Publiceer in").first.click()
    page.wait_for_load_state("networkidle")

    assert english_profile(site) == (1, "Nadia organises peaceful demonstrations.")
    assert theme(site, site.ids["theme"]) == (
        "Freedom of assembly",
        "freedom-of-assembly",
    )
    page.goto(site.base_url + "/en/defenders/nadia/")
    assert page.locator("h1").inner_text() == "Nadia"
    assert "Freedom of assembly" in page.locator("main").inner_text()
    assert "Vrijheid van vergadering" not in page.locator("main").inner_text()
