"""Deleting a theme, country or city never breaks a profile's history or its
scheduled publishing.

A revision stores its terms as plain ids. A term that a scheduled revision uses
cannot be deleted; one that only older revisions used can, and those revisions
still load (in the edit, revisions, revision, compare and revert views, and in
``publish_scheduled``) without it, and the editor is told.
"""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision

from tests import factories
from wagtail_defenders.models import City, Country, DefenderPage, Theme
from wagtail_defenders.models.relations import DefenderPageTheme

pytestmark = pytest.mark.django_db

LEFT_OUT = "have been deleted since this version was saved"


@pytest.fixture
def alassane(index, terms):
    return factories.alassane(index, terms)


def revise(page: DefenderPage, *, themes=None, **changes) -> Revision:
    """A new revision of ``page`` with ``changes`` (not published)."""
    page = Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    if themes is not None:
        page.defender_themes = [
            DefenderPageTheme(theme=theme, sort_order=i)
            for i, theme in enumerate(themes)
        ]
    return page.save_revision()


def delete_view(term):
    return reverse(type(term).snippet_viewset.get_url_name("delete"), args=[term.pk])


def messages_of(response) -> list[str]:
    """The messages of ``response``, as stored: in the editor's language (English),
    not the site's (Dutch) that is active once the admin view has returned."""
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def history_without_its_terms(client, editor, alassane, terms):
    """Alassane's first revision used LHBTI, Mali and Den Haag; the live one uses
    Persvrijheid, Nederland and Utrecht; the first three were then deleted in the
    admin (only the old revision used them, so nothing stopped it)."""
    first = alassane.get_latest_revision()
    revise(
        alassane, themes=[terms["pers"]], country=terms["nl"], city=terms["utrecht"]
    ).publish()
    for name in ("lhbti", "den-haag", "mali"):
        response = client.post(delete_view(terms[name]))
        assert response.status_code == 302
        assert not type(terms[name]).objects.filter(pk=terms[name].pk).exists(), name
    return first


def test_an_old_revision_whose_terms_are_gone_loads_without_them(
    alassane, terms, history_without_its_terms
):
    old = history_without_its_terms.as_object()
    assert old.country_id is None and old.city_id is None
    assert list(old.defender_themes.all()) == []
    assert {(m.field, m.pk) for m in old.terms_missing_from_revision} == {
        ("country", terms["mali"].pk),
        ("city", terms["den-haag"].pk),
        ("theme", terms["lhbti"].pk),
    }
    # What still exists is kept.
    current = DefenderPage.objects.get(pk=alassane.pk).get_latest_revision_as_object()
    assert current.terms_missing_from_revision == []
    assert current.country == terms["nl"]


def test_the_admin_views_of_that_history_never_fail(
    client, alassane, history_without_its_terms
):
    first = history_without_its_terms
    latest = DefenderPage.objects.get(pk=alassane.pk).get_latest_revision()
    for url in (
        reverse("wagtailadmin_pages:edit", args=[alassane.pk]),
        reverse("wagtailadmin_pages:history", args=[alassane.pk]),
        reverse("wagtailadmin_pages:revisions_index", args=[alassane.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[alassane.pk, first.pk]),
        reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[alassane.pk, first.pk, latest.pk],
        ),
        reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[alassane.pk, "earliest", "latest"],
        ),
    ):
        # (Wagtail 8 redirects the revisions index to the history view.)
        assert client.get(url, follow=True).status_code == 200, url


def test_reverting_to_it_tells_the_editor_what_was_left_out(
    client, alassane, history_without_its_terms
):
    url = reverse(
        "wagtailadmin_pages:revisions_revert",
        args=[alassane.pk, history_without_its_terms.pk],
    )
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert LEFT_OUT in html
    assert "country" in html and "host city" in html
    # The current version lost nothing: its edit view says nothing of it.
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[alassane.pk]))
    assert LEFT_OUT not in edit.content.decode()


def test_a_draft_whose_term_was_deleted_before_still_opens(
    client, editor, alassane, terms
):
    """A term deleted before the package protected drafts (or by code that
    bypasses the admin): the edit view opens, without it, and says so."""
    revise(alassane, themes=[terms["pers"]])
    DefenderPageTheme.objects.filter(theme=terms["pers"]).delete()
    Theme.objects.filter(pk=terms["pers"].pk).delete()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[alassane.pk]))
    assert response.status_code == 200
    assert LEFT_OUT in response.content.decode()
    assert any(LEFT_OUT in message for message in messages_of(response))


def schedule(page: DefenderPage, **changes) -> Revision:
    """Publish ``changes`` to ``page`` tomorrow, as the editor's schedule does."""
    revision = revise(
        page, go_live_at=timezone.now() + datetime.timedelta(days=1), **changes
    )
    revision.publish()
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    return revision


def make_due(revision: Revision) -> None:
    """As if the scheduled time of ``revision`` had come."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])


@pytest.mark.parametrize("name", ["pers", "nl", "utrecht"])
def test_a_term_a_scheduled_revision_uses_is_protected(
    client, editor, alassane, terms, name
):
    changes, back = {
        "pers": ({"themes": [terms["pers"]]}, {"themes": [terms["lhbti"]]}),
        "nl": ({"country": terms["nl"]}, {"country": terms["mali"]}),
        "utrecht": ({"city": terms["utrecht"]}, {"city": terms["den-haag"]}),
    }[name]
    revision = schedule(alassane, title="Alassane (later)", **changes)
    # Saved afterwards, the latest revision no longer uses the term.
    revise(alassane, title="Alassane (now)", **back)
    term = terms[name]
    if name == "nl":  # its cities belong to another country: only the schedule
        City.objects.filter(country=term).update(country=terms["mali"])
    response = client.post(delete_view(term))
    assert response.status_code == 302
    messages = messages_of(response)
    assert any(
        "cannot be deleted" in message and "Alassane (later)" in message
        for message in messages
    ), messages
    assert type(term).objects.filter(pk=term.pk).exists()

    make_due(revision)
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    published = DefenderPage.objects.get(pk=alassane.pk)
    assert published.live_revision_id == revision.pk
    assert published.title == "Alassane (later)"


def test_publish_scheduled_publishes_a_revision_whose_term_is_gone(
    alassane, terms, capsys
):
    """A term deleted before the package protected scheduled revisions: the due
    revision is published without it instead of stopping the command."""
    revision = schedule(alassane, title="Alassane (later)", themes=[terms["pers"]])
    Theme.objects.filter(pk=terms["pers"].pk).delete()
    make_due(revision)
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    published = DefenderPage.objects.get(pk=alassane.pk)
    assert published.title == "Alassane (later)"
    assert published.live_revision_id == revision.pk
    assert list(published.defender_themes.all()) == []


def test_publish_scheduled_survives_a_revision_whose_country_and_city_are_gone(
    alassane, terms
):
    """Without its country and city the due revision is not a complete profile:
    the command goes on (it publishes the profile without them, as Wagtail
    publishes a scheduled revision without validating it again)."""
    revision = schedule(alassane, country=terms["nl"], city=terms["utrecht"])
    City.objects.filter(pk=terms["den-haag"].pk).update(country=terms["mali"])
    City.objects.filter(pk=terms["utrecht"].pk).delete()
    Country.objects.filter(pk=terms["nl"].pk).delete()
    make_due(revision)
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    published = DefenderPage.objects.get(pk=alassane.pk)
    assert published.live_revision_id == revision.pk
    assert published.country_id is None and published.city_id is None


def test_publishing_the_reverted_version_asks_for_the_missing_terms(
    client, alassane, terms, history_without_its_terms
):
    """The revert view's form shows the old version without its deleted terms; an
    editor who publishes it as it is gets the form's errors, not a server error."""
    from tests.test_profile_redirects import edit_form_data

    old = history_without_its_terms.as_object()
    data = edit_form_data(old, country="", city="")
    response = client.post(
        reverse(
            "wagtailadmin_pages:revisions_revert",
            args=[alassane.pk, history_without_its_terms.pk],
        ),
        data,
    )
    assert response.status_code == 200
    assert "The page could not be" in response.content.decode()
    live = DefenderPage.objects.get(pk=alassane.pk)
    assert live.country == terms["nl"] and live.city == terms["utrecht"]
