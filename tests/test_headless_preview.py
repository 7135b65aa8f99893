"""Headless preview (``WAGTAIL_DEFENDERS["HEADLESS_PREVIEW"]``, the
``headless-preview`` extra): the admin's preview sends the editor to the front
end with a token, and the front end fetches the draft from ``page_preview/``,
presented as the API presents a profile."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import checks
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from tests import factories
from tests.headless_preview_support import (
    FRONT_END,
    INDEX_TYPE,
    PROFILE_TYPE,
    SECRET_NOTE,
    SECRET_SCOPE,
    WRONG_TOKENS,
    alassane_with_portrait,
    draft_form,
    edit_preview,
    fetch,
    preview_url,
    switch_on,
    token_query,
)
from tests.profile_forms import profile_form_data

pytest.importorskip("wagtail_headless_preview")

from wagtail_headless_preview.models import PagePreview  # noqa: E402

from wagtail_defenders.models import DefenderPage  # noqa: E402

pytestmark = pytest.mark.django_db


@pytest.fixture
def headless(settings):
    return switch_on(settings)


@pytest.fixture
def alassane(index, terms):
    return alassane_with_portrait(index, terms)


# The admin's preview.


def test_off_the_preview_is_the_package_page_and_stores_nothing(
    client, editor, terms, alassane
):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[alassane.pk])
    assert client.post(url, draft_form(terms, alassane)).json()["is_valid"]
    response = client.get(url)
    assert response.status_code == 200
    assert "CONCEPT words." in response.content.decode()
    assert not PagePreview.objects.exists()
    with pytest.raises(NoReverseMatch):
        reverse("wagtailapi:page_preview:listing")


def test_on_the_edit_preview_sends_the_editor_to_the_front_end(
    headless, client, editor, terms, alassane
):
    query = edit_preview(client, terms, alassane)
    assert query["content_type"] == PROFILE_TYPE
    assert query["token"].startswith(f"id={alassane.pk}:")
    assert PagePreview.objects.filter(token=query["token"]).exists()
    # The live page is untouched.
    assert DefenderPage.objects.get(pk=alassane.pk).introduction == "Published words."


def test_without_redirect_the_library_frames_the_front_end(
    headless, client, editor, terms, alassane
):
    headless.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {"default": FRONT_END}}
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[alassane.pk])
    assert client.post(url, draft_form(terms, alassane)).json()["is_valid"]
    response = client.get(url)
    assert response.status_code == 200
    assert f'src="{FRONT_END}/?content_type={PROFILE_TYPE}' in response.content.decode()


# What the front end gets.


def test_the_front_end_gets_the_draft_under_the_safety_rules(
    headless, client, editor, terms, alassane
):
    query = edit_preview(client, terms, alassane)
    response = fetch(client, query)
    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == "private, no-store"
    profile = response.json()
    assert profile["id"] == alassane.pk
    assert profile["meta"]["type"] == "wagtail_defenders.DefenderPage"
    assert profile["meta"]["slug"] == "alassane"
    assert profile["introduction"] == "CONCEPT words."
    assert profile["portrait"] is None  # withheld in the draft
    assert [update["heading"] for update in profile["updates"]] == ["Released on bail"]
    assert profile["country"]["code"] == "ML"
    body = response.content.decode()
    for secret in (SECRET_NOTE, SECRET_SCOPE, "consent", "withhold", "hide_from"):
        assert secret not in body
    # The same keys as the profile's detail.
    detail = client.get(f"/api/v2/defenders/{alassane.pk}/").json()
    assert profile.keys() == detail.keys()
    assert profile["meta"].keys() <= detail["meta"].keys()


def test_images_are_served_as_renditions_only(
    headless, client, editor, terms, alassane
):
    photo = factories.image("street")
    body = streamfield(
        [("image", {"image": str(photo.pk), "alt_text": "A street", "caption": ""})]
    )
    query = edit_preview(client, terms, alassane, withhold_portrait="", body=body)
    profile = fetch(client, query).json()
    assert set(profile["portrait"]["renditions"]) == {"card", "profile"}
    [image] = profile["body"]
    assert set(image["value"]["renditions"]) == {"body"}
    served = json.dumps(profile)
    assert "original_images" not in served
    for original in (alassane.portrait, photo):
        assert original.file.url not in served


def test_the_consent_records_withhold_the_portrait_of_the_draft(
    headless, client, editor, terms, alassane
):
    """Consent for the story and the API, none for the portrait: the box is not
    ticked, and the preview withholds the portrait as publishing would."""
    records = inline_formset(
        [
            {"use": use, "language": "", "given_on": "2026-01-10"}
            for use in ("story", "api")
        ]
    )
    query = edit_preview(
        client, terms, alassane, withhold_portrait="", consent_records=records
    )
    profile = fetch(client, query).json()
    assert profile["portrait"] is None
    assert "2026-01-10" not in json.dumps(profile)


def test_the_detail_form_takes_only_the_previewed_page_id(
    headless, client, editor, terms, alassane
):
    query = edit_preview(client, terms, alassane)
    good = fetch(client, query, f"/api/v2/page_preview/{alassane.pk}/")
    assert good.status_code == 200
    other = fetch(client, query, f"/api/v2/page_preview/{alassane.pk + 1}/")
    assert other.status_code == 403
    assert other.json()["errors"].keys() == {"token"}


def test_a_new_profile_is_previewed_from_the_add_form(
    headless, client, editor, index, terms
):
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["wagtail_defenders", "defenderpage", index.pk],
    )
    data = profile_form_data(terms, introduction="A new profile, not saved.")
    query = token_query(preview_url(client, url, data))
    assert query["token"].startswith(
        f"parent_id={index.pk};page_type=wagtail_defenders.DefenderPage:"
    )
    profile = fetch(client, query).json()
    assert profile["id"] is None
    assert profile["introduction"] == "A new profile, not saved."
    assert fetch(client, query, "/api/v2/page_preview/0/").status_code == 200
    assert not DefenderPage.objects.filter(slug="alassane").exists()


def test_an_index_page_preview_gives_its_title_and_introduction(
    headless, client, editor, index
):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[index.pk])
    data = {
        "title": "Verdedigers (concept)",
        "slug": index.slug,
        "introduction": rich_text("<p>Nieuwe woorden.</p>"),
    }
    query = token_query(preview_url(client, url, data))
    assert query["content_type"] == INDEX_TYPE
    entry = fetch(client, query).json()
    assert entry["title"] == "Verdedigers (concept)"
    assert "Nieuwe woorden." in entry["introduction"]
    assert entry["meta"]["type"] == "wagtail_defenders.DefenderIndexPage"


def test_a_profile_kept_out_of_the_api_is_not_previewed_through_it(
    headless, client, editor, terms, alassane
):
    query = edit_preview(client, terms, alassane, hide_from_api="on")
    response = fetch(client, query)
    assert response.status_code == 403
    assert "kept out of the API" in response.json()["message"]
    assert "CONCEPT" not in response.content.decode()


# Tokens the endpoint refuses.


def test_a_token_is_required(headless, client, editor, terms, alassane):
    response = fetch(client, {"content_type": PROFILE_TYPE})
    assert response.status_code == 400
    assert response.json()["errors"].keys() == {"token"}
    assert fetch(client, {}).status_code == 400


@pytest.mark.parametrize("spoil", WRONG_TOKENS)
def test_a_wrong_token_is_refused_with_a_clear_message(
    headless, client, editor, terms, alassane, spoil
):
    query = edit_preview(client, terms, alassane)
    response = fetch(client, {**query, "token": spoil(query["token"])})
    assert response.status_code == 403
    assert response.json()["message"].startswith("This preview token is not valid")
    assert "CONCEPT" not in response.content.decode()


def test_the_refusal_is_in_the_language_asked_for(
    headless, client, editor, terms, alassane
):
    query = edit_preview(client, terms, alassane)
    response = fetch(client, {**query, "token": "x"}, language="nl")
    assert response.json()["message"].startswith("Deze voorvertoningstoken")


def test_a_token_works_only_for_its_page_type(
    headless, client, editor, terms, alassane
):
    query = edit_preview(client, terms, alassane)
    assert fetch(client, {**query, "content_type": INDEX_TYPE}).status_code == 403
    unknown = fetch(client, {**query, "content_type": "wagtailcore.page"})
    assert unknown.status_code == 400
    assert unknown.json()["errors"].keys() == {"content_type"}


def test_an_expired_token_is_refused_before_the_library_collects_it(
    headless, client, editor, terms, alassane
):
    query = edit_preview(client, terms, alassane)
    # The library deletes the rows made before yesterday on the next preview.
    PagePreview.objects.update(
        created_at=datetime.date.today() - datetime.timedelta(days=2)
    )
    response = fetch(client, query)
    assert response.status_code == 403
    assert "expired" in response.json()["message"]
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    PagePreview.objects.update(created_at=yesterday)
    assert fetch(client, query).status_code == 200


def test_a_token_stops_working_when_the_setting_is_turned_off(
    headless, client, editor, terms, alassane
):
    query = edit_preview(client, terms, alassane)
    headless.WAGTAIL_DEFENDERS = {
        **headless.WAGTAIL_DEFENDERS,
        "HEADLESS_PREVIEW": False,
    }
    assert fetch(client, query).status_code == 404


def test_unknown_parameters_are_refused(headless, client, editor, terms, alassane):
    query = edit_preview(client, terms, alassane)
    response = fetch(client, {**query, "fields": "*"})
    assert response.status_code == 400
    assert "fields" in response.json()["message"]


def test_grapple_page_token_gives_no_profile(headless, client, editor, terms, alassane):
    """grapple's generic ``page(token:)`` would show the stored page outside the
    package's presenters: it keeps answering ``null`` for a profile."""
    pytest.importorskip("grapple")
    query = edit_preview(client, terms, alassane)
    headless.ROOT_URLCONF = "tests.urls"
    response = client.post(
        "/graphql/",
        json.dumps({"query": f'{{ page(token: "{query["token"]}") {{ title }} }}'}),
        content_type="application/json",
    )
    assert response.json() == {"data": {"page": None}}


# Settings and checks.


def test_the_checks_want_the_app_and_a_default_front_end(settings, monkeypatch):
    from wagtail_defenders.checks import check_headless_preview

    assert check_headless_preview() == []  # off
    settings.WAGTAIL_DEFENDERS = {"HEADLESS_PREVIEW": True}
    settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {}}
    assert [message.id for message in check_headless_preview()] == [
        "wagtail_defenders.W013"
    ]
    settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {"default": FRONT_END}}
    assert check_headless_preview() == []
    monkeypatch.setitem(sys.modules, "wagtail_headless_preview", None)
    errors = check_headless_preview()
    assert [message.id for message in errors] == ["wagtail_defenders.E005"]
    assert errors[0].level == checks.ERROR


def test_without_the_library_the_package_imports_and_previews_as_before():
    """A process in which wagtail_headless_preview cannot be imported."""
    root = Path(__file__).resolve().parent.parent
    script = """
import sys
sys.modules["wagtail_headless_preview"] = None
import django
django.setup()
from django.conf import settings
assert "wagtail_headless_preview" not in settings.INSTALLED_APPS
import wagtail_defenders.models, wagtail_defenders.api.v2, wagtail_defenders.headless_preview
from wagtail_defenders import headless_preview
from wagtail_defenders.api.v2 import register_endpoints
from wagtail.api.v2.router import WagtailAPIRouter
router = WagtailAPIRouter("x")
register_endpoints(router)
assert "page_preview" not in router._endpoints
assert not headless_preview.enabled() and not headless_preview.library_available()
from wagtail_defenders.models import DefenderPage
assert DefenderPage.serve_preview is not None
print("ok")
"""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(root / "src"), str(root)]),
        "DJANGO_SETTINGS_MODULE": "tests.settings",
    }
    result = subprocess.run(  # noqa: S603 - the test's own script
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=120,
    )
    assert result.stdout.strip() == "ok", result.stderr[-3000:]


def test_the_front_end_is_the_one_of_the_pages_own_site(
    headless, client, editor, terms
):
    """On a site with two front ends, the editor (at the default site's admin)
    previews a profile of the other site in that site's front end, from the
    edit form and from the add form."""
    other_home = factories.HomePage(title="Ander", slug="ander")
    Page.get_first_root_node().add_child(instance=other_home)
    Site.objects.create(hostname="ander.example", root_page=other_home)
    other_index = factories.index_page(other_home)
    profile = alassane_with_portrait(other_index, terms)
    other_front_end = "https://front.ander.example"
    headless.WAGTAIL_HEADLESS_PREVIEW = {
        **headless.WAGTAIL_HEADLESS_PREVIEW,
        "CLIENT_URLS": {"default": FRONT_END, "ander.example": other_front_end},
    }
    edit = reverse("wagtailadmin_pages:preview_on_edit", args=[profile.pk])
    location = preview_url(client, edit, draft_form(terms, profile))
    assert location.startswith(f"{other_front_end}/?content_type={PROFILE_TYPE}")
    add = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["wagtail_defenders", "defenderpage", other_index.pk],
    )
    data = profile_form_data(terms, title="Nieuw", slug="nieuw")
    assert preview_url(client, add, data).startswith(f"{other_front_end}/?")


def test_a_page_of_the_default_site_goes_to_the_default_front_end(
    headless, client, editor, terms, alassane
):
    headless.WAGTAIL_HEADLESS_PREVIEW = {
        **headless.WAGTAIL_HEADLESS_PREVIEW,
        "CLIENT_URLS": {"default": FRONT_END, "ander.example": "https://elders"},
    }
    assert edit_preview(client, terms, alassane)["token"]
