"""Consent recorded per use: the switches follow it, withdrawing it acts, the
records stay out of translations, and the migration keeps existing switches."""

from __future__ import annotations

import datetime
import importlib
import io

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.users.models import UserProfile

from tests import factories
from tests.translation.workflow import submit, translate
from wagtail_defenders.models import ConsentRecord, ConsentUse, DefenderPage
from wagtail_defenders.takedown import TAKEDOWN_ACTION

pytestmark = pytest.mark.django_db

GIVEN = datetime.date(2026, 1, 10)
YESTERDAY = datetime.date.today() - datetime.timedelta(days=1)


@pytest.fixture
def alassane(index, terms):
    return factories.alassane(index, terms, portrait=factories.image("consent-portret"))


def record(use, language=None, **dates):
    return ConsentRecord(use=use, language=language, given_on=GIVEN, **dates)


def publish_with(page, records, user=None):
    page = DefenderPage.objects.get(pk=page.pk)
    page.consent_records = records
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision(user=user).publish(user=user)
    return DefenderPage.objects.get(pk=page.pk)


def test_without_records_the_editors_switches_stand(alassane):
    assert alassane.consent_reasons() == {}
    assert not alassane.withhold_portrait


def test_the_switches_follow_the_records(client, alassane):
    alassane = publish_with(
        alassane, [record(ConsentUse.STORY), record(ConsentUse.API)]
    )
    assert alassane.withhold_portrait
    assert alassane.hide_from_search_engines
    assert not alassane.hide_from_api
    html = client.get(alassane.url)
    assert html["X-Robots-Tag"].startswith("noindex")
    assert b"consent-portret" not in html.content


def test_the_editor_sees_why_a_switch_is_set(client, editor, alassane):
    publish_with(
        alassane,
        [
            record(ConsentUse.STORY),
            record(ConsentUse.API),
            record(ConsentUse.SEARCH_ENGINES),
            record(ConsentUse.PORTRAIT, withdrawn_on=YESTERDAY),
        ],
    )
    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[alassane.pk])
    ).content.decode()
    assert "Set by the consent records" in html
    assert "withhold the portrait" in html
    assert "was withdrawn on" in html


def test_withdrawing_the_story_takes_every_translation_down(editor, alassane):
    en = factories.locale("en")
    submit(alassane, en)
    translate(alassane, en)
    english = DefenderPage.objects.get(
        translation_key=alassane.translation_key, locale=en
    )
    assert english.live
    publish_with(
        alassane,
        [record(ConsentUse.STORY, withdrawn_on=datetime.date.today())],
        user=editor,
    )
    for page in (alassane, english):
        assert not DefenderPage.objects.get(pk=page.pk).live
        assert PageLogEntry.objects.filter(page=page, action=TAKEDOWN_ACTION).exists()


def test_withdrawing_a_language_takes_that_translation_down(editor, alassane):
    en = factories.locale("en")
    submit(alassane, en)
    translate(alassane, en)
    publish_with(
        alassane,
        [
            record(ConsentUse.STORY),
            record(ConsentUse.LANGUAGE, language=en, withdrawn_on=YESTERDAY),
        ],
    )
    english = DefenderPage.objects.get(
        translation_key=alassane.translation_key, locale=en
    )
    assert not english.live
    assert DefenderPage.objects.get(pk=alassane.pk).live


def test_withdrawing_the_portrait_withholds_it_everywhere(client, alassane):
    en = factories.locale("en")
    submit(alassane, en)
    translate(alassane, en)
    client.get(alassane.url)
    portrait = alassane.portrait
    assert portrait.renditions.exists()
    publish_with(
        alassane,
        [
            record(ConsentUse.STORY),
            record(ConsentUse.API),
            record(ConsentUse.SEARCH_ENGINES),
            record(ConsentUse.PORTRAIT, withdrawn_on=YESTERDAY),
        ],
    )
    english = DefenderPage.objects.get(
        translation_key=alassane.translation_key, locale=en
    )
    assert english.withhold_portrait
    assert DefenderPage.objects.get(pk=alassane.pk).withhold_portrait
    assert not portrait.renditions.exists()
    assert b"consent-portret" not in client.get(english.url).content


def test_records_are_not_copied_into_translations(alassane):
    alassane = publish_with(
        alassane,
        [record(ConsentUse.STORY), record(ConsentUse.PORTRAIT), record(ConsentUse.API)],
    )
    en = factories.locale("en")
    submit(alassane, en)
    translate(alassane, en)
    english = DefenderPage.objects.get(
        translation_key=alassane.translation_key, locale=en
    )
    assert not ConsentRecord.objects.filter(page=english).exists()
    assert ConsentRecord.objects.filter(page=alassane).count() == 3
    # The switches follow the source all the same.
    assert english.hide_from_search_engines
    assert not english.withhold_portrait


def test_the_migration_keeps_existing_switches(index, terms):
    """Profiles as they were before the records: the data migration's records
    give every profile the switches it had (run on the migrated schema: the
    migration executor cannot go back inside a test's transaction on SQLite)."""
    migration = importlib.import_module(
        "wagtail_defenders.migrations.0004_consent_records"
    )
    states = {}
    cases = [
        (False, False, False, GIVEN),
        (True, False, True, GIVEN),
        (True, True, True, None),
        (False, True, False, GIVEN),
        (False, False, False, None),
    ]
    for number, (withhold, api, search, given) in enumerate(cases):
        profile = factories.profile(
            index,
            f"Old {number}",
            country=terms["mali"],
            city=terms["utrecht"],
            themes=[terms["pers"]],
        )
        DefenderPage.objects.filter(pk=profile.pk).update(
            withhold_portrait=withhold,
            hide_from_api=api,
            hide_from_search_engines=search,
            consent_given_on=given,
            consent_review_by=given and given + datetime.timedelta(days=365),
        )
        states[profile.pk] = (withhold, api, search)
    migration.records_from_consent_fields(django_apps, None)
    assert ConsentRecord.objects.filter(use=ConsentUse.STORY).count() == 3
    for pk, switches in states.items():
        page = DefenderPage.objects.get(pk=pk)
        page.save_revision().publish()  # the switches are derived again
        page = DefenderPage.objects.get(pk=pk)
        assert (
            page.withhold_portrait,
            page.hide_from_api,
            page.hide_from_search_engines,
        ) == switches, pk


def test_withdrawing_through_the_edit_view_takes_the_profile_down(
    client, editor, alassane, terms
):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    data = nested_form_data(
        {
            "title": alassane.title,
            "slug": alassane.slug,
            "introduction": alassane.introduction,
            "portrait": str(alassane.portrait_id),
            "portrait_alt_text": "",
            "country": str(terms["mali"].pk),
            "city": str(terms["den-haag"].pk),
            "year": "2024",
            "naming": "first_name",
            "body-count": "0",
            "defender_themes": inline_formset([{"theme": str(terms["lhbti"].pk)}]),
            "updates": inline_formset([]),
            "related_news": inline_formset([]),
            "consent_records": inline_formset(
                [
                    {
                        "use": "story",
                        "language": "",
                        "given_on": "2026-01-10",
                        "review_on": "",
                        "withdrawn_on": YESTERDAY.isoformat(),
                    }
                ]
            ),
            "action-publish": "action-publish",
        }
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[alassane.pk]), data
        )
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert ConsentRecord.objects.filter(page=alassane, use="story").exists()
    assert not DefenderPage.objects.get(pk=alassane.pk).live
    assert PageLogEntry.objects.filter(page=alassane, action=TAKEDOWN_ACTION).exists()


def test_report_shows_language_and_due_uses_and_marks_reviewed(
    client, editor, alassane
):
    en = factories.locale("en")
    alassane = publish_with(
        alassane,
        [
            record(ConsentUse.STORY, review_on=datetime.date(2026, 1, 1)),
            record(ConsentUse.LANGUAGE, language=en, review_on=YESTERDAY),
            record(ConsentUse.PORTRAIT, review_on=datetime.date.today()),
        ],
    )
    report = reverse("wagtail_defenders_consent_reviews")
    html = client.get(report).content.decode()
    assert "Alassane" in html
    assert "The story and the name" in html
    assert "English" in html
    assert "Nederlands" in html  # the profile's own language
    assert "The portrait" not in html  # due today, not past due
    response = client.post(
        reverse("wagtail_defenders_consent_reviewed", args=[alassane.pk])
    )
    assert response.status_code == 302
    next_review = datetime.date.today() + datetime.timedelta(days=365)
    assert set(
        ConsentRecord.objects.filter(page=alassane)
        .exclude(use=ConsentUse.PORTRAIT)
        .values_list("review_on", flat=True)
    ) == {next_review}
    results = reverse("wagtail_defenders_consent_reviews_results")
    assert "Alassane" not in client.get(results).content.decode()
    entry = PageLogEntry.objects.get(
        page=alassane, action="wagtail_defenders.consent_reviewed"
    )
    assert entry.user == editor
    history = client.get(
        reverse("wagtailadmin_pages:history", args=[alassane.pk])
    ).content.decode()
    assert "Consent reviewed" in history
    # Publishing the latest draft does not bring the old review dates back.
    DefenderPage.objects.get(pk=alassane.pk).latest_revision.publish()
    assert not ConsentRecord.objects.filter(
        page=alassane, review_on__lt=datetime.date.today()
    ).exists()


def test_marking_reviewed_needs_edit_permission(client, alassane):
    publish_with(alassane, [record(ConsentUse.STORY, review_on=YESTERDAY)])
    user = get_user_model().objects.create_user("visitor", "v@example.org", "pw")
    client.force_login(user)
    response = client.post(
        reverse("wagtail_defenders_consent_reviewed", args=[alassane.pk])
    )
    assert response.status_code in (302, 403)
    assert ConsentRecord.objects.get(page=alassane).review_on == YESTERDAY


def test_send_consent_reminders_emails_the_editors(
    client, editor, index, terms, alassane, mailoutbox
):
    from django.core.management import call_command

    author = get_user_model().objects.create_superuser(
        "author", "author@example.org", "pw"
    )
    publish_with(
        alassane,
        [record(ConsentUse.STORY, review_on=YESTERDAY), record(ConsentUse.PORTRAIT)],
        user=author,
    )
    later = factories.profile(
        index,
        "Binta",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["pers"]],
    )
    publish_with(later, [record(ConsentUse.STORY, review_on=datetime.date(2099, 1, 1))])
    out = io.StringIO()
    call_command("send_consent_reminders", stdout=out)
    assert [mail.to for mail in mailoutbox] == [["author@example.org"]]
    mail = mailoutbox[0]
    assert "Alassane" in mail.subject
    assert f"/admin/pages/{alassane.pk}/edit/" in mail.body
    assert "Binta" not in mail.body
    # Nothing personal beyond the title: no consent dates, no introduction.
    assert alassane.introduction not in mail.body
    assert "2026-01-10" not in mail.body
    output = out.getvalue()
    assert "1 profile(s) with a consent review due." in output
    assert f"Profile {alassane.pk}: 1 editor(s) e-mailed." in output
    assert "Alassane" not in output


def test_report_lists_each_language_once_and_links_to_the_safety_tab(
    client, editor, alassane
):
    """A record due on the source makes every translation due: one row per
    language; the translation's link to the Safety tab and its "Mark as
    reviewed" are the source's, which holds the records and the switches."""
    en = factories.locale("en")
    submit(alassane, en)
    translate(alassane, en)
    alassane = publish_with(alassane, [record(ConsentUse.STORY, review_on=YESTERDAY)])
    assert DefenderPage.objects.filter(
        translation_key=alassane.translation_key, locale=en
    ).exists()
    results = reverse("wagtail_defenders_consent_reviews_results")
    html = client.get(results).content.decode()
    rows = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("<tr>")[1:]
    assert len(rows) == 2
    languages = sorted(
        "Nederlands" if "Nederlands" in row else "English" for row in rows
    )
    assert languages == ["English", "Nederlands"]
    edit = reverse("wagtailadmin_pages:edit", args=[alassane.pk])
    assert html.count(f'href="{edit}#tab-safety"') == 2
    reviewed = reverse("wagtail_defenders_consent_reviewed", args=[alassane.pk])
    assert html.count(f'action="{reviewed}"') == 2
    assert all("The story and the name" in row for row in rows)
    # The Safety tab has that identifier whatever the admin language.
    profile = UserProfile.get_for_user(editor)
    for language in ("nl", "en"):
        profile.preferred_language = language
        profile.save()
        edit_html = client.get(edit).content.decode()
        assert 'id="tab-safety"' in edit_html
    client.post(reverse("wagtail_defenders_consent_reviewed", args=[alassane.pk]))
    assert "Alassane" not in client.get(results).content.decode()
