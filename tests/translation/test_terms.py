"""Translating taxonomy terms: what follows the source, and slugs that clash."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from wagtail_localize.models import (
    StringTranslation,
)

from tests.translation.workflow import (
    start_translation,
    submit,
    sync,
    term,
    translate,
)
from wagtail_defenders.models import (
    Theme,
)

# -- translating terms ---------------------------------------------------------------


def test_term_translation_keeps_code_and_country_link_in_sync(terms, en):
    """Names, slugs and descriptions are translated; code and city-country link synced."""
    mali = terms["mali"]
    mali.description = "West-Afrikaans land."
    mali.sort_order = 3
    mali.save()
    submit(mali, en)
    translate(mali, en, {"West-Afrikaans land.": "A country in West Africa."})
    english_mali = mali.get_translation(en)
    assert (english_mali.name, english_mali.slug, english_mali.code) == (
        "Mali",
        "mali",
        "ML",
    )
    assert english_mali.description == "A country in West Africa."
    assert english_mali.sort_order == 3

    # The city's country: the source's until that country is translated.
    den_haag = terms["den-haag"]
    start_translation(den_haag, en)
    translate(den_haag, en)
    english_den_haag = den_haag.get_translation(en)
    assert (english_den_haag.name, english_den_haag.slug) == ("The Hague", "the-hague")
    assert term(english_den_haag.country) == ("Nederland", "nl")
    submit(terms["nl"], en)
    translate(terms["nl"], en)
    sync(den_haag)
    english_den_haag.refresh_from_db()
    assert term(english_den_haag.country) == ("The Netherlands", "en")

    # Moving the source city to another country moves the translation too.
    den_haag.country = mali
    den_haag.save()
    sync(den_haag)
    english_den_haag.refresh_from_db()
    assert english_den_haag.country == english_mali

    # The synchronised fields follow the source; the translated words stay.
    mali.sort_order = 7
    mali.save()
    sync(mali)
    english_mali.refresh_from_db()
    assert english_mali.sort_order == 7
    assert english_mali.description == "A country in West Africa."
    assert english_mali.code == "ML"


def test_translated_slug_that_clashes_is_refused(terms, en):
    """Two English themes cannot share a slug: the translation is not saved."""
    lhbti, pers = terms["lhbti"], terms["pers"]
    submit(lhbti, en)
    translate(lhbti, en)
    start_translation(pers, en)
    with pytest.raises(ValidationError) as refused:
        translate(pers, en, {"persvrijheid": "lgbti"})
    assert "slug" in refused.value.message_dict
    assert not Theme.objects.filter(
        locale=en, translation_key=pers.translation_key
    ).exists()
    # wagtail-localize shows the error on the translator's string.
    string = StringTranslation.objects.get(
        locale=en, context__object_id=pers.translation_key, context__path="slug"
    )
    assert string.has_error
