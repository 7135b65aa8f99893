"""A single-language site (``WAGTAIL_I18N_ENABLED = False``): create, list, filter.

The tests run with the suite's settings under ``override_settings``, and once more
in a subprocess with ``tests.settings_single_language``, where wagtail-localize is
not even in ``INSTALLED_APPS``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from tests import factories
from wagtail_defenders.models import DefenderPage, Theme

ROOT = Path(__file__).resolve().parent.parent
SUBPROCESS_FLAG = "DEFENDERS_SINGLE_LANGUAGE_RUN"


@override_settings(
    WAGTAIL_I18N_ENABLED=False,
    LANGUAGE_CODE="nl",
    LANGUAGES=[("nl", "Nederlands")],
    WAGTAIL_CONTENT_LANGUAGES=[("nl", "Nederlands")],
)
class SingleLanguageSiteTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = factories.site_with_home()
        cls.index = factories.index_page(cls.home)
        cls.mali = factories.country("Mali", "ML")
        cls.nederland = factories.country("Nederland", "NL")
        cls.den_haag = factories.city("Den Haag", cls.nederland)
        cls.utrecht = factories.city("Utrecht", cls.nederland)
        cls.pers = factories.theme("Persvrijheid")
        cls.user = get_user_model().objects.create_superuser(
            "editor", "editor@example.org", "pw"
        )

    def setUp(self):
        self.client.force_login(self.user)

    def create_term_in_the_admin(self) -> Theme:
        from django.urls import reverse

        response = self.client.post(
            reverse(Theme.snippet_viewset.get_url_name("add")),
            {"name": "LHBTI", "slug": "", "description": "", "sort_order": "0"},
        )
        self.assertEqual(response.status_code, 302)
        return Theme.objects.get(name="LHBTI")

    def create_profile_in_the_admin(self, title: str, city, themes) -> DefenderPage:
        data = nested_form_data(
            {
                "title": title,
                "slug": title.lower(),
                "introduction": f"{title} is een mensenrechtenverdediger.",
                "portrait": "",
                "portrait_alt_text": "",
                "naming": "first_name",
                "country": str(self.mali.pk),
                "city": str(city.pk),
                "year": "2024",
                "stay_start_date": "",
                "stay_end_date": "",
                "body": streamfield(
                    [
                        (
                            "section",
                            {
                                "kind": "threats",
                                "heading": "Bedreigingen",
                                "text": rich_text("<p>Onder druk.</p>"),
                            },
                        )
                    ]
                ),
                "defender_themes": inline_formset(
                    [{"theme": str(theme.pk)} for theme in themes]
                ),
                "updates": inline_formset([]),
                "related_news": inline_formset([]),
                "consent_records": inline_formset([]),
            }
        )
        self.assertCanCreate(self.index, DefenderPage, data)
        return DefenderPage.objects.get(slug=title.lower())

    def listed(self, query: str = "") -> list[str]:
        response = self.client.get(f"{self.index.url}{query}")
        self.assertEqual(response.status_code, 200)
        return sorted(p.title for p in response.context["profiles"].object_list)

    def test_create_list_and_filter(self):
        default_locale = Locale.get_default()
        lhbti = self.create_term_in_the_admin()
        self.assertEqual((lhbti.slug, lhbti.locale), ("lhbti", default_locale))
        alassane = self.create_profile_in_the_admin(
            "Alassane", self.den_haag, [lhbti, self.pers]
        )
        self.create_profile_in_the_admin("Fatima", self.utrecht, [self.pers])
        self.assertTrue(alassane.live)
        self.assertEqual(alassane.locale, default_locale)
        self.assertEqual(alassane.themes, [lhbti, self.pers])

        self.assertEqual(self.index.url, "/defenders/")
        self.assertEqual(self.listed(), ["Alassane", "Fatima"])
        self.assertEqual(self.listed("?theme=lhbti"), ["Alassane"])
        self.assertEqual(self.listed("?theme=persvrijheid&city=utrecht"), ["Fatima"])
        self.assertEqual(self.listed("?country=ml&year=2024"), ["Alassane", "Fatima"])
        self.assertEqual(self.listed("?theme=lgbti"), [])

        html = self.client.get(alassane.url).content.decode()
        self.assertIn("Bedreigingen", html)
        self.assertIn("Den Haag", html)


@pytest.mark.own_database
@pytest.mark.skipif(
    os.environ.get(SUBPROCESS_FLAG) == "1", reason="already the single-language run"
)
def test_without_wagtail_localize_installed():
    """The same tests pass on a site without wagtail-localize in INSTALLED_APPS."""
    assert "wagtail_localize" in settings.INSTALLED_APPS  # the suite's own settings
    environment = {
        key: value for key, value in os.environ.items() if key != "DATABASE_URL"
    }
    environment[SUBPROCESS_FLAG] = "1"
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "pytest",
            "--ds=tests.settings_single_language",
            "-p",
            "no:cacheprovider",
            "-q",
            __file__,
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "1 passed, 1 skipped" in result.stdout, result.stdout[-3000:]
