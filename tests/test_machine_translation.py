"""Machine translation through wagtail-localize's own machine-translator interface.

A site switches it on with ``WAGTAILLOCALIZE_MACHINE_TRANSLATOR``
(docs/how-to/machine-translation.md). Here a recording subclass of
wagtail-localize's dummy translator stands for DeepL or Google: the tests drive the
edit-translation view's "Translate with ..." action as a translator does and check
what reached the service. The consent record and the safety settings are never part
of a translation source, so no service ever sees them.
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail_localize.fields import SynchronizedField, get_translatable_fields
from wagtail_localize.machine_translators.dummy import DummyTranslator
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    StringSegment,
    StringTranslation,
    TemplateSegment,
    Translation,
    TranslationSource,
)

from tests import factories
from wagtail_defenders.models import DefenderPage

pytestmark = pytest.mark.django_db

CONSENT_SCOPE = "CONSENT-SCOPE naam en verhaal, geen portret"
SAFETY_FIELDS = {
    "naming",
    "show_pseudonym_notice",
    "withhold_portrait",
    "hide_from_search_engines",
    "hide_from_api",
    "consent_given_on",
    "consent_scope",
    "consent_review_by",
}
INTRODUCTION = "Een verdediger van LHBTI-rechten uit Mali."
MACHINE_TRANSLATOR = {
    "CLASS": "tests.test_machine_translation.RecordingTranslator",
    "OPTIONS": {},
}


class RecordingTranslator(DummyTranslator):
    """wagtail-localize's dummy translator (it reverses the words), keeping what
    it was sent: what a third-party service would receive."""

    display_name = "Recording translator"
    sent: list[str] = []

    def translate(self, source_locale, target_locale, strings):
        RecordingTranslator.sent.extend(string.data for string in strings)
        return super().translate(source_locale, target_locale, strings)


@pytest.fixture(autouse=True)
def machine_translator():
    RecordingTranslator.sent = []
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=MACHINE_TRANSLATOR):
        yield


@pytest.fixture
def profile(index, terms) -> DefenderPage:
    page = factories.profile(
        index,
        "Alassane",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
        introduction=INTRODUCTION,
        body=[
            {
                "type": "section",
                "value": {
                    "kind": "threats",
                    "heading": "Bedreigingen",
                    "text": "<p>Hij wordt bedreigd om zijn werk.</p>",
                },
            }
        ],
    )
    page = DefenderPage.objects.get(pk=page.pk)
    page.naming = "pseudonym"
    page.show_pseudonym_notice = True
    page.consent_given_on = datetime.date(2024, 3, 1)
    page.consent_scope = CONSENT_SCOPE
    page.consent_review_by = datetime.date(2025, 3, 1)
    page.save_revision().publish()
    return DefenderPage.objects.get(pk=page.pk)


@pytest.fixture
def translator(client):
    user = get_user_model().objects.create_superuser("vertaler", "v@example.org", "pw")
    client.force_login(user)
    return user


def submit_in_the_admin(client, profile, en) -> Translation:
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[profile.pk]),
            {"locales": [en.pk]},
        )
    assert response.status_code == 302
    source = TranslationSource.objects.get_for_instance(profile)
    return Translation.objects.get(source=source, target_locale=en)


def test_the_editor_offers_the_machine_translator(client, translator, profile, en):
    submit_in_the_admin(client, profile, en)
    english = DefenderPage.objects.get(
        translation_key=profile.translation_key, locale=en
    )
    response = client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Recording translator" in html
    assert "machine_translate" in html


def test_machine_translate_action_sends_only_translatable_text(
    client, translator, profile, en
):
    translation = submit_in_the_admin(client, profile, en)
    english = DefenderPage.objects.get(
        translation_key=profile.translation_key, locale=en
    )
    edit_url = reverse("wagtailadmin_pages:edit", args=[english.pk])
    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.pk]),
        {"next": edit_url},
    )
    assert response.status_code == 302
    assert response["Location"] == edit_url

    sent = RecordingTranslator.sent
    assert INTRODUCTION in sent
    assert "Bedreigingen" in sent
    for text in sent:
        assert "CONSENT-SCOPE" not in text
        assert "2024-03-01" not in text and "2025-03-01" not in text
        assert text not in {"pseudonym", "True", "False"}
    # The dummy reverses the words; the translator's strings are stored.
    assert StringTranslation.objects.filter(
        locale=en, data="Mali. uit LHBTI-rechten van verdediger Een"
    ).exists()

    # Published, the translation carries the consent record copied, not translated.
    with TestCase.captureOnCommitCallbacks(execute=True):
        Translation.objects.get(pk=translation.pk).save_target(publish=True)
    english = DefenderPage.objects.get(pk=english.pk)
    assert english.introduction == "Mali. uit LHBTI-rechten van verdediger Een"
    assert english.consent_scope == CONSENT_SCOPE
    assert english.consent_given_on == datetime.date(2024, 3, 1)
    assert english.naming == "pseudonym"


def test_safety_fields_are_no_segments_of_any_translation_source(profile, en):
    source, _created = TranslationSource.get_or_create_from_instance(profile)
    paths = set()
    for segment_model in (
        StringSegment,
        OverridableSegment,
        RelatedObjectSegment,
        TemplateSegment,
    ):
        paths |= set(
            segment_model.objects.filter(source=source).values_list(
                "context__path", flat=True
            )
        )
    assert paths  # the source has segments...
    assert (
        not {path.split(".")[0] for path in paths} & SAFETY_FIELDS
    )  # ...none of these
    strings = StringSegment.objects.filter(source=source).values_list(
        "string__data", flat=True
    )
    assert not [text for text in strings if "CONSENT-SCOPE" in text]
    overridden = OverridableSegment.objects.filter(source=source).values_list(
        "data_json", flat=True
    )
    assert not [data for data in overridden if "CONSENT-SCOPE" in data]


def test_without_the_setting_there_is_no_machine_translation(
    client, translator, profile, en
):
    translation = submit_in_the_admin(client, profile, en)
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=None):
        response = client.post(
            reverse("wagtail_localize:machine_translate", args=[translation.pk])
        )
    assert response.status_code == 404
    assert RecordingTranslator.sent == []


def test_no_value_of_a_consent_or_safety_field_is_in_any_segment(index, terms):
    """Every field the profile declares ``SynchronizedField(overridable=False)``:
    its value, in any form, is in no string, template or overridable segment."""
    declared = {
        field.field_name
        for field in get_translatable_fields(DefenderPage)
        if isinstance(field, SynchronizedField) and not field.overridable
    }
    assert declared == SAFETY_FIELDS
    page = factories.profile(
        index,
        "Amina",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"]],
        introduction=INTRODUCTION,
        body=[
            {
                "type": "section",
                "value": {
                    "kind": "threats",
                    "heading": "Bedreigingen",
                    "text": '<p>Zie <a href="https://example.org/amina">haar verhaal</a>.</p>',
                },
            }
        ],
    )
    page = DefenderPage.objects.get(pk=page.pk)
    page.naming = "pseudonym"
    page.show_pseudonym_notice = True
    page.withhold_portrait = True
    page.hide_from_search_engines = True
    page.hide_from_api = True
    page.consent_given_on = datetime.date(2024, 3, 1)
    page.consent_scope = CONSENT_SCOPE
    page.consent_review_by = datetime.date(2025, 3, 1)
    page.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(
        DefenderPage.objects.get(pk=page.pk)
    )

    texts = list(
        StringSegment.objects.filter(source=source).values_list(
            "string__data", flat=True
        )
    )
    texts += TemplateSegment.objects.filter(source=source).values_list(
        "template__template", flat=True
    )
    overridden = [
        json.loads(data)
        for data in OverridableSegment.objects.filter(source=source).values_list(
            "data_json", flat=True
        )
    ]
    assert INTRODUCTION in texts
    assert overridden == ["https://example.org/amina"]  # the check can bite
    for name in sorted(declared):
        value = getattr(page, name)
        assert value not in overridden, name
        if isinstance(value, bool):
            continue
        form = value.isoformat() if isinstance(value, datetime.date) else str(value)
        assert not [text for text in texts if form in text], name
        assert not [data for data in overridden if form in str(data)], name
