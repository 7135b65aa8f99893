"""Reports → Profile translations: each profile in each locale, with its status.

Driven through the admin URL with the test client, with translations made the
ways an editor makes them: wagtail-localize's "Translate" (``translate_object``),
its publish and "Sync translated pages", and translations made by hand
(``copy_for_translation``). The statuses follow the rule of
:mod:`wagtail_defenders.models.translation_status`.
"""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import GroupPagePermission, Locale
from wagtail.users.models import UserProfile
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import translate_object

from tests import factories
from wagtail_defenders.models import DefenderPage
from wagtail_defenders.models.translation_status import (
    TranslationStatus,
    translation_statuses,
)

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/profile-translations/"


def fresh(page):
    return DefenderPage.objects.get(pk=page.pk)


def editor(username: str = "editor", superuser: bool = True, language: str = "en"):
    User = get_user_model()
    if superuser:
        user = User.objects.create_superuser(username, f"{username}@example.org", "pw")
    else:
        user = User.objects.create_user(username, f"{username}@example.org", "pw")
        user.user_permissions.add(
            Permission.objects.get(
                codename="access_admin", content_type__app_label="wagtailadmin"
            )
        )
    UserProfile.get_for_user(user).__class__.objects.filter(user=user).update(
        preferred_language=language
    )
    return user


def localize_translate(page, locale: Locale) -> DefenderPage:
    """The admin's Translate action, then the translator publishes every string."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        translate_object(fresh(page), [locale])
    source = TranslationSource.objects.get_for_instance(fresh(page))
    for segment in StringSegment.objects.filter(source=source).select_related(
        "string", "context"
    ):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": f"EN {segment.string.data}"},
        )
    with TestCase.captureOnCommitCallbacks(execute=True):
        Translation.objects.get(source=source, target_locale=locale).save_target(
            publish=True
        )
    return DefenderPage.objects.get(translation_key=page.translation_key, locale=locale)


def sync(page) -> None:
    """The admin's "Sync translated pages"."""
    source = TranslationSource.objects.get_for_instance(fresh(page))
    source.update_from_db()
    with TestCase.captureOnCommitCallbacks(execute=True):
        for translation in source.translations.filter(enabled=True):
            translation.save_target(publish=True)


def by_hand(page, locale: Locale, publish: bool = True) -> DefenderPage:
    translation = fresh(page).copy_for_translation(locale, copy_parents=True)
    translation.title = f"{page.title} (en)"
    revision = translation.save_revision()
    if publish:
        revision.publish()
    return fresh(translation)


def republish(page) -> None:
    page = fresh(page)
    page.introduction += " Bijgewerkt."
    page.save_revision().publish()


def make_profile(index, terms, title: str) -> DefenderPage:
    return factories.profile(
        index,
        title,
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
    )


def report_rows(client, query: str = "") -> dict[tuple[str, str], str]:
    response = client.get(f"{REPORT}?export=csv{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    return {(row["Profile"], row["Language"]): row["Status code"] for row in rows}


@pytest.fixture
def world(index, terms, en):
    """Five Dutch profiles whose English stands in each of the report's states."""
    profiles = {
        title: make_profile(index, terms, title)
        for title in ("Alassane", "Bertha", "Chen", "Dina", "Emeka")
    }
    localize_translate(profiles["Alassane"], en)  # up to date
    localize_translate(profiles["Bertha"], en)
    republish(profiles["Bertha"])  # changed since wagtail-localize read it
    by_hand(profiles["Chen"], en, publish=False)  # a draft
    by_hand(profiles["Dina"], en)  # up to date, by hand
    return profiles  # Emeka has no English


def test_each_status(client, world):
    client.force_login(editor())
    assert report_rows(client) == {
        ("Alassane", "en"): "up_to_date",
        ("Bertha", "en"): "out_of_date",
        ("Chen", "en"): "draft",
        ("Dina", "en"): "up_to_date",
        ("Emeka", "en"): "missing",
    }
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    for label in (
        "Missing",
        "Draft, not published",
        "Live and up to date",
        "Out of date with its source",
        "Source language",
        "Nederlands",
    ):
        assert label in html
    # Each row opens the translation where there is one, else the source.
    chen_en = DefenderPage.objects.get(
        translation_key=world["Chen"].translation_key, locale__language_code="en"
    )
    assert reverse("wagtailadmin_pages:edit", args=[chen_en.pk]) in html
    assert reverse("wagtailadmin_pages:edit", args=[world["Emeka"].pk]) in html


def test_sync_and_source_changes_move_a_row(client, world):
    client.force_login(editor())
    sync(world["Bertha"])
    republish(world["Dina"])  # the hand-made English is now older than its source
    rows = report_rows(client)
    assert rows[("Bertha", "en")] == "up_to_date"
    assert rows[("Dina", "en")] == "out_of_date"
    # A synced source whose translation was not published again is out of date.
    republish(world["Alassane"])
    TranslationSource.objects.get_for_instance(
        fresh(world["Alassane"])
    ).update_from_db()
    assert report_rows(client)[("Alassane", "en")] == "out_of_date"


def test_every_locale_gets_a_row(client, world):
    factories.locale("fr")
    client.force_login(editor())
    rows = report_rows(client)
    assert rows[("Alassane", "fr")] == rows[("Emeka", "fr")] == "missing"
    assert len(rows) == 10


def test_filters_by_locale_and_status(client, world):
    factories.locale("fr")
    client.force_login(editor())
    assert report_rows(client, "&locale=en&status=up_to_date") == {
        ("Alassane", "en"): "up_to_date",
        ("Dina", "en"): "up_to_date",
    }
    assert set(report_rows(client, "&status=draft&status=missing")) == {
        ("Chen", "en"),
        ("Emeka", "en"),
        *((title, "fr") for title in world),
    }
    response = client.get(f"{REPORT}results/?locale=fr&status=out_of_date")
    assert response.status_code == 200
    assert "Bertha" not in response.content.decode()


def test_the_export_speaks_the_editors_language(client, world):
    client.force_login(editor("redacteur", language="nl"))
    response = client.get(f"{REPORT}?export=csv&locale=en&status=missing")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(content)))
    assert header[0] == "Profiel"
    assert row[0] == "Emeka"
    assert "Ontbreekt" in row


def test_xlsx_export(client, world):
    client.force_login(editor())
    response = client.get(f"{REPORT}?export=xlsx&locale=en")
    assert response.status_code == 200
    assert "profile-translations-" in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content))
    ).active
    header, *rows = list(sheet.values)
    status = header.index("Status code")
    title = header.index("Profile")
    assert {row[title]: row[status] for row in rows} == {
        "Alassane": "up_to_date",
        "Bertha": "out_of_date",
        "Chen": "draft",
        "Dina": "up_to_date",
        "Emeka": "missing",
    }


def test_refused_without_page_permissions(client, world):
    client.force_login(editor("reader", superuser=False))
    for url in (REPORT, f"{REPORT}results/", f"{REPORT}?export=csv"):
        response = client.get(url)
        # Wagtail's admin answers PermissionDenied with a redirect to the dashboard.
        assert response.status_code == 302, url
        assert response["Location"] == "/admin/"
    menu = client.get("/admin/").content.decode()
    assert REPORT not in menu


def test_an_editor_sees_only_the_profiles_they_may_change(
    client, index, terms, en, home
):
    mine = make_profile(index, terms, "Alassane")
    other_index = factories.index_page(home, "Elders", "elders")
    make_profile(other_index, terms, "Bertha")
    group = Group.objects.create(name="Editors of one index")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=index,
        permission=Permission.objects.get(codename="change_page"),
    )
    user = editor("partial", superuser=False)
    user.groups.add(group)
    client.force_login(user)
    assert report_rows(client) == {("Alassane", "en"): "missing"}
    assert client.get("/admin/").content.decode().count(REPORT) == 1
    assert mine


def report_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(REPORT)
    assert response.status_code == 200
    return len(queries)


def test_queries_flat_in_the_number_of_profiles(client, world, index, terms, en):
    client.force_login(editor())
    client.get(REPORT)  # the session and the user's profile read once
    few = report_queries(client)
    for number in range(8):
        profile = make_profile(index, terms, f"Extra {number}")
        if number % 2:
            by_hand(profile, en)
    assert report_queries(client) == few
    assert few <= 25


def test_the_rule_without_the_admin(world, en):
    statuses = {
        (row.source.title, row.locale.language_code): row.status
        for row in translation_statuses()
    }
    assert statuses[("Emeka", "en")] is TranslationStatus.MISSING
    rows = {row.source.title: row for row in translation_statuses()}
    assert rows["Alassane"].managed_by_localize
    assert rows["Alassane"].source_synced_at is not None
    assert not rows["Dina"].managed_by_localize


def test_a_live_alias_is_up_to_date(client, index, terms, en):
    """An alias as wagtail-localize's locale synchronisation makes one."""
    followed = make_profile(index, terms, "Farida")
    fresh(followed).copy_for_translation(en, copy_parents=True, alias=True)
    republish(followed)  # the alias follows its source on publish
    client.force_login(editor())
    assert report_rows(client) == {("Farida", "en"): "up_to_date"}
