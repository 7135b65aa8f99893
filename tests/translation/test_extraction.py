"""What wagtail-localize extracts of profiles and terms: the translatable
fields and the segments."""

from __future__ import annotations

from wagtail_localize.fields import (
    SynchronizedField,
    TranslatableField,
    get_translatable_fields,
)
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    StringSegment,
    TranslationSource,
)

from wagtail_defenders.models import (
    City,
    Country,
    DefenderPage,
    Theme,
)
from wagtail_defenders.translation import LocalizedRelationField

# -- what wagtail-localize extracts -------------------------------------------------


def test_translatable_fields_of_the_models():
    """Words are translated, identities are synchronised, relations follow the source."""
    fields = {f.field_name: f for f in get_translatable_fields(DefenderPage)}
    assert isinstance(fields["country"], LocalizedRelationField)
    assert isinstance(fields["city"], LocalizedRelationField)
    assert type(fields["defender_themes"]) is TranslatableField
    assert type(fields["related_news"]) is TranslatableField
    assert type(fields["body"]) is TranslatableField
    assert type(fields["introduction"]) is TranslatableField
    assert type(fields["year"]) is SynchronizedField

    for model in (Theme, Country, City):
        fields = {f.field_name: f for f in get_translatable_fields(model)}
        for name in ("name", "slug", "description"):
            assert type(fields[name]) is TranslatableField, (model, name)
        assert type(fields["sort_order"]) is SynchronizedField
    code = {f.field_name: f for f in get_translatable_fields(Country)}["code"]
    assert type(code) is SynchronizedField
    assert not code.overridable
    city_country = {f.field_name: f for f in get_translatable_fields(City)}["country"]
    assert isinstance(city_country, LocalizedRelationField)


def test_profile_segments(alassane):
    """Headings and texts are segments; the relations are references, not text."""
    source, _created = TranslationSource.get_or_create_from_instance(alassane)
    strings = {
        segment.context.path: segment.string.data
        for segment in StringSegment.objects.filter(source=source).select_related(
            "string", "context"
        )
    }
    texts = set(strings.values())
    assert {
        "Over Alassane",
        "Alassane leidt een organisatie in Bamako.",
        "Bedreigingen",
        "Hij wordt bedreigd om zijn werk.",
        "We gaan door.",
        "Een verdediger van LHBTI-rechten uit Mali.",
    } <= texts
    assert any(
        path.startswith("body.") and path.endswith(".heading") for path in strings
    )
    # The section kinds are structure, copied as they are, never sent to translators.
    assert not texts & {"about", "threats"}

    related = {
        segment.context.path: segment.object.get_instance(alassane.locale)
        for segment in RelatedObjectSegment.objects.filter(
            source=source
        ).select_related("context", "object")
    }
    assert related["country"] == alassane.country
    assert related["city"] == alassane.city
    theme_paths = [path for path in related if path.startswith("defender_themes.")]
    assert sorted(related[path].pk for path in theme_paths) == sorted(
        theme.pk for theme in alassane.themes
    )


def test_term_segments(terms):
    """A city's name, slug and description are segments; its country a reference."""
    terms["den-haag"].description = "Zetel van de regering."
    terms["den-haag"].save()
    source, _created = TranslationSource.get_or_create_from_instance(terms["den-haag"])
    assert set(
        StringSegment.objects.filter(source=source).values_list(
            "string__data", flat=True
        )
    ) == {"Den Haag", "den-haag", "Zetel van de regering."}
    [reference] = RelatedObjectSegment.objects.filter(source=source)
    assert reference.context.path == "country"
    assert reference.object.translation_key == terms["nl"].translation_key
    assert not OverridableSegment.objects.filter(source=source).exists()

    country_source, _created = TranslationSource.get_or_create_from_instance(
        terms["mali"]
    )
    paths = set(
        StringSegment.objects.filter(source=country_source).values_list(
            "context__path", flat=True
        )
    )
    assert paths == {"name", "slug"}  # the ISO code is neither text nor overridable
    assert not OverridableSegment.objects.filter(source=country_source).exists()
