"""Autosave and slugs (wagtail_defenders.page_forms): an add form that Wagtail 8's
autosave turned into a draft, then left, holds its slug; the next add form for
the same defender says which draft holds it and links to it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories
from tests.profile_forms import add_profile_url, profile_form_data
from wagtail_defenders.models import DefenderPage

pytestmark = pytest.mark.django_db


def autosave(client, index, terms) -> DefenderPage:
    """What Wagtail 8's autosave sends from an add form: a draft save, asking
    for JSON. On Wagtail 7 (no autosave), the same as "Save draft"."""
    response = client.post(
        add_profile_url(index), profile_form_data(terms), HTTP_ACCEPT="application/json"
    )
    assert response.status_code in (200, 302)
    return DefenderPage.objects.get(slug="alassane")


def test_the_next_add_form_names_and_links_the_draft(client, editor, index, terms):
    draft = autosave(client, index, terms)
    assert not draft.live
    response = client.post(
        add_profile_url(index),
        profile_form_data(terms, **{"action-publish": "publish"}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    edit = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert "is held by the draft “Alassane”" in html
    assert f'<a href="{edit}">Open the draft</a>' in html
    assert "already in use within the parent page" not in html
    assert DefenderPage.objects.filter(slug="alassane").count() == 1


def test_a_published_page_is_named_as_such(client, editor, index, terms):
    published = factories.alassane(index, terms)
    response = client.post(
        add_profile_url(index), profile_form_data(terms, title="Alassane B")
    )
    html = response.content.decode()
    edit = reverse("wagtailadmin_pages:edit", args=[published.pk])
    assert "is used by the published page “Alassane”" in html
    assert f'<a href="{edit}">Open it</a>' in html


def test_a_title_is_escaped_in_the_message(client, editor, index, terms):
    factories.profile(
        index,
        "<b>Bold</b>",
        slug="alassane",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
        live=False,
    )
    html = client.post(
        add_profile_url(index), profile_form_data(terms)
    ).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html
    assert "<b>Bold</b>" not in html


def test_editing_the_draft_itself_keeps_its_slug(client, editor, index, terms):
    draft = autosave(client, index, terms)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        profile_form_data(terms, **{"action-publish": "publish"}),
    )
    assert response.status_code == 302
    assert DefenderPage.objects.get(pk=draft.pk).live
