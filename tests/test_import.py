"""``manage.py import_defenders``: CSV, JSON and WordPress (WXR) imports
(``wagtail_defenders.exchange``)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import ExifTags
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from tests import factories
from tests.api_world import translated_page
from tests.test_image_metadata import gps_exif
from wagtail_defenders.exchange.columns import COLUMNS
from wagtail_defenders.models import (
    City,
    Country,
    DefenderIndexPage,
    DefenderPage,
    SourceRecord,
    Theme,
)

pytestmark = pytest.mark.django_db

WXR = Path(__file__).parent / "fixtures" / "wordpress-export.xml"


@pytest.fixture
def bilingual_index(home, index):
    """The Dutch index page and its English version."""
    translated_page(home, title="Home EN")
    translated_page(index, title="Defenders EN")
    return index


@pytest.fixture
def uploads(tmp_path):
    """A copy of wp-content/uploads: the featured images, one with GPS in EXIF."""
    folder = tmp_path / "uploads"
    (folder / "2024" / "05").mkdir(parents=True)
    (folder / "2022" / "09").mkdir(parents=True)
    PILImage.new("RGB", (40, 30), (10, 200, 30)).save(
        folder / "2024" / "05" / "alassane.jpg", format="JPEG", exif=gps_exif()
    )
    PILImage.new("RGB", (20, 20), (0, 0, 255)).save(
        folder / "2022" / "09" / "sofia.png", format="PNG"
    )
    return folder


def run_import(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_defenders", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


WXR_ARGS = ("--category", "verdedigers,defenders", "--source", "wordpress")


def test_wxr_dry_run_reports_and_changes_nothing(bilingual_index, uploads):
    out, _err = run_import(WXR, *WXR_ARGS, "--images", uploads, "--dry-run")
    assert out.count(": would be created") == 4
    assert "shortcodes dropped: caption" in out
    assert "shortcodes dropped: gallery" in out
    assert "Dry run, nothing changed." in out
    assert "Alassane" not in out  # rows and ids, never a name
    assert not DefenderPage.objects.exists()
    assert not get_image_model().objects.exists()
    assert not Theme.objects.exists()
    assert not SourceRecord.objects.exists()


def test_wxr_import_makes_linked_draft_translations(bilingual_index, uploads):
    run_import(WXR, *WXR_ARGS, "--images", uploads)
    profiles = DefenderPage.objects.order_by("locale__language_code", "title")
    assert [(p.title, p.locale.language_code) for p in profiles] == [
        ("Alassane", "en"),
        ("Sofía – journalist", "en"),
        ("Alassane", "nl"),
        ("Sofía – journalist", "nl"),
    ]
    assert not any(profile.live for profile in profiles)  # drafts by default
    alassane_nl = profiles.get(locale__language_code="nl", slug="alassane")
    alassane_en = profiles.get(locale__language_code="en", slug="alassane")
    assert alassane_nl.translation_key == alassane_en.translation_key
    assert alassane_nl.get_parent().pk == bilingual_index.pk
    assert alassane_en.get_parent().locale.language_code == "en"
    sofia = profiles.filter(slug="sofia")
    assert len({profile.translation_key for profile in sofia}) == 1  # WPML's pair

    # "verdedigers" selects the profiles (--category): it is no theme.
    assert [theme.name for theme in alassane_nl.themes] == ["LHBTI"]
    assert alassane_nl.country.code == "ML" and alassane_nl.country.name == "Mali"
    assert alassane_nl.city.name == "Den Haag"
    assert alassane_nl.year == 2023  # the custom field
    assert alassane_en.year == 2024  # the post's date
    assert alassane_en.city.name == "The Hague"
    assert alassane_en.introduction == "Alassane is a human rights defender from Mali."
    assert alassane_nl.introduction.startswith(
        "Alassane is een mensenrechtenverdediger"
    )
    sofia_nl = sofia.get(locale__language_code="nl")
    assert sofia_nl.country.code == "NI"

    blocks = [(block.block_type, block.value) for block in alassane_nl.body]
    kinds = [value["kind"] for kind, value in blocks if kind == "section"]
    assert kinds == ["other", "about", "threats"]
    texts = " ".join(str(value["text"]) for kind, value in blocks if kind == "section")
    assert "<script" not in texts and "alert(1)" not in texts
    assert "onclick" not in texts and "[caption" not in texts
    assert blocks[-1][0] == "quote" and blocks[-1][1]["quote"] == "We gaan door."

    # One image for the pair, stripped of its GPS before it was stored.
    assert alassane_nl.portrait_id == alassane_en.portrait_id is not None
    assert alassane_nl.portrait_alt_text == "Alassane spreekt op een bijeenkomst"
    assert get_image_model().objects.count() == 2
    with alassane_nl.portrait.open_file() as stored:
        exif = PILImage.open(stored).getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)


def test_wxr_import_again_creates_nothing_twice(bilingual_index, uploads):
    run_import(WXR, *WXR_ARGS, "--images", uploads)
    counts = (
        DefenderPage.objects.count(),
        get_image_model().objects.count(),
        Theme.objects.count(),
        Country.objects.count(),
        City.objects.count(),
    )
    out, _err = run_import(WXR, *WXR_ARGS, "--images", uploads)
    assert out.count(": unchanged") == 4
    assert counts == (
        DefenderPage.objects.count(),
        get_image_model().objects.count(),
        Theme.objects.count(),
        Country.objects.count(),
        City.objects.count(),
    )


def test_publish(bilingual_index, uploads):
    run_import(WXR, *WXR_ARGS, "--images", uploads, "--publish")
    assert DefenderPage.objects.live().count() == 4


def write_csv(path: Path, rows: list[dict]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({name: row.get(name, "") for name in COLUMNS})
    return path


GOOD = {
    "source_id": "1",
    "locale": "nl",
    "title": "Amina",
    "introduction": "Amina verdedigt vrouwenrechten.",
    "country": "Mali",
    "city": "Utrecht",
    "themes": "Vrouwenrechten|LHBTI",
    "year": "2024",
    "body": "<h2>Bedreigingen</h2><p>Ze wordt bedreigd.</p>",
}


def test_csv_bad_rows_are_reported_and_the_others_imported(index, tmp_path):
    path = write_csv(
        tmp_path / "profiles.csv",
        [
            GOOD,
            {**GOOD, "source_id": "2", "year": "twenty"},
            {**GOOD, "source_id": "3", "country": "Atlantis"},
            {**GOOD, "source_id": "4", "title": ""},
            {**GOOD, "source_id": "5", "locale": "xx"},
            {**GOOD, "source_id": "6", "title": "Bram", "stay_start_date": "1 May"},
        ],
    )
    with pytest.raises(
        CommandError, match="1 created, 0 updated, 0 unchanged, 0 skipped, 5 failed"
    ):
        run_import(path)
    profile = DefenderPage.objects.get()
    assert profile.title == "Amina" and not profile.live
    assert profile.country.code == "ML"
    assert [theme.name for theme in profile.themes] == ["Vrouwenrechten", "LHBTI"]
    assert profile.body[0].value["kind"] == "threats"
    # Nothing is left of the bad rows: no term made for them either.
    assert not Country.objects.filter(name="Atlantis").exists()


def test_csv_problems_name_row_column_and_what_is_accepted(index, tmp_path):
    path = write_csv(
        tmp_path / "profiles.csv",
        [GOOD, {**GOOD, "source_id": "2", "year": "twenty", "country": "Atlantis"}],
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_defenders", str(path), stdout=io.StringIO(), stderr=err)
    report = err.getvalue()
    assert "row 3 (source id 2, nl): not imported" in report
    assert "year: a year such as 2024" in report
    assert "country: 'Atlantis' is no country's name, slug or ISO 3166-1" in report


def test_csv_without_required_columns_is_refused(index, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name,land\nAmina,Mali\n")
    with pytest.raises(CommandError, match="no column title, introduction, locale"):
        run_import(path)


def test_changed_row_updates_the_profile(index, tmp_path):
    path = write_csv(tmp_path / "p.csv", [GOOD])
    run_import(path)
    write_csv(path, [{**GOOD, "introduction": "Nieuw."}])
    out, _err = run_import(path)
    assert ": updated" in out
    profile = DefenderPage.objects.get()
    assert profile.get_latest_revision_as_object().introduction == "Nieuw."


def test_a_deleted_profile_is_never_imported_again(index, tmp_path):
    path = write_csv(tmp_path / "p.csv", [GOOD])
    run_import(path)
    DefenderPage.objects.get().delete()
    write_csv(path, [{**GOOD, "introduction": "Changed in the source."}])
    out, _err = run_import(path)
    assert ": skipped" in out and "its profile was deleted" in out
    assert not DefenderPage.objects.exists()


def test_an_index_must_be_chosen_when_there_are_several(home, index, tmp_path):
    factories.index_page(home, title="Other", slug="other")
    path = write_csv(tmp_path / "p.csv", [GOOD])
    with pytest.raises(CommandError, match="--index"):
        run_import(path)
    run_import(path, "--index", index.pk)
    assert DefenderPage.objects.child_of(index).count() == 1


@pytest.fixture
def exported_site(bilingual_index, terms):
    """A published Dutch profile and its English translation."""
    from tests.api_world import profile_translation, translate_term

    translate_term(terms["lhbti"], "LGBTI", "lgbti")
    translate_term(terms["mali"], "Mali", "mali-en")
    translate_term(terms["den-haag"], "The Hague", "the-hague")
    source = factories.profile(
        bilingual_index,
        "Alassane",
        slug="alassane",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
        year=2023,
        body=[
            (
                "section",
                {
                    "kind": "about",
                    "heading": "Over",
                    "text": "<p>Hij <b>werkt</b>.</p>",
                },
            ),
            ("quote", {"quote": "We gaan door.", "attribution": "A."}),
        ],
    )
    en_index = bilingual_index.get_translation(factories.locale("en"))
    profile_translation(
        source,
        en_index,
        "Alassane EN",
        terms,
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
    )
    return source


@pytest.fixture
def other_site(db):
    """A second site, Dutch and English, with an empty index page."""
    root = Page.get_first_root_node()
    home = factories.HomePage(
        title="Home B", slug="home-b", locale=factories.locale("nl")
    )
    root.add_child(instance=home)
    Site.objects.create(hostname="b.example", port=80, root_page=home)
    index = factories.index_page(home, title="B defenders", slug="b-defenders")
    translated_page(home, title="Home B EN")
    translated_page(index, title="B defenders EN")
    return index


@pytest.mark.parametrize("export_format", ["json", "csv"])
def test_round_trip_export_then_import_into_another_site(
    exported_site, other_site, tmp_path, export_format
):
    target = tmp_path / f"export.{export_format}"
    call_command(
        "export_defenders",
        "--format",
        export_format,
        "--output",
        str(target),
        stderr=io.StringIO(),
    )
    original = {
        (p.locale.language_code, p.title): p
        for p in DefenderPage.objects.child_of(exported_site.get_parent())
    } | {
        (p.locale.language_code, p.title): p
        for p in DefenderPage.objects.filter(locale__language_code="en")
    }
    run_import(target, "--index", other_site.pk, "--source", "site-a", "--publish")
    imported = DefenderPage.objects.exclude(pk__in=[p.pk for p in original.values()])
    assert sorted((p.locale.language_code, p.title) for p in imported) == sorted(
        original
    )
    assert len({p.translation_key for p in imported}) == 1  # still one profile
    assert {p.translation_key for p in imported} != {exported_site.translation_key}
    for profile in imported:
        source = original[(profile.locale.language_code, profile.title)]
        assert profile.introduction == source.introduction
        assert profile.year == source.year
        assert profile.country.code == source.country.code
        # As the export shows them: a translation's terms in its own language.
        shown = DefenderPage.objects.filter(pk=source.pk).for_listing()[0]
        assert [t.name for t in profile.themes] == [t.name for t in shown.themes]
        assert profile.city.name == shown.city.name
        assert profile.get_parent().get_parent().title.startswith("Home B")
    nl = imported.get(locale__language_code="nl")
    assert [block.block_type for block in nl.body] == ["section", "quote"]
    assert str(nl.body[0].value["text"]) == "<p>Hij <b>werkt</b>.</p>"
    out, _err = run_import(target, "--index", other_site.pk, "--source", "site-a")
    assert out.count(": unchanged") == 2


def test_json_that_is_no_export_is_refused(index, tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"hello": "world"}))
    with pytest.raises(CommandError, match="expected an export"):
        run_import(path)


def test_wxr_with_an_entity_declaration_is_refused(index, tmp_path):
    path = tmp_path / "bomb.xml"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel>'
        "<item><title>&a;</title></item></channel></rss>"
    )
    with pytest.raises(CommandError, match="not a WordPress export"):
        run_import(path)
    assert not DefenderIndexPage.objects.exclude(pk=index.pk).exists()


def test_status_by_code_or_name_and_never_made(index, tmp_path):
    factories.status("detained", "Gedetineerd")
    path = write_csv(
        tmp_path / "p.csv",
        [
            {**GOOD, "status": "detained"},
            {**GOOD, "source_id": "2", "title": "B", "status": "Gedetineerd"},
            {**GOOD, "source_id": "3", "title": "C", "status": "vanished-into-air"},
        ],
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_defenders", str(path), stdout=io.StringIO(), stderr=err)
    assert {p.status.code for p in DefenderPage.objects.all()} == {"detained"}
    assert DefenderPage.objects.count() == 2
    assert "status: no status 'vanished-into-air' in this language; use one of:" in (
        err.getvalue()
    )
    assert "detained" in err.getvalue()


def test_json_round_trip_carries_status_and_public_updates(index, terms, tmp_path):
    import datetime

    detained = factories.status("detained", "Gedetineerd")
    factories.profile(
        index,
        "Amina",
        slug="amina",
        country=terms["mali"],
        city=terms["utrecht"],
        themes=[terms["pers"]],
        status=detained,
        updates=[
            {
                "date": datetime.date(2024, 3, 1),
                "heading": "Gearresteerd",
                "is_public": True,
                "text": "<p>In <b>Bamako</b>.<script>x()</script></p>",
                "status": detained,
            },
            {"date": datetime.date(2024, 4, 1), "heading": "NOTE", "is_public": False},
        ],
    )
    target = tmp_path / "export.json"
    call_command(
        "export_defenders", "--format=json", f"--output={target}", stderr=io.StringIO()
    )
    other = factories.index_page(index.get_parent(), title="Other", slug="other")
    run_import(target, "--index", other.pk, "--source", "a")
    imported = DefenderPage.objects.child_of(other).get()
    assert imported.status.code == "detained"
    updates = list(imported.updates.all())
    assert [(u.heading, u.is_public, u.status.code) for u in updates] == [
        ("Gearresteerd", True, "detained")
    ]
    assert str(updates[0].text) == "<p>In <b>Bamako</b>.</p>"
