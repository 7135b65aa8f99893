"""What the headless preview tests share: the switch, Alassane with a portrait,
the edit form of a draft and the admin's preview that turns it into a token."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, rich_text

from tests import factories
from tests.profile_forms import profile_form_data

FRONT_END = "https://front.example"
PROFILE_TYPE = "wagtail_defenders.defenderpage"
INDEX_TYPE = "wagtail_defenders.defenderindexpage"
SECRET_NOTE = "Safe house on Laan 12"
SECRET_SCOPE = "Only Dutch, never the portrait"


def _tampered(token: str) -> str:
    return token[:-1] + ("A" if token[-1] != "A" else "B")


#: Ways a front end's token can be wrong (``pytest.param`` of a function that
#: spoils a good token), for the refusal tests of every surface.
WRONG_TOKENS = [
    pytest.param(_tampered, id="tampered"),
    pytest.param(lambda token: token.replace("id=", "id=9", 1), id="other-id"),
    pytest.param(lambda token: "id=1:aaaaaa:bbbbbbbbbbbbbbbbbbbbbbbbbbb", id="made-up"),
]


def switch_on(settings):
    """``HEADLESS_PREVIEW`` on, the front end at :data:`FRONT_END`, and the
    URLs with ``page_preview/`` and ``/graphql/``."""
    settings.WAGTAIL_DEFENDERS = {
        **settings.WAGTAIL_DEFENDERS,
        "HEADLESS_PREVIEW": True,
    }
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        "CLIENT_URLS": {"default": FRONT_END},
        "REDIRECT_ON_PREVIEW": True,
    }
    settings.ROOT_URLCONF = "tests.headless_preview_urls"
    return settings


def alassane_with_portrait(index, terms):
    return factories.alassane(
        index,
        terms,
        introduction="Published words.",
        portrait=factories.image("alassane"),
    )


def draft_form(terms, alassane, **overrides):
    """The edit form of Alassane with a draft: new words, a public update, an
    editors' note, consent notes and the portrait (withheld unless told)."""
    fields = {
        "introduction": "CONCEPT words.",
        "portrait": str(alassane.portrait_id),
        "withhold_portrait": "on",
        "consent_scope": SECRET_SCOPE,
        "updates": inline_formset(
            [
                {
                    "date": "2026-01-05",
                    "status": "",
                    "heading": "Released on bail",
                    "text": rich_text("<p>Out.</p>"),
                    "is_public": "on",
                },
                {
                    "date": "2026-01-06",
                    "status": "",
                    "heading": SECRET_NOTE,
                    "text": rich_text(f"<p>{SECRET_NOTE}</p>"),
                    "is_public": "",
                },
            ]
        ),
    }
    fields.update(overrides)
    return profile_form_data(terms, **fields)


def preview_url(client, url: str, data: dict) -> str:
    """Post ``data`` to one of the admin's preview views, open the preview and
    return where it sends the editor."""
    posted = client.post(url, data)
    assert posted.status_code == 200, posted.content.decode()[-2000:]
    assert posted.json()["is_valid"], posted.json()
    response = client.get(url)
    assert response.status_code == 302, response.content.decode()[-2000:]
    return response["Location"]


def token_query(location: str) -> dict[str, str]:
    parts = urlsplit(location)
    assert f"{parts.scheme}://{parts.netloc}" == FRONT_END
    return {name: values[0] for name, values in parse_qs(parts.query).items()}


def fetch(client, query: dict, path: str = "/api/v2/page_preview/", language="en"):
    client.logout()  # the front end is no admin session
    return client.get(path, query, headers={"accept-language": language})


def edit_preview(client, terms, alassane, **overrides) -> dict[str, str]:
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[alassane.pk])
    return token_query(
        preview_url(client, url, draft_form(terms, alassane, **overrides))
    )
