"""Headless preview through GraphQL: ``defenderPreview(contentType:, token:)``.

Driven as a front end that reads GraphQL would: an editor previews a draft in
the admin, which sends them to the front end with ``content_type`` and
``token``; the front end posts both to ``/graphql/`` (where the example site
mounts grapple). The same checks and presenter as API v2's ``page_preview/``
(tests/test_headless_preview.py), the same messages.
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, streamfield

from tests import factories
from tests.headless_preview_support import (
    INDEX_TYPE,
    PROFILE_TYPE,
    SECRET_NOTE,
    SECRET_SCOPE,
    WRONG_TOKENS,
    alassane_with_portrait,
    edit_preview,
    fetch,
    preview_url,
    switch_on,
    token_query,
)
from tests.profile_forms import profile_form_data

pytest.importorskip("wagtail_headless_preview")
pytest.importorskip("grapple", reason="the graphql extra is not installed")

from wagtail_headless_preview.models import PagePreview  # noqa: E402

pytestmark = pytest.mark.django_db

PREVIEW = """
query Preview($contentType: String!, $token: String!) {
  defenderPreview(contentType: $contentType, token: $token) {
    id title slug locale introduction
    portrait { alt renditions { name url width height } }
    country { code }
    updates { id heading text }
    body {
      __typename
      ... on DefenderImageBlock { alt renditions { name url } }
    }
  }
}
"""

REFUSED = "This preview token is not valid or has expired."


@pytest.fixture
def headless(settings):
    return switch_on(settings)


@pytest.fixture
def alassane(index, terms):
    return alassane_with_portrait(index, terms)


def graphql_preview(client, query: dict, language: str = "en"):
    """What the front end posts: the preview URL's two parameters as variables."""
    client.logout()  # the front end is no admin session
    return client.post(
        "/graphql/",
        json.dumps(
            {
                "query": PREVIEW,
                "variables": {
                    "contentType": query.get("content_type", ""),
                    "token": query.get("token", ""),
                },
            }
        ),
        content_type="application/json",
        headers={"accept-language": language},
    )


def refusal(response) -> dict:
    """The one GraphQL error of a refused preview, with no draft in the answer."""
    payload = response.json()
    assert payload["data"] == {"defenderPreview": None}, payload
    [error] = payload["errors"]
    assert error["path"] == ["defenderPreview"]
    assert "CONCEPT" not in response.content.decode()
    return error


def test_the_front_end_gets_the_draft_as_a_published_defender(
    headless, client, editor, terms, alassane
):
    query = edit_preview(client, terms, alassane)
    response = graphql_preview(client, query)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    payload = response.json()
    assert "errors" not in payload, payload
    profile = payload["data"]["defenderPreview"]
    assert profile["id"] == alassane.pk
    assert profile["slug"] == "alassane"
    assert profile["introduction"] == "CONCEPT words."
    assert profile["portrait"] is None  # withheld in the draft
    assert [update["heading"] for update in profile["updates"]] == ["Released on bail"]
    # Added in the draft, not saved: 0 for the non-null id (null failed the field).
    assert [update["id"] for update in profile["updates"]] == [0]
    assert profile["country"]["code"] == "ML"
    served = response.content.decode()
    for secret in (SECRET_NOTE, SECRET_SCOPE):
        assert secret not in served


def test_graphql_and_api_v2_preview_the_same_draft(
    headless, client, editor, terms, alassane
):
    query = edit_preview(client, terms, alassane, withhold_portrait="")
    profile = graphql_preview(client, query).json()["data"]["defenderPreview"]
    v2 = fetch(client, query).json()
    assert profile["introduction"] == v2["introduction"]
    assert [u["text"] for u in profile["updates"]] == [u["text"] for u in v2["updates"]]
    assert {r["name"]: r["url"] for r in profile["portrait"]["renditions"]} == {
        name: rendition["url"]
        for name, rendition in v2["portrait"]["renditions"].items()
    }


def test_the_published_queries_carry_no_cache_control_of_the_preview(
    headless, client, editor, terms, alassane
):
    response = client.post(
        "/graphql/",
        json.dumps({"query": f"{{ defender(id: {alassane.pk}) {{ introduction }} }}"}),
        content_type="application/json",
    )
    assert response.json()["data"]["defender"]["introduction"] == "Published words."
    assert response.get("Cache-Control") != "private, no-store"


def test_images_are_served_as_renditions_only(
    headless, client, editor, terms, alassane
):
    photo = factories.image("street")
    body = streamfield(
        [("image", {"image": str(photo.pk), "alt_text": "A street", "caption": ""})]
    )
    query = edit_preview(client, terms, alassane, withhold_portrait="", body=body)
    response = graphql_preview(client, query)
    profile = response.json()["data"]["defenderPreview"]
    assert {r["name"] for r in profile["portrait"]["renditions"]} == {
        "card",
        "profile",
    }
    [image] = profile["body"]
    assert [r["name"] for r in image["renditions"]] == ["body"]
    served = response.content.decode()
    assert "original_images" not in served
    for original in (alassane.portrait, photo):
        assert original.file.url not in served


def test_the_consent_records_withhold_the_portrait_of_the_draft(
    headless, client, editor, terms, alassane
):
    records = inline_formset(
        [
            {"use": use, "language": "", "given_on": "2026-01-10"}
            for use in ("story", "api")
        ]
    )
    query = edit_preview(
        client, terms, alassane, withhold_portrait="", consent_records=records
    )
    profile = graphql_preview(client, query).json()["data"]["defenderPreview"]
    assert profile["portrait"] is None


def test_a_new_profile_is_previewed_from_the_add_form(
    headless, client, editor, index, terms
):
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["wagtail_defenders", "defenderpage", index.pk],
    )
    data = profile_form_data(terms, introduction="A new profile, not saved.")
    query = token_query(preview_url(client, url, data))
    profile = graphql_preview(client, query).json()["data"]["defenderPreview"]
    assert profile["id"] == 0  # not saved yet (API v2: null)
    assert profile["introduction"] == "A new profile, not saved."


def test_a_profile_kept_out_of_the_api_is_not_previewed(
    headless, client, editor, terms, alassane
):
    query = edit_preview(client, terms, alassane, hide_from_api="on")
    error = refusal(graphql_preview(client, query))
    assert error["message"] == fetch(client, query).json()["message"]
    assert "kept out of the API" in error["message"]
    assert error["extensions"]["errors"].keys() == {"token"}


# Tokens the field refuses, with API v2's messages.


@pytest.mark.parametrize(
    "spoil", [pytest.param(lambda token: "", id="missing"), *WRONG_TOKENS]
)
def test_a_missing_or_wrong_token_is_refused_as_api_v2_refuses_it(
    headless, client, editor, terms, alassane, spoil
):
    query = edit_preview(client, terms, alassane)
    spoiled = {**query, "token": spoil(query["token"])}
    error = refusal(graphql_preview(client, spoiled))
    assert error["message"] == fetch(client, spoiled).json()["message"]
    assert error["extensions"]["errors"] == {"token": error["message"]}


def test_a_token_signed_for_another_page_is_refused(
    headless, client, editor, index, terms, alassane
):
    """A validly signed token whose stored draft is not the page it signs."""
    from wagtail_defenders.headless_preview import signer

    query = edit_preview(client, terms, alassane)
    stored = PagePreview.objects.get(token=query["token"])
    forged = signer().sign(f"id={index.pk}")
    PagePreview.objects.create(
        token=forged,
        content_type=stored.content_type,
        content_json=stored.content_json,
    )
    error = refusal(graphql_preview(client, {**query, "token": forged}))
    assert error["message"].startswith(REFUSED)


def test_an_expired_token_is_refused_before_the_library_collects_it(
    headless, client, editor, terms, alassane
):
    query = edit_preview(client, terms, alassane)
    PagePreview.objects.update(
        created_at=datetime.date.today() - datetime.timedelta(days=2)
    )
    assert refusal(graphql_preview(client, query))["message"].startswith(REFUSED)


def test_only_a_profile_is_previewed_here(headless, client, editor, terms, alassane):
    query = edit_preview(client, terms, alassane)
    for content_type in (INDEX_TYPE, "wagtailcore.page"):
        error = refusal(
            graphql_preview(client, {**query, "content_type": content_type})
        )
        assert error["extensions"]["errors"].keys() == {"contentType"}
        assert PROFILE_TYPE in error["message"]


def test_the_refusal_is_in_the_language_asked_for(
    headless, client, editor, terms, alassane
):
    query = edit_preview(client, terms, alassane)
    error = refusal(graphql_preview(client, {**query, "token": "x"}, language="nl"))
    assert error["message"].startswith("Deze voorvertoningstoken")


def test_the_field_refuses_while_the_setting_is_off(
    headless, client, editor, terms, alassane
):
    query = edit_preview(client, terms, alassane)
    headless.WAGTAIL_DEFENDERS = {
        **headless.WAGTAIL_DEFENDERS,
        "HEADLESS_PREVIEW": False,
    }
    error = refusal(graphql_preview(client, query))
    assert error["message"] == fetch(client, query).json()["message"]
    assert error["message"] == "Headless preview is off."
