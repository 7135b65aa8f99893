"""Erasure: after it, nothing about the profile is left in any table or in the
media storage, but one record of who erased a profile and when."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, WorkflowState
from wagtail.users.models import UserProfile

from tests import factories
from tests.translation.workflow import submit, translate
from wagtail_defenders.erasure import ERASURE_ACTION, erase_profile
from wagtail_defenders.models import DefenderPage, Theme

pytestmark = pytest.mark.django_db

TITLE = "Zarafshan Qorbanikova"
INTRODUCTION = "Xyloquintessa campaigned for Vortenbrinck families."
PORTRAIT = "zarafshanportret"
# What must be found nowhere: each word on its own too, since a search index
# keeps words, not sentences.
NEEDLES = ["Zarafshan", "Qorbanikova", "Xyloquintessa", "Vortenbrinck", PORTRAIT]


@pytest.fixture
def admin_user(client):
    user = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
    UserProfile.objects.update_or_create(
        user=user, defaults={"preferred_language": "en"}
    )
    client.force_login(user)
    return user


@pytest.fixture
def zarafshan(index, terms, admin_user):
    # An earlier run stopped half way may have left its files: the storage
    # search below must see only this run's.
    for name in _media_files_containing(PORTRAIT):
        default_storage.delete(name)
    profile = factories.profile(
        index,
        TITLE,
        slug="zarafshan-qorbanikova",
        introduction=INTRODUCTION,
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
        portrait=factories.image(PORTRAIT),
    )
    # Revisions, log entries and a workflow state, as an editor leaves them.
    profile.introduction = INTRODUCTION + " Vortenbrinck again."
    profile.save_revision(user=admin_user, log_action=True).publish(user=admin_user)
    profile.save_revision(user=admin_user, log_action=True)
    workflow = profile.get_workflow()
    if workflow is not None:
        workflow.start(profile, admin_user)
    return DefenderPage.objects.get(pk=profile.pk)


def _rows_containing(needle: str) -> list[str]:
    """Every table and column (SQLite, PostgreSQL, MySQL/MariaDB) whose text holds ``needle``."""
    found = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema()"
            )
            columns = cursor.fetchall()
            template = 'SELECT 1 FROM "{t}" WHERE CAST("{c}" AS TEXT) ILIKE %s LIMIT 1'
        elif connection.vendor == "mysql":  # MySQL and MariaDB
            cursor.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = DATABASE()"
            )
            columns = cursor.fetchall()
            template = "SELECT 1 FROM `{t}` WHERE CAST(`{c}` AS CHAR) LIKE %s LIMIT 1"
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            columns = []
            for (table,) in cursor.fetchall():
                cursor.execute(f'PRAGMA table_info("{table}")')
                columns += [(table, row[1]) for row in cursor.fetchall()]
            template = 'SELECT 1 FROM "{t}" WHERE CAST("{c}" AS TEXT) LIKE %s LIMIT 1'
        for table, column in columns:
            cursor.execute(template.format(t=table, c=column), [f"%{needle}%"])
            if cursor.fetchone():
                found.append(f"{table}.{column}")
    return found


def _media_files_containing(needle: str, folder: str = "") -> list[str]:
    """The stored files whose names hold ``needle``, read through the storage
    (on disk or on S3)."""
    folders, files = default_storage.listdir(folder)
    found = [f"{folder}{name}" for name in files if needle in name]
    for name in folders:
        found += _media_files_containing(needle, f"{folder}{name}/")
    return found


def test_after_erasure_nothing_of_the_profile_is_left(
    client, admin_user, zarafshan, django_capture_on_commit_callbacks
):
    en = factories.locale("en")
    submit(zarafshan, en)
    translate(zarafshan, en)
    english = DefenderPage.objects.get(
        translation_key=zarafshan.translation_key, locale=en
    )
    alias = zarafshan.create_alias(update_slug="zarafshan-alias")
    client.get(zarafshan.url)  # renditions of the portrait
    news = factories.news(zarafshan.get_parent().get_parent(), "Nieuws over haar")
    for needle in NEEDLES:
        assert _rows_containing(needle), needle  # the test can fail
    assert _media_files_containing(PORTRAIT)
    assert WorkflowState.objects.filter(object_id=str(zarafshan.pk)).exists()

    with django_capture_on_commit_callbacks(execute=True):
        plan = erase_profile(zarafshan, user=admin_user)

    assert {page.pk for page in plan.pages} == {zarafshan.pk, english.pk, alias.pk}
    for needle in NEEDLES:
        assert _rows_containing(needle) == [], needle
    assert _media_files_containing(PORTRAIT) == []
    assert not Page.objects.filter(pk__in=[zarafshan.pk, english.pk, alias.pk])
    assert not WorkflowState.objects.filter(object_id=str(zarafshan.pk)).exists()
    # Related news and terms stay.
    assert Page.objects.filter(pk=news.pk).exists()
    assert Theme.objects.filter(name="LHBTI").exists()
    # One audit record: who and when, on the index, without a title or an id.
    entry = PageLogEntry.objects.get(action=ERASURE_ACTION)
    assert entry.user == admin_user
    assert entry.page_id == zarafshan.get_parent().pk
    assert entry.data == {}


def test_a_portrait_another_page_uses_is_kept(index, terms, zarafshan, admin_user):
    other = factories.profile(
        index,
        "Binta",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["pers"]],
        portrait=zarafshan.portrait,
    )
    plan = erase_profile(zarafshan, user=admin_user)
    assert plan.images == []
    assert plan.kept_images == [other.portrait]
    assert DefenderPage.objects.get(pk=other.pk).portrait_id == other.portrait_id


def test_erase_through_the_admin(client, admin_user, zarafshan):
    url = reverse("wagtail_defenders_erase", args=[zarafshan.pk])
    edit_html = client.get(
        reverse("wagtailadmin_pages:edit", args=[zarafshan.pk])
    ).content.decode()
    assert url in edit_html
    confirm = client.get(url).content.decode()
    assert TITLE in confirm
    assert PORTRAIT in confirm
    assert "Yes, erase it for good" in confirm
    response = client.post(url)
    assert response.status_code == 302
    assert not DefenderPage.objects.filter(pk=zarafshan.pk).exists()
    history = client.get(
        reverse("wagtailadmin_pages:history", args=[zarafshan.get_parent().pk])
    ).content.decode()
    assert "A profile below was erased" in history
    assert "Zarafshan" not in history


def test_only_administrators_may_erase(client, zarafshan):
    editor = get_user_model().objects.create_user("ed", "ed@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    url = reverse("wagtail_defenders_erase", args=[zarafshan.pk])
    edit_html = client.get(
        reverse("wagtailadmin_pages:edit", args=[zarafshan.pk])
    ).content.decode()
    assert url not in edit_html
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code in (302, 403)
        assert b"Yes, erase it for good" not in response.content
    assert DefenderPage.objects.filter(pk=zarafshan.pk).exists()


def test_erase_defender_command(zarafshan, capsys):
    call_command("erase_defender", str(zarafshan.pk), "--no-input")
    out = capsys.readouterr().out
    assert "Erased 1 page(s) and 1 image(s)." in out
    assert "Zarafshan" not in out
    assert not DefenderPage.objects.filter(pk=zarafshan.pk).exists()


def test_erasure_deletes_the_translators_words_for_the_profile(
    zarafshan, django_capture_on_commit_callbacks
):
    """A translation of the profile's own text (not a term's): its string goes with
    the profile, and so does the translation (wagtail-localize's receiver used to
    fail on it once its context was gone)."""
    from wagtail_localize.models import StringTranslation

    en = factories.locale("en")
    submit(zarafshan, en)
    introduction = DefenderPage.objects.get(pk=zarafshan.pk).introduction
    translate(zarafshan, en, {introduction: "Xyloquintessa, in English."})
    assert StringTranslation.objects.filter(data__contains="Xyloquintessa").exists()
    # One left without a context by an earlier change, as wagtail-localize does.
    orphan = StringTranslation.objects.get(data__contains="Xyloquintessa")
    StringTranslation.objects.filter(pk=orphan.pk).update(context=None)
    with django_capture_on_commit_callbacks(execute=True):
        erase_profile(zarafshan)
    assert not StringTranslation.objects.filter(data__contains="Xyloquintessa").exists()
