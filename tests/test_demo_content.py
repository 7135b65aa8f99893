"""The example site's demo content: loaded into a fresh database, in both languages,
and loading it again changes nothing."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from tests.example_site import MANAGE, ExampleSite

# The example site runs in its own processes on its own SQLite file.
pytestmark = pytest.mark.own_database


def snapshot(site: ExampleSite) -> dict[str, object]:
    """Every row of every table, and every media file, of the site."""
    tables: dict[str, object] = {}
    with sqlite3.connect(site.database) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
            )
        ]
        for name in names:
            rows = connection.execute(f'SELECT * FROM "{name}"').fetchall()  # noqa: S608
            tables[name] = sorted(rows, key=repr)
    tables["media files"] = sorted(
        (
            str(path.relative_to(site.media)),
            hashlib.sha256(path.read_bytes()).hexdigest(),
        )
        for path in Path(site.media).rglob("*")
        if path.is_file()
    )
    return tables


def query(site: ExampleSite, sql: str, *parameters) -> list[tuple]:
    with sqlite3.connect(site.database) as connection:
        return connection.execute(sql, parameters).fetchall()


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> tuple[ExampleSite, str]:
    if not MANAGE.exists():
        pytest.skip("example_project/ is not part of this checkout (an sdist)")
    site = ExampleSite(tmp_path_factory.mktemp("demo-site"))
    return site, site.prepare()


def test_loader_prints_what_it_creates_and_the_admin_login(demo_site):
    site, output = demo_site
    assert "created defender page 'Alassane' (nl)" in output
    assert "created defender page 'Alassane' (en)" in output
    assert "created theme LHBTI (nl)" in output
    assert "created theme LGBTI (en)" in output
    assert "user 'admin', password 'shelter-city-demo'" in output


def test_every_profile_and_term_exists_in_both_languages(demo_site):
    site, _ = demo_site
    for table in (
        "wagtail_defenders_theme",
        "wagtail_defenders_country",
        "wagtail_defenders_city",
    ):
        per_language = dict(
            query(
                site,
                f"SELECT l.language_code, count(*) FROM {table} t "  # noqa: S608
                "JOIN wagtailcore_locale l ON t.locale_id = l.id GROUP BY l.language_code",
            )
        )
        assert per_language["nl"] == per_language["en"] > 0, table
    profiles = dict(
        query(
            site,
            "SELECT l.language_code, count(*) FROM wagtail_defenders_defenderpage d "
            "JOIN wagtailcore_page p ON p.id = d.page_ptr_id "
            "JOIN wagtailcore_locale l ON p.locale_id = l.id "
            "WHERE p.live GROUP BY l.language_code",
        )
    )
    assert profiles["nl"] == profiles["en"] >= 10


def test_country_names_come_from_django_countries(demo_site):
    site, _ = demo_site
    names = dict(
        query(
            site,
            "SELECT l.language_code || ':' || c.code, c.name FROM wagtail_defenders_country c "
            "JOIN wagtailcore_locale l ON c.locale_id = l.id",
        )
    )
    assert names["nl:ET"] == "Ethiopië"
    assert names["en:ET"] == "Ethiopia"
    assert names["nl:NL"] == "Nederland"


def test_english_alassane_points_at_english_terms_and_news(demo_site):
    site, _ = demo_site
    ((page_id, city, country),) = query(
        site,
        "SELECT p.id, city.name, country.name FROM wagtailcore_page p "
        "JOIN wagtailcore_locale l ON p.locale_id = l.id "
        "JOIN wagtail_defenders_defenderpage d ON d.page_ptr_id = p.id "
        "JOIN wagtail_defenders_city city ON d.city_id = city.id "
        "JOIN wagtail_defenders_country country ON d.country_id = country.id "
        "WHERE p.slug = 'alassane' AND l.language_code = 'en'",
    )
    assert (city, country) == ("The Hague", "Mali")
    themes = query(
        site,
        "SELECT t.name, t.slug FROM wagtail_defenders_defenderpagetheme link "
        "JOIN wagtail_defenders_theme t ON link.theme_id = t.id WHERE link.page_id = ?",
        page_id,
    )
    assert themes == [("LGBTI", "lgbti")]
    # The related news links are copied, as wagtail-localize copies them; the
    # profile shows each news item in its own language (see the admin test below).
    assert query(
        site,
        "SELECT count(*) FROM wagtail_defenders_defenderrelatednews WHERE page_id = ?",
        page_id,
    ) == [(2,)]


def test_french_and_arabic_site_terms_and_profiles(demo_site):
    site, output = demo_site
    assert "created defender page 'Alassane' (ar)" in output
    assert "created theme Droits des femmes (fr)" in output
    for table in (
        "wagtail_defenders_theme",
        "wagtail_defenders_country",
        "wagtail_defenders_city",
    ):
        per_language = dict(
            query(
                site,
                f"SELECT l.language_code, count(*) FROM {table} t "  # noqa: S608
                "JOIN wagtailcore_locale l ON t.locale_id = l.id GROUP BY l.language_code",
            )
        )
        assert per_language["fr"] == per_language["ar"] == per_language["nl"], table
    names = dict(
        query(
            site,
            "SELECT l.language_code, c.name FROM wagtail_defenders_country c "
            "JOIN wagtailcore_locale l ON c.locale_id = l.id WHERE c.code = 'ML'",
        )
    )
    assert names["fr"] == "Mali" and names["ar"] == "مالي"
    live = query(
        site,
        "SELECT l.language_code, p.title FROM wagtailcore_page p "
        "JOIN wagtail_defenders_defenderpage d ON d.page_ptr_id = p.id "
        "JOIN wagtailcore_locale l ON p.locale_id = l.id "
        "WHERE p.live AND l.language_code IN ('fr', 'ar') ORDER BY 1, 2",
    )
    assert live == [
        ("ar", "Alassane"),
        ("ar", "Aminata"),
        ("fr", "Alassane"),
        ("fr", "Aminata"),
    ]


def test_everything_is_translated_through_wagtail_localize(demo_site):
    """Each translation has wagtail-localize's records, with every segment translated."""
    site, _ = demo_site
    untracked = query(
        site,
        "SELECT p.title, l.language_code FROM wagtailcore_page p "
        "JOIN wagtailcore_locale l ON p.locale_id = l.id "
        "WHERE p.depth > 1 AND l.language_code != 'nl' AND NOT EXISTS ("
        " SELECT 1 FROM wagtail_localize_translation t"
        " JOIN wagtail_localize_translationsource s ON t.source_id = s.id"
        " WHERE s.object_id = p.translation_key AND t.target_locale_id = p.locale_id)",
    )
    assert untracked == []
    for table in (
        "wagtail_defenders_theme",
        "wagtail_defenders_country",
        "wagtail_defenders_city",
    ):
        untracked = query(
            site,
            f"SELECT x.name FROM {table} x "  # noqa: S608
            "JOIN wagtailcore_locale l ON x.locale_id = l.id "
            "WHERE l.language_code != 'nl' AND NOT EXISTS ("
            " SELECT 1 FROM wagtail_localize_translation t"
            " JOIN wagtail_localize_translationsource s ON t.source_id = s.id"
            " WHERE s.object_id = x.translation_key AND t.target_locale_id = x.locale_id)",
        )
        assert untracked == [], table
    missing = query(
        site,
        "SELECT count(*) FROM wagtail_localize_translation t "
        "JOIN wagtail_localize_stringsegment seg ON seg.source_id = t.source_id "
        "WHERE NOT EXISTS (SELECT 1 FROM wagtail_localize_stringtranslation st"
        " WHERE st.translation_of_id = seg.string_id AND st.context_id = seg.context_id"
        " AND st.locale_id = t.target_locale_id)",
    )
    assert missing == [(0,)]


ADMIN_CHECK = """
import json
from django.test import Client
from django.urls import reverse
from wagtail_localize.models import TranslationSource
from wagtail_defenders.models import DefenderPage

client = Client(HTTP_HOST="localhost")
client.login(username="admin", password="shelter-city-demo")
result = {}
for slug in ("alassane", "joseph"):
    dutch = DefenderPage.objects.get(slug=slug, locale__language_code="nl")
    html = client.get(reverse("wagtailadmin_pages:edit", args=[dutch.pk])).content.decode()
    source = TranslationSource.objects.get_for_instance(dutch)
    result[slug] = {
        "sync": reverse("wagtail_localize:update_translations", args=[source.pk]) in html,
        "translate": reverse("wagtail_localize:submit_page_translation", args=[dutch.pk]) in html,
    }
english = DefenderPage.objects.get(slug="alassane", locale__language_code="en")
response = client.post(
    reverse("wagtail_localize:update_translations", args=[source.pk]),
    {"publish_translations": "on"},
)
result["sync_status"] = response.status_code
page = client.get("/ar/almudafieun/alassane/")
result["arabic"] = [page.status_code, 'dir="rtl"' in page.content.decode()]
english = DefenderPage.objects.get(pk=english.pk)
result["english_after_sync"] = [english.title, english.introduction[:30], english.live]
result["english_news"] = [link.title for link in english.get_related_news()]
print("RESULT" + json.dumps(result))
"""


def test_the_admin_offers_translate_and_sync_for_demo_profiles(demo_site, tmp_path):
    site, _ = demo_site
    copy = site.copy(tmp_path)  # the sync below changes the database
    output = copy.manage("shell", "-c", ADMIN_CHECK)
    result = json.loads(output.split("RESULT", 1)[1])
    # Alassane is in every language: Sync; Joseph in two of four: Translate and Sync.
    assert result["alassane"] == {"sync": True, "translate": False}
    assert result["joseph"] == {"sync": True, "translate": True}
    assert result["sync_status"] == 302
    assert result["english_after_sync"] == [
        "Alassane",
        "Alassane is a young human righ",
        True,
    ]
    assert result["english_news"] == [
        "An evening on LGBTI rights in West Africa",
        "What a Shelter City does",
    ]
    assert result["arabic"] == [200, True]


def test_loading_twice_creates_nothing_and_changes_nothing(demo_site):
    site, _ = demo_site
    before = snapshot(site)
    output = site.manage("load_demo_content")
    assert "Nothing to do" in output
    assert "created" not in output
    after = snapshot(site)
    changed = [table for table in before if before[table] != after.get(table)]
    assert changed == []


SITE_CHECK = """
import json
from wagtail.models import Site
from wagtail_defenders.models import DefenderPage

site = Site.objects.get(is_default_site=True)
alassane = DefenderPage.objects.get(slug="alassane", locale__language_code="en")
print("RESULT" + json.dumps([site.hostname, site.port, alassane.full_url]))
"""


def test_the_site_record_is_the_address_dev_py_demo_serves(demo_site):
    """127.0.0.1:8000, so the absolute URLs of the APIs can be fetched."""
    site, _ = demo_site
    output = site.manage("shell", "-c", SITE_CHECK)
    hostname, port, url = json.loads(output.split("RESULT", 1)[1])
    assert (hostname, port) == ("127.0.0.1", 8000)
    assert url == "http://127.0.0.1:8000/en/defenders/alassane/"


def test_several_defenders_have_a_status_and_a_history(demo_site):
    """Issue 16: the demo gives a few defenders a status, dated updates (one an
    editor's note) and calls to action, in both languages."""
    site, _ = demo_site
    rows = query(
        site,
        "SELECT p.slug, l.language_code, s.code, s.name, sl.language_code "
        "FROM wagtail_defenders_defenderpage d "
        "JOIN wagtailcore_page p ON p.id = d.page_ptr_id "
        "JOIN wagtailcore_locale l ON p.locale_id = l.id "
        "JOIN wagtail_defenders_status s ON s.id = d.status_id "
        "JOIN wagtailcore_locale sl ON s.locale_id = sl.id WHERE p.live",
    )
    with_status = {(slug, language): code for slug, language, code, _n, _l in rows}
    assert len({slug for slug, _language in with_status}) >= 3
    assert with_status["dawit", "en"] == with_status["dawit", "nl"] == "in-exile"
    # Each translation shows the status in its own language.
    assert all(row[1] == row[4] for row in rows)
    updates = query(
        site,
        "SELECT p.slug, l.language_code, u.heading, u.is_public "
        "FROM wagtail_defenders_defenderupdate u "
        "JOIN wagtailcore_page p ON p.id = u.page_id "
        "JOIN wagtailcore_locale l ON u.locale_id = l.id",
    )
    assert ("dawit", "en", "Released on bail", 1) in updates
    assert ("joseph", "en", "Contact with lawyer", 0) in updates
    assert "Back home" in site.manage("shell", "-c", _PRINT_IRINA)


_PRINT_IRINA = (
    "from wagtail_defenders.models import DefenderPage;"
    "page = DefenderPage.objects.get(slug='irina', locale__language_code='en');"
    "print([update.heading for update in page.public_updates])"
)


GRAPHQL_CHECK = """
import json
from django.test import Client

client = Client(HTTP_HOST="127.0.0.1:8000")
query = '{ defenders(locale: "en", country: "ML") { items { title htmlUrl } } }'
answer = client.post("/graphql/", {"query": query}, content_type="application/json")
graphiql = client.get("/graphiql/")
print("RESULT" + json.dumps([answer.status_code, answer.json(), graphiql.status_code]))
"""


def test_graphql_and_graphiql_are_mounted(demo_site):
    """grapple's /graphql/ answers a query with the demo's profiles, and GraphiQL
    is at /graphiql/ (the dev settings)."""
    site, _ = demo_site
    output = site.manage("shell", "-c", GRAPHQL_CHECK)
    status, answer, graphiql = json.loads(output.split("RESULT", 1)[1])
    assert status == 200, answer
    items = answer["data"]["defenders"]["items"]
    assert "Alassane" in [item["title"] for item in items]
    assert all(
        item["htmlUrl"].startswith("http://127.0.0.1:8000/en/") for item in items
    )
    assert graphiql == 200


def test_english_news_pages_have_english_slugs(demo_site):
    """Issue 19: an English news page lives at an English address."""
    site, _ = demo_site
    paths = {
        language: sorted(path.rstrip("/").rsplit("/", 1)[1] for (path,) in rows)
        for language in ("nl", "en")
        if (
            rows := query(
                site,
                "SELECT p.url_path FROM wagtailcore_page p "
                "JOIN wagtailcore_locale l ON p.locale_id = l.id "
                "JOIN news_newspage n ON n.page_ptr_id = p.id "
                "WHERE l.language_code = ?",
                language,
            )
        )
    }
    assert "what-a-shelter-city-does" in paths["en"]
    assert "wat-een-shelter-city-doet" in paths["nl"]
    assert not set(paths["nl"]) & set(paths["en"])


def test_the_loader_leaves_no_redirects(demo_site):
    """The translations' first slugs (the source's, renamed at once by
    wagtail-localize) leave no automatic redirects behind."""
    site, output = demo_site
    assert query(site, "SELECT old_path FROM wagtailredirects_redirect") == []
    assert "removed" in output and "automatic redirects" in output


def test_news_translations_keep_the_news_date_as_first_publication(demo_site):
    """A profile's related news shows when each was first published: the news
    item's own date in every language, not the day the demo was loaded."""
    site, _ = demo_site
    rows = query(
        site,
        "SELECT n.date, date(p.first_published_at) FROM news_newspage n "
        "JOIN wagtailcore_page p ON n.page_ptr_id = p.id",
    )
    assert len(rows) == 10
    assert all(date == published for date, published in rows)
