"""What feed readers and an export get leaks nothing (the leak matrix,
``tests/leak_matrix.py``): the RSS and Atom feeds, the export command and the
downloads."""

from __future__ import annotations

import pytest

from tests.leak_matrix import (
    LOCALES,
    assert_nothing_leaks,
    seen_at_the_indexes,
    seen_in_each_language,
)

pytestmark = pytest.mark.django_db


def test_feeds(client, matrix):
    seen = seen_at_the_indexes(client, matrix, ("feed/", "feed/atom/"))
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
    seen = seen_in_each_language()
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
    seen_at_the_indexes(client, matrix, ("export.csv", "export.json"), seen)
    assert_nothing_leaks(
        "export",
        seen,
        matrix,
        {"nl": ["Alassane", "Maria"], "en": ["Alassane", "Maria"]},
    )
