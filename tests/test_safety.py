"""The per-profile safety controls, the takedown and the consent report."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import PageLogEntry

from tests import factories
from wagtail_defenders.models import DefenderPage
from wagtail_defenders.takedown import TAKEDOWN_ACTION, take_down

pytestmark = pytest.mark.django_db


@pytest.fixture
def alassane(index, terms):
    return factories.alassane(index, terms, portrait=factories.image("geheim-portret"))


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return DefenderPage.objects.get(pk=page.pk)


def test_a_withheld_portrait_is_shown_nowhere_on_the_site(client, index, alassane):
    assert b"geheim-portret" in client.get(alassane.url).content
    alassane = publish(alassane, withhold_portrait=True)
    for url in (alassane.url, index.url, index.url + "?q=Alassane"):
        html = client.get(url).content.decode()
        assert "geheim-portret" not in html
        assert "<img" not in html
    assert alassane.shown_portrait is None


def test_pseudonym_notice_is_the_editors_choice(client, alassane):
    with translation.override("nl"):  # the profile's language
        notice = gettext("This name is a pseudonym.").encode()
    assert notice not in client.get(alassane.url).content
    alassane = publish(alassane, naming="pseudonym", show_pseudonym_notice=False)
    assert notice not in client.get(alassane.url).content
    alassane = publish(alassane, show_pseudonym_notice=True)
    assert notice in client.get(alassane.url).content


def test_kept_out_of_search_engines(client, alassane):
    response = client.get(alassane.url)
    assert "X-Robots-Tag" not in response
    assert alassane.get_sitemap_urls()
    alassane = publish(alassane, hide_from_search_engines=True)
    response = client.get(alassane.url)
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert b'<meta name="robots" content="noindex, nofollow">' in response.content
    assert alassane.get_sitemap_urls() == []


def test_consent_record_is_never_rendered(client, index, alassane):
    alassane = publish(
        alassane,
        consent_given_on=datetime.date(2024, 1, 2),
        consent_scope="GEHEIME-AFSPRAAK naam en verhaal",
        consent_review_by=datetime.date(2020, 1, 1),
    )
    for url in (alassane.url, index.url):
        assert b"GEHEIME-AFSPRAAK" not in client.get(url).content
    # Searching for the consent text does not find the profile.
    assert b"defender-card" not in client.get(index.url + "?q=GEHEIME-AFSPRAAK").content
    assert b"defender-card" in client.get(index.url + "?q=Alassane").content
    search_field_names = {field.field_name for field in DefenderPage.search_fields}
    assert not search_field_names & {
        "consent_given_on",
        "consent_scope",
        "consent_review_by",
    }


def test_take_down_unpublishes_removes_renditions_and_logs(client, editor, alassane):
    client.get(alassane.url)  # makes the portrait's renditions
    portrait = alassane.portrait
    assert portrait.renditions.exists()
    take_down(alassane, user=editor)
    alassane.refresh_from_db()
    assert not alassane.live
    assert not portrait.renditions.exists()
    assert client.get(alassane.url).status_code == 404
    entry = PageLogEntry.objects.get(page=alassane, action=TAKEDOWN_ACTION)
    assert entry.user == editor
    assert PageLogEntry.objects.filter(
        page=alassane, action="wagtail.unpublish"
    ).exists()


def test_take_down_covers_every_translation(client, editor, alassane):
    english = alassane.copy_for_translation(factories.locale("en"), copy_parents=True)
    english.save_revision().publish()
    assert client.get(english.url).status_code == 200
    confirm = client.get(reverse("wagtail_defenders_takedown", args=[alassane.pk]))
    assert english.title in confirm.content.decode()
    taken_down = take_down(alassane, user=editor)
    assert {page.pk for page in taken_down} == {alassane.pk, english.pk}
    assert not DefenderPage.objects.get(pk=english.pk).live
    assert client.get(english.url).status_code == 404
    assert PageLogEntry.objects.filter(page=english, action=TAKEDOWN_ACTION).exists()


def test_take_down_through_the_admin(client, editor, alassane):
    url = reverse("wagtail_defenders_takedown", args=[alassane.pk])
    edit_html = client.get(
        reverse("wagtailadmin_pages:edit", args=[alassane.pk])
    ).content.decode()
    assert url in edit_html
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    assert not DefenderPage.objects.get(pk=alassane.pk).live


def test_take_down_needs_the_unpublish_permission(client, alassane):
    user = get_user_model().objects.create_user("visitor", "v@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    url = reverse("wagtail_defenders_takedown", args=[alassane.pk])
    for method in (client.get, client.post):
        response = method(url)
        # Wagtail's admin turns PermissionDenied into a redirect with a message
        assert response.status_code in (302, 403)
        assert b"Yes, take it down" not in response.content
    assert DefenderPage.objects.get(pk=alassane.pk).live


def test_consent_report_lists_profiles_past_their_review_date(
    client, editor, index, terms, alassane
):
    publish(alassane, consent_review_by=datetime.date(2020, 1, 1))
    later = factories.profile(
        index,
        "Binta",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["pers"]],
    )
    publish(
        later, consent_review_by=datetime.date.today() + datetime.timedelta(days=30)
    )
    html = client.get(reverse("wagtail_defenders_consent_reviews")).content.decode()
    assert "Alassane" in html
    assert "Binta" not in html
    assert (
        "Consent reviews due"
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_every_page_taken_down_shows_it_in_its_own_history(client, editor, alassane):
    """One takedown acts on every translation; Wagtail's history view keeps one
    entry per UUID and action, so each page's entries need a UUID of their own."""
    english = alassane.copy_for_translation(factories.locale("en"), copy_parents=True)
    english.save_revision().publish()
    response = client.post(reverse("wagtail_defenders_takedown", args=[alassane.pk]))
    assert response.status_code == 302
    for page in (alassane, english):
        html = client.get(
            reverse("wagtailadmin_pages:history", args=[page.pk])
        ).content.decode()
        assert "Taken down" in html, page
        assert "Unpublished" in html, page
    entries = PageLogEntry.objects.filter(action=TAKEDOWN_ACTION)
    assert entries.count() == 2
    assert len({entry.uuid for entry in entries}) == 2
