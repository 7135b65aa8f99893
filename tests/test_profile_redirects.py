"""A profile's old address leads nowhere: Wagtail's automatic redirects
(``wagtail.contrib.redirects``) are not made for profiles, and the editor is told.

Wagtail makes a redirect after the commit of a rename or a move, so these tests
run the on-commit callbacks of the admin's requests.
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    streamfield,
)

from tests import factories
from wagtail_defenders.api import v3
from wagtail_defenders.models import DefenderPage

pytestmark = pytest.mark.django_db

NO_REDIRECT = "No redirect was made from the profile's old address"


@pytest.fixture
def alassane(index, terms):
    return factories.profile(
        index,
        "Alassane Diallo",
        slug="alassane-diallo",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
    )


def edit_form_data(profile: DefenderPage, **overrides) -> dict:
    """What the edit form of ``profile`` posts, with ``overrides``."""
    data = {
        "title": profile.title,
        "slug": profile.slug,
        "introduction": profile.introduction,
        "portrait": "",
        "portrait_alt_text": "",
        "country": str(profile.country_id),
        "city": str(profile.city_id),
        "year": str(profile.year),
        "naming": profile.naming,
        "body": streamfield([]),
        "defender_themes": inline_formset(
            [{"theme": str(link.theme_id)} for link in profile.defender_themes.all()]
        ),
        "updates": inline_formset([]),
        "related_news": inline_formset([]),
        "consent_records": inline_formset([]),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def messages_of(response) -> list[str]:
    """The messages of ``response``, as stored: in the editor's language (English),
    not the site's (Dutch) that is active once the admin view has returned."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def redirects_listed_by_v3(client) -> list[str]:
    """The old paths Wagtail 8's anonymous v3 ``redirects/`` lists, if mounted."""
    if not v3.AVAILABLE:
        return []
    response = client.get("/api/v3/redirects/")
    if response.status_code == 404:  # the site leaves Wagtail's route out
        return []
    assert response.status_code == 200
    return [item.get("old_path") for item in response.json().get("items", [])]


def test_a_renamed_profile_leaves_no_redirect(
    client, editor, alassane, django_capture_on_commit_callbacks
):
    old_url = alassane.url
    assert client.get(old_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[alassane.pk]),
            edit_form_data(alassane, slug="alassane"),
        )
    assert response.status_code == 302
    renamed = DefenderPage.objects.get(pk=alassane.pk)
    assert renamed.slug == "alassane" and renamed.live
    assert any(NO_REDIRECT in message for message in messages_of(response))
    assert not Redirect.objects.exists()
    client.logout()
    assert client.get(old_url).status_code == 404
    assert client.get(renamed.url).status_code == 200
    assert not any("alassane-diallo" in path for path in redirects_listed_by_v3(client))


def test_an_edit_that_keeps_the_address_says_nothing_of_redirects(
    client, editor, alassane, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[alassane.pk]),
            edit_form_data(alassane, introduction="Another introduction."),
        )
    assert response.status_code == 302
    assert DefenderPage.objects.get(pk=alassane.pk).introduction == (
        "Another introduction."
    )
    assert not any(NO_REDIRECT in message for message in messages_of(response))


def test_a_moved_profile_leaves_no_redirect(
    client, editor, home, alassane, django_capture_on_commit_callbacks
):
    other_index = factories.index_page(home, "Alumni", "alumni")
    old_url = alassane.url
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(
                "wagtailadmin_pages:move_confirm", args=[alassane.pk, other_index.pk]
            )
        )
    assert response.status_code == 302
    moved = DefenderPage.objects.get(pk=alassane.pk)
    assert moved.get_parent().pk == other_index.pk
    assert any(NO_REDIRECT in message for message in messages_of(response))
    assert not Redirect.objects.exists()
    client.logout()
    assert client.get(old_url).status_code == 404
    assert client.get(moved.url).status_code == 200
    assert redirects_listed_by_v3(client) == []


def test_moving_the_index_leaves_no_redirect_to_its_profiles(
    client, editor, home, index, alassane, django_capture_on_commit_callbacks
):
    section = factories.news(home, "Archive")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:move_confirm", args=[index.pk, section.pk])
        )
    assert response.status_code == 302
    assert any(NO_REDIRECT in message for message in messages_of(response))
    # Wagtail's redirect for the index page itself stays: it names nobody.
    assert Redirect.objects.filter(redirect_page=index).exists()
    assert not Redirect.objects.filter(redirect_page=alassane).exists()


def test_other_pages_still_get_their_redirects(
    client, editor, home, django_capture_on_commit_callbacks
):
    """The package stops redirects to profiles only (and this is how the tests
    above would see one)."""
    news = factories.news(home, "Nieuws")
    old_path = news.url_path
    news = Page.objects.get(pk=news.pk).specific
    news.slug = "nieuws-hernoemd"
    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()
    assert Redirect.objects.filter(redirect_page=news).exists()
    assert old_path != Page.objects.get(pk=news.pk).url_path


def test_redirects_made_before_are_removed_when_the_profile_is_published(
    alassane, django_capture_on_commit_callbacks
):
    """Automatic redirects to a profile from before the package stopped them go
    at its next publish; a redirect an editor made by hand stays."""
    automatic = Redirect.objects.create(
        old_path="/defenders/real-name",
        redirect_page=alassane,
        automatically_created=True,
    )
    by_hand = Redirect.objects.create(old_path="/alassane", redirect_page=alassane)
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=alassane.pk).specific.save_revision().publish()
    assert not Redirect.objects.filter(pk=automatic.pk).exists()
    assert Redirect.objects.filter(pk=by_hand.pk).exists()


def test_renaming_a_profile_with_an_alias_and_a_translation_leaves_no_redirect(
    client, editor, home, index, alassane, django_capture_on_commit_callbacks
):
    """A profile with an alias in another language (as locale synchronisation
    makes it) and a translation, each renamed: no redirect to any of them."""
    from tests.api_world import translated_page

    en = factories.locale("en")
    translated_page(home, title="Home EN")
    translated_page(home, "fr", title="Accueil")
    en_index = translated_page(index, title="Defenders EN", slug="defenders-en")
    translated_page(index, "fr", title="Défenseurs", slug="defenseurs")
    alias = alassane.create_alias(parent=en_index, update_locale=en)
    french = translated_page(alassane, "fr")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[alassane.pk]),
            edit_form_data(alassane, slug="alassane"),
        )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[french.pk]),
            edit_form_data(DefenderPage.objects.get(pk=french.pk), slug="a-d"),
        )
    assert response.status_code == 302
    assert DefenderPage.objects.get(pk=french.pk).slug == "a-d"
    assert not Redirect.objects.exists()
    # The alias follows its source (Wagtail's update_aliases) and is still served.
    client.logout()
    assert client.get(DefenderPage.objects.get(pk=alias.pk).url).status_code == 200
