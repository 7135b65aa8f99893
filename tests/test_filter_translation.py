"""The index page's filters in another language (wagtail_defenders.filter_translation),
for the language switcher."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.api_world import translate_term
from wagtail_defenders.filter_translation import translated_filter_query

pytestmark = pytest.mark.django_db


def test_slugs_become_the_other_language_slugs(terms):
    nl, en = factories.locale("nl"), factories.locale("en")
    translate_term(terms["lhbti"], "LGBTI", "lgbti")
    translate_term(terms["den-haag"], "The Hague", "the-hague")
    translate_term(terms["mali"], "Mali", "mali-en")
    params = QueryDict(
        "q=&theme=lhbti,persvrijheid&country=mali,NL&city=den-haag&year=2024&page=3"
    )
    query = translated_filter_query(params, nl, en)
    # Persvrijheid has no English version: left out. The ISO code stays.
    assert query == "theme=lgbti&country=mali-en,nl&city=the-hague&year=2024"


def test_no_filters_no_query():
    with CaptureQueriesContext(connection) as queries:
        assert translated_filter_query(QueryDict("q=&page=2"), 1, 2) == ""
    assert len(queries) == 0
