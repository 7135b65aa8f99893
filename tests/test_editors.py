"""Daily work in the admin (issue 19, "Editors"): the sections a new profile
starts with, what the editor sees in the profile's Safety tab, the taxonomy forms
and the sidebar, driven through the admin views with the test client."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import (
    rich_text,
    streamfield,
)

from tests import factories
from tests.profile_forms import add_profile_url, profile_form_data
from wagtail_defenders.models import City, Country, DefenderPage, Theme
from wagtail_defenders.wagtail_hooks import DefenderTaxonomyGroup

pytestmark = pytest.mark.django_db


def section_heading(html: str, field: str) -> str:
    """The heading of the editor section whose content holds ``field``'s input."""
    position = html.index(f'name="{field}"')
    start = html.rindex('<section class="w-panel', 0, position)
    return html[start : html.index("</h2>", start)]


def test_withhold_portrait_heading_has_no_ticked_icon(editor, client, index, terms):
    profile = factories.profile(
        index,
        "Alassane",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
    )
    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[profile.pk])
    ).content.decode()
    heading = section_heading(html, "withhold_portrait")
    assert "Portrait" in heading
    assert "icon-tick" not in heading
    # The box itself is unticked for a profile whose portrait is shown.
    box = re.search(r'<input[^>]*name="withhold_portrait"[^>]*>', html).group(0)
    assert "checked" not in box


@pytest.mark.parametrize(
    ("model", "parameter"),
    [(Theme, "?theme="), (Country, "?country="), (City, "?city=")],
)
def test_slug_help_names_the_taxonomy_own_parameter(editor, client, model, parameter):
    factories.locale("nl")
    html = client.get(
        reverse(model.snippet_viewset.get_url_name("add")) + "?locale=nl"
    ).content.decode()
    with translation.override("en"):  # the editor's admin language
        help_text = str(model._meta.get_field("slug").help_text)
    assert help_text in html
    assert parameter in help_text
    others = {"?theme=", "?country=", "?city="} - {parameter}
    assert not any(other in help_text for other in others)


# The sidebar showed "Indeling verde…" of the Dutch label: a label has room for
# about this many characters beside the menu's icon and submenu arrow.
SIDEBAR_LABEL_ROOM = len("Indeling verde")


@pytest.mark.parametrize("language", ["nl", "fr", "es", "ar"])
def test_taxonomy_menu_label_fits_the_sidebar(editor, client, language):
    with translation.override(language):
        label = str(DefenderTaxonomyGroup.menu_label)
    assert label != "Defender taxonomies"  # translated
    assert len(label) <= SIDEBAR_LABEL_ROOM
    editor.wagtail_userprofile.preferred_language = language
    editor.wagtail_userprofile.save()
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    # The sidebar's menu is JSON in the page, non-ASCII letters escaped.
    assert json.dumps(label)[1:-1] in html


def test_a_new_profile_starts_with_the_three_usual_sections(editor, client, index):
    response = client.get(add_profile_url(index))
    assert response.status_code == 200
    body = response.context["form"]["body"].value()
    assert [(block.block_type, block.value["kind"]) for block in body] == [
        ("section", "about"),
        ("section", "situation"),
        ("section", "threats"),
    ]
    assert all(block.value["heading"] == "" for block in body)
    assert all(block.value["text"].source == "" for block in body)
    # What the editor's browser gets: the three sections, kinds chosen.
    html = response.content.decode()
    for kind in ("about", "situation", "threats"):
        assert f"&quot;kind&quot;: [&quot;{kind}&quot;]" in html


def test_the_three_sections_filled_in_publish(editor, client, index, terms):
    sections = [
        ("about", "Over Alassane", "<p>Alassane coördineert een organisatie.</p>"),
        ("situation", "Mensenrechten in Mali", "<p>De ruimte wordt kleiner.</p>"),
        ("threats", "Bedreigingen", "<p>Hij werkt onder grote druk.</p>"),
    ]
    data = profile_form_data(
        terms,
        body=streamfield(
            [
                ("section", {"kind": kind, "heading": heading, "text": rich_text(text)})
                for kind, heading, text in sections
            ]
        ),
        **{"action-publish": "publish"},
    )
    response = client.post(add_profile_url(index), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    profile = DefenderPage.objects.get(slug="alassane")
    assert profile.live
    assert [
        (block.value["kind"], block.value["heading"]) for block in profile.body
    ] == [(kind, heading) for kind, heading, _text in sections]
    page = client.get(profile.url).content.decode()
    assert "De ruimte wordt kleiner." in page


def test_sections_the_editor_removed_do_not_come_back(editor, client, index, terms):
    """A submitted form shown again (here: a missing title) keeps the editor's
    body, not the three sections of a new form."""
    data = profile_form_data(terms, title="", slug="", introduction="")
    response = client.post(add_profile_url(index), data)
    assert response.status_code == 200
    assert list(response.context["form"]["body"].value()) == []
