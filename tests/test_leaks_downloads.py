"""What feed readers and an export get leaks nothing (the leak matrix,
``tests/leak_matrix.py``): the RSS and Atom feeds, the export command and the
downloads."""

from __future__ import annotations

import pytest

from tests.leak_matrix import (
    INDEX_QUERIES,
    LOCALES,
    Seen,
    assert_nothing_leaks,
    get_html,
)

pytestmark = pytest.mark.django_db


def test_feeds(client, matrix):
    seen = {"nl": Seen(), "en": Seen()}
    for query in INDEX_QUERIES:
        for feed in ("feed/", "feed/atom/"):
            seen["nl"].add(get_html(client, matrix.world.index.url + feed + query))
            seen["en"].add(get_html(client, matrix.world.en_index.url + feed + query))
    assert_nothing_leaks(
        "feeds",
        seen,
        matrix,
        {"nl": ["Alassane", "Maria"], "en": ["Alassane", "Maria"]},
    )


def test_export(client, matrix, settings):
    import io

    from django.core.management import call_command

    settings.WAGTAIL_DEFENDERS = {
        **settings.WAGTAIL_DEFENDERS,
        "EXPORT_DOWNLOADS": True,
    }
    seen = {"nl": Seen(), "en": Seen()}
    for locale_code in LOCALES:
        for export_format in ("csv", "json"):
            out = io.StringIO()
            call_command(
                "export_defenders",
                f"--format={export_format}",
                f"--locale={locale_code}",
                stdout=out,
                stderr=io.StringIO(),
            )
            seen[locale_code].add(out.getvalue())
    for query in INDEX_QUERIES:
        for download in ("export.csv", "export.json"):
            seen["nl"].add(get_html(client, matrix.world.index.url + download + query))
            seen["en"].add(
                get_html(client, matrix.world.en_index.url + download + query)
            )
    assert_nothing_leaks(
        "export",
        seen,
        matrix,
        {"nl": ["Alassane", "Maria"], "en": ["Alassane", "Maria"]},
    )
