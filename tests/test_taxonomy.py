"""Taxonomy terms: slugs per locale, uniqueness, ordering and country codes."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from tests import factories
from wagtail_defenders.models import City, Country, DefenderPage, Theme

pytestmark = pytest.mark.django_db


def test_slug_is_made_from_the_name_when_left_empty():
    theme = factories.theme("Vrijheid van Meningsuiting")
    assert theme.slug == "vrijheid-van-meningsuiting"
    city = factories.city("’s-Hertogenbosch", factories.country("Nederland", "NL"))
    assert city.slug == "s-hertogenbosch"


def test_slug_is_normalised_to_lowercase():
    assert factories.theme("LHBTI", slug="LHBTI").slug == "lhbti"


def test_slug_is_unique_per_locale_with_a_clear_message():
    factories.theme("LHBTI")
    duplicate = Theme(name="Lhbti", slug="lhbti", locale=factories.locale("nl"))
    with pytest.raises(ValidationError) as raised, translation.override("en"):
        duplicate.full_clean()
    with translation.override("en"):
        assert "already uses this slug" in str(raised.value.message_dict["slug"])
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_the_same_slug_may_be_used_in_another_locale():
    dutch = factories.theme("LHBTI")
    english = factories.theme("LGBTI", slug="lhbti", language_code="en")
    english.full_clean()
    assert dutch.slug == english.slug


def test_country_code_is_unique_per_locale_and_validated():
    factories.country("Mali", "ML")
    with pytest.raises(ValidationError) as raised:
        Country(name="Mali 2", code="ML", locale=factories.locale("nl")).full_clean()
    assert "code" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        Country(
            name="Nergensland", code="XX", locale=factories.locale("nl")
        ).full_clean()
    assert "code" in raised.value.message_dict
    factories.country("Mali", "ML", language_code="en").full_clean()


def test_terms_are_ordered_by_sort_order_then_name():
    factories.theme("B")
    factories.theme("A")
    factories.theme("Z", sort_order=-5)
    assert [theme.name for theme in Theme.objects.all()] == ["Z", "A", "B"]


def test_a_city_belongs_to_a_country():
    nederland = factories.country("Nederland", "NL")
    city = factories.city("Utrecht", nederland)
    assert list(nederland.cities.all()) == [city]
    assert City._meta.get_field("country").remote_field.on_delete.__name__ == "PROTECT"


def test_terms_are_translatable_snippets():
    from wagtail.models import TranslatableMixin

    for model in (Theme, Country, City):
        assert issubclass(model, TranslatableMixin)
        assert model.snippet_viewset is not None


def test_term_counts_follow_the_profiles_and_their_language():
    """``with_profile_counts`` counts the given profiles in each term's language,
    matching terms by translation key; ``in_use`` keeps the terms they use."""
    from tests.api_world import build_world

    world = build_world()
    public = DefenderPage.objects.live().public().filter(hide_from_api=False)
    site_profiles = public.in_site_tree(world.index.get_site())

    def counts(model, language):
        terms = (
            model.objects.for_listing()
            .in_locale(factories.locale(language))
            .with_profile_counts(site_profiles)
        )
        return {term.slug: term.profile_count for term in terms}

    # "Gepubliceerd", live with unpublished changes, uses Persvrijheid and Mali.
    assert counts(Theme, "nl") == {"lhbti": 1, "persvrijheid": 2, "milieu": 1}
    assert counts(Theme, "en") == {"lgbti": 1, "press-freedom": 1, "environment": 1}
    assert counts(Country, "nl") == {"mali": 2, "nederland": 1}
    assert counts(City, "en") == {"the-hague": 1, "utrecht": 1}

    # A translation still pointing at the Dutch term counts for the English one.
    DefenderPage.objects.filter(pk=world.maria_en.pk).update(country=world.nl["mali"])
    assert counts(Country, "en") == {"mali": 2, "netherlands": 0}
    in_use = (
        Country.objects.in_locale(factories.locale("en"))
        .with_profile_counts(site_profiles)
        .in_use()
    )
    assert [country.slug for country in in_use] == ["mali"]
