"""A language added to a site gets the default statuses (issue 16): named in
it, each in its status's translation group, where the editors left it in the
list; what the editors deleted stays deleted."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Locale

from tests import factories
from wagtail_defenders.models import Status
from wagtail_defenders.status_defaults import DEFAULT_STATUSES

pytestmark = pytest.mark.django_db

CODES = [code for code, _names in DEFAULT_STATUSES]

LANGUAGES = [
    ("nl", "Nederlands"),
    ("en", "English"),
    ("fr", "Français"),
    ("de", "Deutsch"),
]


def names(language_code: str) -> dict[str, str]:
    return dict(
        Status.objects.filter(locale__language_code=language_code).values_list(
            "code", "name"
        )
    )


@override_settings(LANGUAGES=LANGUAGES, WAGTAIL_CONTENT_LANGUAGES=LANGUAGES)
def test_a_language_added_in_the_admin_gets_the_statuses_named_in_it(admin_client):
    response = admin_client.post(reverse("wagtaillocales:add"), {"language_code": "fr"})
    assert response.status_code == 302, response.content.decode()[:2000]
    french = names("fr")
    assert sorted(french) == sorted(CODES)
    assert french["detained"] == "En détention"
    detained = Status.objects.get(locale__language_code="fr", code="detained")
    dutch = Status.objects.get(locale__language_code="nl", code="detained")
    assert detained.translation_key == dutch.translation_key
    assert detained.slug == "en-détention"
    assert dutch.get_translation(detained.locale) == detained


@override_settings(LANGUAGES=LANGUAGES, WAGTAIL_CONTENT_LANGUAGES=LANGUAGES)
def test_editors_choices_hold_in_a_new_language():
    """A deleted default status is not brought back, a reordered one keeps its
    place, a status of the editors' own is left to translation, and a
    language the list has no names for gets the English ones."""
    Status.objects.filter(code="killed").delete()
    Status.objects.filter(code="released").update(sort_order=1)
    factories.status("in-hiding", "Ondergedoken")
    german = Locale.objects.create(language_code="de")
    made = Status.objects.filter(locale=german)
    assert sorted(made.values_list("code", flat=True)) == sorted(
        set(CODES) - {"killed"}
    )
    assert made.get(code="released").sort_order == 1
    assert made.get(code="detained").name == "Detained"


@override_settings(LANGUAGES=LANGUAGES, WAGTAIL_CONTENT_LANGUAGES=LANGUAGES)
def test_a_status_the_language_already_has_is_left_alone():
    english = Locale.objects.create(language_code="en")
    Status.objects.filter(locale=english, code="detained").update(name="Jailed")
    english.save()  # saved again, not created: nothing is seeded twice
    assert names("en")["detained"] == "Jailed"
    assert Status.objects.filter(locale=english).count() == len(CODES)


def test_loaddata_seeds_nothing(tmp_path):
    """A fixture holding a locale brings its own statuses (raw saves)."""
    path = tmp_path / "locale.json"
    path.write_text(
        '[{"model": "wagtailcore.locale", "pk": 900, "fields": {"language_code": "en"}}]'
    )
    call_command("loaddata", str(path), verbosity=0)
    assert not Status.objects.filter(locale_id=900).exists()
