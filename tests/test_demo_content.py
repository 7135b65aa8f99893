"""The example site's demo content: loaded into a fresh database, in both languages,
and loading it again changes nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from tests.example_site import MANAGE, ExampleSite


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
    news_languages = query(
        site,
        "SELECT l.language_code FROM wagtail_defenders_defenderrelatednews link "
        "JOIN wagtailcore_page p ON link.news_page_id = p.id "
        "JOIN wagtailcore_locale l ON p.locale_id = l.id WHERE link.page_id = ?",
        page_id,
    )
    assert news_languages and {row[0] for row in news_languages} == {"en"}


def test_loading_twice_creates_nothing_and_changes_nothing(demo_site):
    site, _ = demo_site
    before = snapshot(site)
    output = site.manage("load_demo_content")
    assert "Nothing to do" in output
    assert "created" not in output
    after = snapshot(site)
    changed = [table for table in before if before[table] != after.get(table)]
    assert changed == []
