"""Headless preview through API v3: ``defenders/preview/?content_type=&token=``.

Driven as a front end that reads API v3 would: an editor previews a draft in
the admin, which sends them to the front end with ``content_type`` and
``token``; the front end asks ``/api/v3/defenders/preview/`` (v3 mounted as the
README mounts it, ``tests/api_urls.py``) with both. The same checks, statuses,
messages and presenter as API v2's ``page_preview/``
(tests/test_headless_preview.py), refusals as v3's problems.
"""

from __future__ import annotations

import datetime
import json
from importlib import import_module

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

from tests import factories
from tests.headless_preview_support import (
    INDEX_TYPE,
    PROFILE_TYPE,
    SECRET_NOTE,
    SECRET_SCOPE,
    alassane_with_portrait,
    edit_preview,
    fetch,
    preview_url,
    switch_on,
    token_query,
)
from tests.profile_forms import profile_form_data
from wagtail_defenders.api import v3

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not v3.AVAILABLE, reason="API v3 needs Wagtail 8"),
]

pytest.importorskip("wagtail_headless_preview")

from wagtail_headless_preview.models import PagePreview  # noqa: E402

PREVIEW = "/api/v3/defenders/preview/"
REFUSED = "This preview token is not valid or has expired."


@pytest.fixture
def headless(settings):
    """The setting on, and the test project's URLs: admin and API v3 as the
    README mounts them (the route needs no URLs of its own)."""
    # Loaded before the switch: tests.api_urls registers API v2's endpoints when
    # first imported, and must not gain page_preview/ for the tests after this.
    import_module("tests.urls")
    switch_on(settings)
    settings.ROOT_URLCONF = "tests.urls"
    return settings


@pytest.fixture
def alassane(index, terms):
    return alassane_with_portrait(index, terms)


def preview(client, query: dict, language: str = "en"):
    return fetch(client, query, PREVIEW, language=language)


def assert_problem(response, status: int, parameter: str, starts: str = "") -> dict:
    """``response`` is v3's problem for ``status``, naming ``parameter``, private."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/problem+json")
    assert response["Cache-Control"] == "private, no-store"
    problem = response.json()
    assert problem["status"] == status
    [error] = problem["errors"]
    assert error["loc"] == ["query", parameter]
    assert error["msg"] == problem["detail"]
    assert problem["detail"].startswith(starts)
    assert "CONCEPT" not in response.content.decode()
    return problem


# What the front end gets.


def test_the_front_end_gets_the_draft_in_the_detail_shape(
    headless, client, editor, terms, alassane
):
    query = edit_preview(client, terms, alassane)
    response = preview(client, query)
    assert response.status_code == 200, response.content[:1000]
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    profile = response.json()
    assert profile["id"] == alassane.pk
    assert profile["slug"] == "alassane"
    assert profile["introduction"] == "CONCEPT words."
    assert profile["portrait"] is None  # withheld in the draft
    assert [update["heading"] for update in profile["updates"]] == ["Released on bail"]
    assert profile["country"]["code"] == "ML"
    body = response.content.decode()
    for secret in (SECRET_NOTE, SECRET_SCOPE, "consent", "withhold", "hide_from"):
        assert secret not in body
    # The same keys as v3's detail of the published profile, which is untouched.
    detail = client.get(f"/api/v3/defenders/{alassane.pk}/")
    assert detail.status_code == 200
    assert profile.keys() == detail.json().keys()
    assert detail.json()["introduction"] == "Published words."


def test_api_v2_and_v3_preview_the_same_draft(
    headless, client, editor, terms, alassane
):
    headless.ROOT_URLCONF = "tests.headless_preview_urls"  # v2's page_preview/
    query = edit_preview(client, terms, alassane)
    through_v2 = fetch(client, query).json()
    headless.ROOT_URLCONF = "tests.urls"
    through_v3 = preview(client, query).json()
    assert through_v3["introduction"] == through_v2["introduction"]
    # An update added in the draft: v2's id is null, v3's 0 (an integer).
    assert [{**update, "id": 0} for update in through_v2["updates"]] == through_v3[
        "updates"
    ]
    assert through_v3["portrait"] == through_v2["portrait"]


def test_images_are_served_as_renditions_only(
    headless, client, editor, terms, alassane
):
    photo = factories.image("street")
    body = streamfield(
        [("image", {"image": str(photo.pk), "alt_text": "A street", "caption": ""})]
    )
    query = edit_preview(client, terms, alassane, withhold_portrait="", body=body)
    profile = preview(client, query).json()
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
    profile = preview(client, query).json()
    assert profile["portrait"] is None
    assert "2026-01-10" not in json.dumps(profile)


def test_a_new_profile_is_previewed_with_id_0(headless, client, editor, index, terms):
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["wagtail_defenders", "defenderpage", index.pk],
    )
    data = profile_form_data(terms, introduction="A new profile, not saved.")
    profile = preview(client, token_query(preview_url(client, url, data))).json()
    assert profile["id"] == 0
    assert profile["introduction"] == "A new profile, not saved."


def test_a_profile_kept_out_of_the_api_is_not_previewed_through_it(
    headless, client, editor, terms, alassane
):
    query = edit_preview(client, terms, alassane, hide_from_api="on")
    problem = assert_problem(preview(client, query), 403, "token")
    assert "kept out of the API" in problem["detail"]


# Requests the route refuses, with API v2's statuses and messages.


def test_both_parameters_are_required(headless, client, editor, terms, alassane):
    assert_problem(
        preview(client, {"content_type": PROFILE_TYPE}),
        400,
        "token",
        "token: this parameter is required.",
    )
    assert_problem(
        preview(client, {}), 400, "content_type", "content_type: this parameter"
    )


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(
            lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"), id="tampered"
        ),
        pytest.param(lambda token: token.replace("id=", "id=9", 1), id="other-id"),
        pytest.param(
            lambda token: "id=1:aaaaaa:bbbbbbbbbbbbbbbbbbbbbbbbbbb", id="made-up"
        ),
    ],
)
def test_a_wrong_token_is_refused_with_v2s_message(
    headless, client, editor, terms, alassane, spoil
):
    query = edit_preview(client, terms, alassane)
    response = preview(client, {**query, "token": spoil(query["token"])})
    problem = assert_problem(response, 403, "token", REFUSED)
    assert problem["title"] == "Forbidden"


def test_another_pages_token_is_refused(headless, client, editor, terms, index):
    """The index page's token, passed off as a profile's."""
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[index.pk])
    data = {
        "title": "Verdedigers",
        "slug": index.slug,
        "introduction": rich_text("<p>Nieuwe woorden.</p>"),
    }
    query = token_query(preview_url(client, url, data))
    assert query["content_type"] == INDEX_TYPE
    assert_problem(
        preview(client, {**query, "content_type": PROFILE_TYPE}), 403, "token"
    )
    # The index page's own type is not one this route previews.
    problem = assert_problem(preview(client, query), 400, "content_type")
    assert problem["detail"] == f"content_type: use one of: {PROFILE_TYPE}."


def test_an_expired_token_is_refused_before_the_library_collects_it(
    headless, client, editor, terms, alassane
):
    query = edit_preview(client, terms, alassane)
    PagePreview.objects.update(
        created_at=datetime.date.today() - datetime.timedelta(days=2)
    )
    assert_problem(preview(client, query), 403, "token", REFUSED)
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    PagePreview.objects.update(created_at=yesterday)
    assert preview(client, query).status_code == 200


def test_the_refusal_is_in_the_language_asked_for(
    headless, client, editor, terms, alassane
):
    query = edit_preview(client, terms, alassane)
    response = preview(client, {**query, "token": "x"}, language="nl")
    problem = assert_problem(response, 403, "token", "Deze voorvertoningstoken")
    assert problem["title"] != "Forbidden"


def test_with_the_setting_off_every_token_is_refused_as_v2_refuses_it(
    headless, client, editor, terms, alassane
):
    query = edit_preview(client, terms, alassane)
    headless.WAGTAIL_DEFENDERS = {
        **headless.WAGTAIL_DEFENDERS,
        "HEADLESS_PREVIEW": False,
    }
    assert_problem(preview(client, query), 404, "token", "Headless preview is off.")
    # Off from the start: the same answer, and the published profile as before.
    assert_problem(preview(client, {}), 404, "token", "Headless preview is off.")
    assert client.get(f"/api/v3/defenders/{alassane.pk}/").status_code == 200


# The schema.


def test_the_schema_lists_the_route_while_the_setting_is_on(headless, client):
    schema = client.get("/api/v3/openapi.json").json()
    operation = schema["paths"][PREVIEW]["get"]
    assert operation["operationId"] == "defenders_preview"
    content = operation["responses"]["200"]["content"]["application/json"]
    assert content["schema"] == {"$ref": "#/components/schemas/ProfileData"}
    for status in ("400", "403", "404"):
        problem = operation["responses"][status]["content"]
        assert "application/problem+json" in problem
    assert "422" not in operation["responses"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert parameters.keys() == {"content_type", "token"}
    assert all(parameter["required"] for parameter in parameters.values())
    assert PROFILE_TYPE in json.dumps(parameters["content_type"]["schema"])
    # The profiles' detail keeps its own path.
    assert "/api/v3/defenders/{profile_id}/" in schema["paths"]

    headless.WAGTAIL_DEFENDERS = {"HEADLESS_PREVIEW": False}
    assert PREVIEW not in client.get("/api/v3/openapi.json").json()["paths"]
