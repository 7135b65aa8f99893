"""The open-data export: ``manage.py export_defenders`` and an index page's
``export.csv`` / ``export.json`` (``wagtail_defenders.exchange``)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests import factories
from tests.api_world import body
from wagtail_defenders.exchange.columns import COLUMNS

pytestmark = pytest.mark.django_db


@pytest.fixture
def profiles(index, terms):
    """A public profile with a portrait, a withheld portrait, one kept out of
    the API, a draft and a private one."""
    news = factories.news(index.get_parent(), "Nieuws")
    public = factories.profile(
        index,
        "Alassane",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"], terms["pers"]],
        portrait=factories.image("alassane"),
        body=body(news, factories.image("meeting")),
        year=2023,
    )
    withheld = factories.profile(
        index,
        "Withheld",
        country=terms["nl"],
        city=terms["utrecht"],
        themes=[terms["pers"]],
        portrait=factories.image("withheld"),
    )
    withheld.withhold_portrait = True
    withheld.consent_scope = "SECRET-SCOPE name only"
    withheld.save_revision().publish()
    kept_out = factories.profile(
        index, "KeptOutOfApi", country=terms["nl"], city=terms["utrecht"], themes=[]
    )
    kept_out.hide_from_api = True
    kept_out.save_revision().publish()
    factories.profile(
        index,
        "DraftOnly",
        country=terms["nl"],
        city=terms["utrecht"],
        themes=[],
        live=False,
    )
    private = factories.profile(
        index, "PrivateOne", country=terms["nl"], city=terms["utrecht"], themes=[]
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type="password", password="x"
    )
    return {"public": public, "withheld": withheld}


def run_export(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("export_defenders", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_csv_export_has_the_import_columns_and_only_visible_profiles(profiles):
    rows = list(csv.DictReader(io.StringIO(run_export())))
    assert list(rows[0].keys()) == COLUMNS
    assert sorted(row["title"] for row in rows) == ["Alassane", "Withheld"]
    alassane = next(row for row in rows if row["title"] == "Alassane")
    assert alassane["country"] == "ML"
    assert alassane["city"] == "Den Haag"
    assert alassane["themes"] == "LHBTI|Persvrijheid"
    assert alassane["year"] == "2023"
    assert alassane["locale"] == "nl"
    assert alassane["portrait"].startswith("http://localhost/")
    assert "<h2>Bedreigingen</h2>" in alassane["body"]
    withheld = next(row for row in rows if row["title"] == "Withheld")
    assert withheld["portrait"] == "" and withheld["portrait_alt"] == ""


def test_export_never_holds_consent_fields_or_originals(profiles):
    for export_format in ("csv", "json"):
        text = run_export("--format", export_format)
        assert "SECRET-SCOPE" not in text
        assert "consent" not in text
        assert "original_images" not in text
        assert "/original_images/" not in text


def test_json_export_has_the_v2_detail_shape(profiles, client):
    document = json.loads(run_export("--format", "json", "--locale", "nl"))
    assert document["meta"]["total_count"] == 2
    item = next(i for i in document["items"] if i["title"] == "Alassane")
    detail = client.get(f"/api/v2/defenders/{item['id']}/").json()
    for name in ("title", "introduction", "country", "city", "themes", "stay"):
        assert item[name] == detail[name], name
    assert [block["type"] for block in item["body"]] == [
        block["type"] for block in detail["body"]
    ]
    assert item["body"][0]["value"]["text"] == detail["body"][0]["value"]["text"]
    assert set(item["meta"]) <= set(detail["meta"])
    withheld = next(i for i in document["items"] if i["title"] == "Withheld")
    assert withheld["portrait"] is None


def test_include_drafts_is_refused_without_the_confirmation(profiles):
    with pytest.raises(CommandError, match="i-know-this-exports-private-data"):
        run_export("--include-drafts")
    rows = list(
        csv.DictReader(
            io.StringIO(
                run_export("--include-drafts", "--i-know-this-exports-private-data")
            )
        )
    )
    titles = {row["title"] for row in rows}
    assert {"DraftOnly", "PrivateOne", "KeptOutOfApi"} <= titles
    assert not any("SECRET-SCOPE" in value for row in rows for value in row.values())


def test_unknown_site_and_locale_are_errors_that_list_what_exists(profiles):
    with pytest.raises(CommandError, match="localhost:80"):
        run_export("--site", "nowhere.example")
    with pytest.raises(CommandError, match="Languages: nl"):
        run_export("--locale", "xx")


def test_output_file(profiles, tmp_path):
    target = tmp_path / "out.json"
    run_export("--format", "json", "--output", str(target))
    assert json.loads(target.read_text())["meta"]["total_count"] == 2


def test_a_formula_in_a_cell_is_written_as_text(index, terms):
    factories.profile(
        index,
        "=HYPERLINK(1)",
        slug="formula",
        country=terms["nl"],
        city=terms["utrecht"],
        themes=[],
    )
    rows = list(csv.DictReader(io.StringIO(run_export())))
    assert rows[0]["title"] == "'=HYPERLINK(1)"


def add_profiles(index, terms, count: int, start: int = 0) -> None:
    """Profiles with a body that links a news page and shows an image."""
    news = factories.news(index.get_parent(), f"News {start}")
    factories.numbered_profiles(
        index,
        terms,
        count,
        start,
        body=lambda number: body(news, factories.image(f"m{number}", size=(8, 8))),
    )


@pytest.mark.parametrize("export_format", ["csv", "json"])
def test_export_queries_are_flat(index, terms, export_format):
    def count() -> int:
        run_export("--format", export_format)  # warm up: renditions made
        with CaptureQueriesContext(connection) as queries:
            run_export("--format", export_format)
        return len(queries)

    add_profiles(index, terms, 3)
    small = count()
    add_profiles(index, terms, 12, start=3)
    assert count() == small <= 10, small


# The downloads for visitors.


def test_downloads_are_off_by_default(client, profiles, index):
    assert client.get(f"{index.url}export.csv").status_code == 404


@pytest.fixture
def downloads_on(settings):
    settings.WAGTAIL_DEFENDERS = {
        **settings.WAGTAIL_DEFENDERS,
        "EXPORT_DOWNLOADS": True,
    }


def test_csv_download_with_the_index_filters(client, profiles, index, downloads_on):
    response = client.get(f"{index.url}export.csv?country=ML")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Content-Disposition"] == 'attachment; filename="defenders.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["title"] for row in rows] == ["Alassane"]


def test_json_download_leaves_out_what_the_api_leaves_out(
    client, profiles, index, downloads_on
):
    response = client.get(f"{index.url}export.json")
    assert response.status_code == 200
    titles = sorted(item["title"] for item in response.json()["items"])
    assert titles == ["Alassane", "Withheld"]


def test_download_bad_filter_is_a_400(client, profiles, index, downloads_on):
    response = client.get(f"{index.url}export.csv?year=twenty")
    assert response.status_code == 400
    assert response.content.startswith(b"year: ")


def test_download_of_a_private_index_is_a_404(client, profiles, index, downloads_on):
    PageViewRestriction.objects.create(
        page=index, restriction_type="password", password="x"
    )
    assert client.get(f"{index.url}export.json").status_code == 404


def test_download_elsewhere_is_a_404(client, profiles, home, downloads_on):
    assert client.get(f"{home.url}export.csv").status_code == 404
    assert client.get("/nothing-here/export.csv").status_code == 404


@pytest.mark.parametrize("path", ["export.csv", "export.json?theme=lhbti"])
def test_download_queries_are_flat(client, index, terms, settings, path):
    settings.WAGTAIL_DEFENDERS = {
        **settings.WAGTAIL_DEFENDERS,
        "EXPORT_DOWNLOADS": True,
        "CACHE_TIMEOUT": 0,
    }

    def count() -> int:
        client.get(f"{index.url}{path}")  # warm up: renditions, site root paths
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{index.url}{path}")
        assert response.status_code == 200
        return len(queries)

    add_profiles(index, terms, 3)
    small = count()
    add_profiles(index, terms, 12, start=3)
    # The export's own queries (test_export_queries_are_flat) and routing to the
    # index page, with its visibility check.
    assert count() == small <= 16, small


def test_export_carries_status_and_public_updates_only(index, terms):
    import datetime

    detained = factories.status("detained", "Gedetineerd")
    factories.profile(
        index,
        "Amina",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["pers"]],
        status=detained,
        updates=[
            {
                "date": datetime.date(2024, 3, 1),
                "heading": "Gearresteerd",
                "is_public": True,
                "status": detained,
            },
            {
                "date": datetime.date(2024, 4, 1),
                "heading": "EDITOR-NOTE-ONLY",
                "is_public": False,
            },
        ],
    )
    rows = list(csv.DictReader(io.StringIO(run_export())))
    assert rows[0]["status"] == "detained"
    document = json.loads(run_export("--format", "json"))
    item = document["items"][0]
    assert item["status"]["code"] == "detained"
    assert [update["heading"] for update in item["updates"]] == ["Gearresteerd"]
    assert item["last_updated"] == "2024-03-01"
    assert "EDITOR-NOTE-ONLY" not in json.dumps(document)
