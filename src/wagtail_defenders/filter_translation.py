"""The index page's filters in another language: for a language switcher.

Term slugs are per language (``?theme=lhbti`` in Dutch, ``?theme=lgbti`` in
English). :func:`translated_filter_query` turns the filters of a request to one
index page into the query string for its translation: each theme, country, city
and status slug becomes the slug of the same term (``translation_key``) in the
target language; ISO country codes, years, the search text and the order stay;
the page number goes (the other language lists other pages). A term without a
version in the target language is left out.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import QueryDict
from wagtail.models import Locale

from .filters import parse_filters
from .models import City, Country, Status, Theme

#: Each term filter: its query parameter, its model and the spec's attribute.
_TERM_FILTERS = (
    ("theme", Theme, "themes"),
    ("country", Country, "countries"),
    ("city", City, "cities"),
    ("status", Status, "statuses"),
)


def translated_filter_query(
    params: QueryDict, source: Locale | int, target: Locale | int
) -> str:
    """The query string (without ``?``) for ``params`` on the translation of an
    index page, from ``source``'s slugs to ``target``'s: one query per kind of
    term filtered by, none without filters. ``""`` when nothing is filtered."""
    source_id = getattr(source, "pk", source)
    target_id = getattr(target, "pk", target)
    spec = parse_filters(params)
    pairs: list[tuple[str, str]] = []
    for parameter, model, attribute in _TERM_FILTERS:
        values = list(getattr(spec, attribute))
        if not values:
            continue
        keys = model.objects.filter(locale_id=source_id, slug__in=values).values(
            "translation_key"
        )
        rows = model.objects.filter(
            translation_key__in=keys, locale_id__in={source_id, target_id}
        ).values_list("locale_id", "slug")
        found = {slug for locale_id, slug in rows if locale_id == source_id}
        slugs = sorted(slug for locale_id, slug in rows if locale_id == target_id)
        # A country's ISO code is the same in every language.
        codes = [
            value
            for value in values
            if model is Country and len(value) == 2 and value not in found
        ]
        kept = slugs + codes
        if kept:
            pairs.append((parameter, ",".join(kept)))
    if spec.years:
        pairs.append(("year", ",".join(str(year) for year in spec.years)))
    if spec.query:
        pairs.append(("q", spec.query))
    if spec.order:
        pairs.append(("order", spec.order))
    return urlencode(pairs, safe=",")
