"""The Dutch profile the translation tests translate, and its translations."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests import factories
from tests.translation.notes import (
    NOTE_HEADING,
    NOTE_TEXT,
    PUBLIC_HEADING,
    PUBLIC_TEXT,
    update,
)
from tests.translation.workflow import (
    BODY,
    fresh,
    publish_changes,
    submit,
    translate,
)
from wagtail_defenders.models import (
    DefenderIndexPage,
    DefenderPage,
)

# -- fixtures -----------------------------------------------------------------------


@pytest.fixture
def alassane(index, terms) -> DefenderPage:
    """A Dutch profile with every relation filled, and related news."""
    home = index.get_parent()
    profile = factories.profile(
        index,
        "Alassane",
        slug="alassane",
        country=terms["mali"],
        city=terms["den-haag"],
        themes=[terms["lhbti"], terms["pers"]],
        introduction="Een verdediger van LHBTI-rechten uit Mali.",
        body=BODY,
        related_news=[
            factories.news(home, "Nieuws over Alassane"),
            factories.news(home, "Nog niet vertaald"),
        ],
    )
    # As the admin does, store the editor's order of the themes.
    publish_changes(fresh(profile), themes=[terms["lhbti"], terms["pers"]])
    return fresh(profile)


@pytest.fixture
def translated_profiles(index, alassane, terms, en):
    """Alassane in Dutch and English, and a Dutch-only profile."""
    submit(alassane, en)
    for dutch_term in (terms["lhbti"], terms["pers"], terms["mali"], terms["den-haag"]):
        translate(dutch_term, en)
    translate(alassane, en)
    dutch_only = factories.profile(
        index,
        "Fatima",
        slug="fatima",
        country=terms["nl"],
        city=terms["utrecht"],
        themes=[terms["pers"]],
    )
    english_index = DefenderIndexPage.objects.get(
        translation_key=index.translation_key, locale=en
    )
    return {"nl": index, "en": english_index, "dutch_only": dutch_only}


# -- the notes tests (tests/translation/test_notes*.py) ------------------------------


@pytest.fixture
def admin(db):
    """A superuser, who may use every translation action."""
    return get_user_model().objects.create_superuser("admin", "a@example.org", "pw")


@pytest.fixture
def amina(index, terms) -> DefenderPage:
    """A Dutch profile with a public update and an editor's note."""
    return fresh(
        factories.profile(
            index,
            "Amina",
            slug="amina",
            country=terms["mali"],
            city=terms["utrecht"],
            themes=[terms["lhbti"]],
            introduction="Een verdediger van vrouwenrechten.",
            updates=[
                update("2024-03-01", PUBLIC_HEADING, PUBLIC_TEXT, public=True),
                update("2024-04-02", NOTE_HEADING, NOTE_TEXT, public=False),
            ],
        )
    )
