"""The pure filter parser shared by every listing surface."""

import pytest
from django.http import QueryDict
from django.test import override_settings
from django.utils import translation

from wagtail_defenders.filters import FilterError, FilterSpec, parse_filters


@pytest.fixture(autouse=True)
def english():
    """The messages are compared in English (the test site's language is Dutch)."""
    with translation.override("en"):
        yield


def parse(query: str, **kwargs) -> FilterSpec:
    return parse_filters(QueryDict(query), **kwargs)


def test_empty_query_is_unfiltered():
    spec = parse("")
    assert spec == FilterSpec()
    assert spec.is_valid
    assert not spec.is_filtered


def test_comma_and_repeated_parameters_both_mean_or():
    assert parse("theme=lgbti,press").themes == ("lgbti", "press")
    assert parse("theme=lgbti&theme=press").themes == ("lgbti", "press")
    assert parse("theme=lgbti,press&theme=press").themes == ("lgbti", "press")


def test_values_are_trimmed_lowercased_and_empty_ones_dropped():
    spec = parse("country= ML ,,mali&city=Den-Haag")
    assert spec.countries == ("ml", "mali")
    assert spec.cities == ("den-haag",)


def test_unicode_slugs_are_accepted():
    assert parse("theme=vrijheid-van-meningsuiting,ünïcode").themes == (
        "vrijheid-van-meningsuiting",
        "ünïcode",
    )


def test_years_are_parsed_sorted_and_deduplicated():
    assert parse("year=2024,2019&year=2024").years == (2019, 2024)


@pytest.mark.parametrize(
    "value", ["20x4", "24", "-2024", "2024.0", "99999", "２０２４"]
)
def test_malformed_year_is_an_error_that_says_what_is_accepted(value):
    spec = parse(f"year={value}")
    assert not spec.is_valid
    assert spec.years == ()
    assert "four-digit years" in spec.errors["year"]


@pytest.mark.parametrize("value", ["<script>", "a b", "lgbti;drop", "x\x00y", "%"])
def test_malformed_slug_is_an_error(value):
    spec = parse_filters({"theme": value})
    assert not spec.is_valid
    assert "slugs" in spec.errors["theme"]
    assert spec.themes == ()


def test_country_error_mentions_iso_codes():
    assert "ISO 3166-1" in parse("country=<ml>").errors["country"]


def test_too_many_values_is_an_error():
    spec = parse("theme=" + ",".join(f"t{i}" for i in range(21)))
    assert "at most 20" in spec.errors["theme"]


@override_settings(WAGTAIL_DEFENDERS={"FILTER_MAX_VALUES": 2})
def test_value_limit_follows_the_setting():
    assert not parse("city=a,b,c").is_valid
    assert parse("city=a,b").is_valid


def test_search_query_is_cleaned_of_control_characters_and_extra_spaces():
    spec = parse_filters({"q": "  Alas\x00sane \t\n in   Mali "})
    assert spec.query == "Alassane in Mali"
    assert spec.is_filtered


def test_overlong_search_is_an_error():
    spec = parse("q=" + "a" * 201)
    assert spec.query == ""
    assert "200 characters" in spec.errors["q"]


def test_search_parameter_name_is_configurable():
    spec = parse("search=mali&q=ignored", query_param="search")
    assert spec.query == "mali"


def test_strict_parsing_raises_with_every_bad_parameter():
    with pytest.raises(FilterError) as raised:
        parse("year=abc&theme=<b>&city=ok", strict=True)
    assert set(raised.value.errors) == {"year", "theme"}
    assert "year" in str(raised.value)


def test_unknown_parameters_are_ignored():
    assert parse("page=3&utm_source=x&fields=*") == FilterSpec()


def test_plain_mapping_input():
    spec = parse_filters({"theme": ["a", "b,c"], "year": 2024, "q": "x"})
    assert spec.themes == ("a", "b", "c")
    assert spec.years == (2024,)
    assert spec.query == "x"
